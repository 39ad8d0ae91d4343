"""The dense index saved beside the search index, as its arrays: a cold `ask` reads them in one
go instead of reading, checking and aligning every stored vector (most of what dense retrieval
added to a cold `ask` at 20,000 articles). Saved for one index and one state of the stored
vectors (the store's embeddings_version, bumped by every write of vectors): anything else is
loaded the long way (retrieval/embedding.py)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3

import numpy as np

from retrieval.dense_index import DenseIndex
from retrieval.embedder import Embedder
from retrieval.index import SearchIndex
from retrieval.store import Store
from retrieval.store_index_blobs import DENSE_BLOBS
from retrieval.store_snapshot import StoreSnapshot
from retrieval.store_vectors import VERSION_KEY
from retrieval.word_tables import signature as index_signature

log = logging.getLogger(__name__)
SIGNATURE = f"{DENSE_BLOBS}signature"


def signature(index: SearchIndex, model: str, version: str | None) -> bytes:
    """What a saved dense index was made from: the search index, the model, the vectors' state."""
    made_from = b"%s:%s:%s" % (index_signature(index), model.encode(), (version or "0").encode())
    return hashlib.sha256(made_from).hexdigest().encode("ascii")


async def load(store: Store, index: SearchIndex, embedder: Embedder) -> DenseIndex | None:
    """The dense index saved for `index` and the stored vectors as they are; None when there is
    none, or it was made from something else."""

    def read() -> dict[str, bytes] | None:
        with store.snapshot() as snapshot:
            row = snapshot.db.execute("SELECT value FROM meta WHERE key = ?", (VERSION_KEY,)).fetchone()
            wanted = signature(index, embedder.name, row[0] if row else None)
            return snapshot.index_blobs(DENSE_BLOBS) if _saved_signature(snapshot) == wanted else None

    blobs = await asyncio.to_thread(read)
    if blobs is None:
        return None
    dim = embedder.dim
    articles = np.frombuffer(blobs[f"{DENSE_BLOBS}articles"], dtype=np.float32).reshape(-1, dim)
    positions = np.frombuffer(blobs[f"{DENSE_BLOBS}positions"], dtype=np.int64)
    passages = np.frombuffer(blobs[f"{DENSE_BLOBS}passages"], dtype=np.float32).reshape(-1, dim)
    if not (np.isfinite(articles).all() and np.isfinite(passages).all()):
        return None  # damaged: one NaN would make every answer "not found"
    doc_rows = np.asarray(index.passages.doc_index, dtype=np.int64)
    return DenseIndex(embedder, articles, doc_rows, positions, passages)


async def save(store: Store, index: SearchIndex, dense: DenseIndex) -> None:
    """Save `dense`, made for `index` from the vectors the store holds now, unless it is saved
    already. (Vectors another process saves meanwhile may be missing from it: they are then
    scored by their article's vector until the next save, never by a wrong one.)"""
    wanted = signature(index, dense.embedder.name, await store.get_meta(VERSION_KEY))

    def saved() -> bytes | None:
        with store.snapshot() as snapshot:
            return _saved_signature(snapshot)

    if await asyncio.to_thread(saved) == wanted:
        return
    arrays = {"articles": dense.articles, "positions": dense.positions.astype(np.int64)}
    arrays["passages"] = dense.passages
    blobs = {f"{DENSE_BLOBS}{name}": np.ascontiguousarray(array).tobytes() for name, array in arrays.items()}
    try:
        await store.save_side_blobs(DENSE_BLOBS, blobs | {SIGNATURE: wanted})
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not save the dense index: %s", exc)  # loaded the long way next time


def _saved_signature(snapshot: StoreSnapshot) -> bytes | None:
    row = snapshot.db.execute("SELECT data FROM index_blobs WHERE name = ?", (SIGNATURE,)).fetchone()
    return bytes(row[0]) if row else None
