"""The store's passage vectors (retrieval/embedding.py), keyed by model and passage text hash
so an unchanged passage is never embedded twice, whatever file or position it moves to."""

from __future__ import annotations

from retrieval.store_connection import StoreConnection

# Bumped by every write of vectors: what the saved dense index (retrieval/saved_dense.py) was
# made from is then no longer what the store holds.
VERSION_KEY = "embeddings_version"
VERSION_BUMP = (
    f"INSERT INTO meta(key, value) VALUES ('{VERSION_KEY}', '1') "
    "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)


class PassageVectors(StoreConnection):
    """Passage embeddings by model (a part of `Store`)."""

    async def embeddings(self, model: str) -> dict[str, bytes]:
        """Every stored vector of `model`, by passage key."""
        async with self._db.execute("SELECT key, vector FROM embeddings WHERE model = ?", (model,)) as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def put_embeddings(
        self, model: str, vectors: dict[str, bytes], keep: set[str] | None = None
    ) -> None:
        """Store vectors of `model`; with `keep`, drop this model's vectors whose key is not in it."""
        # Embedding runs beside the bot's other writes (a batch is saved as soon as it is made),
        # so it takes its turn like they do.
        async with self._transaction() as db:
            await db.executemany(
                "INSERT OR REPLACE INTO embeddings(model, key, vector) VALUES (?,?,?)",
                [(model, key, blob) for key, blob in vectors.items()],
            )
            await db.execute(VERSION_BUMP)
            if keep is not None:
                sql = "SELECT key FROM embeddings WHERE model = ?"
                async with db.execute(sql, (model,)) as cursor:
                    stale = [(model, row[0]) async for row in cursor if row[0] not in keep]
                await db.executemany("DELETE FROM embeddings WHERE model = ? AND key = ?", stale)
