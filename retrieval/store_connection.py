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
        self._check: asyncio.Future[None] | None = None  # a page check still running (`checked`)

    async def checked(self) -> None:
        """Wait for the page check `Store.open(check_meanwhile=True)` left running; raises its
        StoreError when the store is damaged. Every write waits for it first."""
        if self._check is not None:
            await self._check

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction, taking its turn: committed when the block ends, rolled back
        when it raises or is cancelled (so no half-applied change is left for the next writer)."""
        await self.checked()  # nothing is written into a store whose check has not passed
        async with self._write_lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise
