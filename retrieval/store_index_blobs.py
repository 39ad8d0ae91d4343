"""The saved search index (retrieval/saved_index.py) in the store: named blobs, split into chunks
so that no single value nears SQLite's size limit, replaced whole in one transaction."""

from __future__ import annotations

from retrieval.store_connection import StoreConnection

_BLOB_CHUNK = 64 << 20
# Blobs saved beside the search index start with these: the name index and vector keys
# (retrieval/word_tables.py) and the dense index (retrieval/saved_dense.py).
NAME_BLOBS = "names."
DENSE_BLOBS = "dense."
SIDE_BLOBS = (NAME_BLOBS, DENSE_BLOBS)


class IndexBlobs(StoreConnection):
    """Writes the saved index (a part of `Store`; `StoreSnapshot` reads it)."""

    async def save_index_blobs(self, blobs: dict[str, bytes | memoryview]) -> None:
        rows = [
            (name, number, memoryview(data)[at : at + _BLOB_CHUNK])  # views: no copy of the index
            for name, data in blobs.items()
            for number, at in enumerate(range(0, max(len(data), 1), _BLOB_CHUNK))
        ]
        async with self._transaction() as db:
            await db.execute("DELETE FROM index_blobs")
            await db.executemany("INSERT INTO index_blobs VALUES (?,?,?)", rows)

    async def save_side_blobs(self, prefix: str, blobs: dict[str, bytes]) -> None:
        """Save blobs named `prefix`... (one of SIDE_BLOBS) beside the saved search index in
        place of those saved before; they go when the search index is saved again (they were
        made for that index)."""
        rows = [
            (name, number, data[at : at + _BLOB_CHUNK])
            for name, data in blobs.items()
            for number, at in enumerate(range(0, max(len(data), 1), _BLOB_CHUNK))
        ]
        async with self._transaction() as db:
            await db.execute("DELETE FROM index_blobs WHERE name LIKE ?", (f"{prefix}%",))
            await db.executemany("INSERT INTO index_blobs VALUES (?,?,?)", rows)
