"""The saved search index (retrieval/saved_index.py) in the store: named blobs, split into chunks
so that no single value nears SQLite's size limit, replaced whole in one transaction."""

from __future__ import annotations

from retrieval.store_connection import StoreConnection

_BLOB_CHUNK = 64 << 20
# Blobs of the saved name index (retrieval/english/saved_names.py) start with this.
NAME_BLOBS = "names."


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

    async def save_name_blobs(self, blobs: dict[str, bytes]) -> None:
        """Save the name index (names NAME_BLOBS...) beside the saved search index; it goes
        when the search index is saved again (it was built from that index's words)."""
        rows = [
            (name, number, data[at : at + _BLOB_CHUNK])
            for name, data in blobs.items()
            for number, at in enumerate(range(0, max(len(data), 1), _BLOB_CHUNK))
        ]
        async with self._transaction() as db:
            await db.execute(f"DELETE FROM index_blobs WHERE name LIKE '{NAME_BLOBS}%'")
            await db.executemany("INSERT INTO index_blobs VALUES (?,?,?)", rows)
