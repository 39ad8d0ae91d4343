"""What each part of the store (retrieval/store.py) builds on: the one connection and the lock
that makes writes take turns on it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreConnection:
    """One open SQLite database, shared by the store's parts (each a mixin of `Store`)."""

    def __init__(self, db: aiosqlite.Connection, path: Path):
        self._db = db
        self.path = path
        # One connection serves everyone: a write (a logged question, feedback) made while a
        # refresh's transaction is open would commit or roll back with it, so writes take turns.
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction, taking its turn: committed when the block ends, rolled back
        when it raises or is cancelled (so no half-applied change is left for the next writer)."""
        async with self._write_lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise
