"""The question log, written in batches: one transaction every `interval` seconds instead of a
commit (and an fsync) per question.

A question gets its id at once, from a counter started at the store's highest id, so the answer
and its buttons (which carry the id) go out without waiting for SQLite, even while a reindex
holds the store's write lock. The bot must therefore be the only process logging questions to
its store (it is: one bot per store). Rows not yet written are read from memory (`logged`);
`flush` writes them now (before /stats counts them), `close` writes the rest on shutdown, and
a failed write keeps them for the next try.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import astuple, dataclass

from retrieval.models import LoggedQuery
from retrieval.store import Store
from retrieval.store_connection import now_iso

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryRow:
    """One asked question, as the `queries` table holds it."""

    id: int
    asked_at: str
    question: str
    lang: str
    chat_type: str
    user_id: int | None
    answered: bool
    took_ms: float
    top_doc_id: str | None
    results: int


class QueryLog:
    """Batching writer of the store's `queries` table; `await start()` before `add`."""

    def __init__(self, store: Store, interval: float = 0.05):
        self.store = store
        self.interval = interval
        self._next_id = 0
        self._pending: dict[int, QueryRow] = {}
        self._writer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._closing = asyncio.Event()
        self._flush_lock = asyncio.Lock()

    async def start(self) -> None:
        self._next_id = await self.store.max_query_id() + 1
        self._writer = asyncio.create_task(self._write_every_interval(), name="query log writer")

    def add(
        self,
        *,
        question: str,
        lang: str,
        chat_type: str,
        user_id: int | None,
        answered: bool,
        took_ms: float,
        top_doc_id: str | None,
        results: int,
    ) -> int:
        """Log a question (written within `interval` seconds); returns its id."""
        if self._writer is None:
            raise RuntimeError("QueryLog.start() was not awaited")
        query_id, self._next_id = self._next_id, self._next_id + 1
        self._pending[query_id] = QueryRow(
            query_id, now_iso(), question, lang, chat_type, user_id, answered, took_ms, top_doc_id, results
        )
        self._wake.set()
        return query_id

    async def logged(self, query_id: int) -> LoggedQuery | None:
        """A logged question by id, written yet or not."""
        row = self._pending.get(query_id)
        if row is not None:
            return LoggedQuery(row.id, row.question, row.lang)
        return await self.store.logged_query(query_id)

    async def flush(self) -> None:
        """Write every question logged so far."""
        async with self._flush_lock:
            rows = list(self._pending.values())
            if not rows:
                return
            await self.store.insert_queries([astuple(row) for row in rows])
            for row in rows:
                del self._pending[row.id]

    async def close(self) -> None:
        """Stop the writer and write what is left."""
        if self._writer is not None:
            self._closing.set()
            self._wake.set()
            await self._writer  # not cancelled: a write cut short might yet commit
            self._writer = None
        await self.flush()

    async def _write_every_interval(self) -> None:
        while not self._closing.is_set():
            await self._wake.wait()
            # Gather the questions of the next `interval` s, unless closing.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.interval)
            self._wake.clear()
            try:
                await self.flush()
            except Exception:
                logger.exception("could not write %d logged questions; trying again", len(self._pending))
                self._wake.set()
