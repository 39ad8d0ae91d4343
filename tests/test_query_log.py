"""retrieval/query_log.py: questions get their ids at once and are written in batches, none lost
on shutdown; and through the bot, a question answered just before it stops is in the store."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, running_bot

from retrieval.models import LoggedQuery
from retrieval.query_log import QueryLog
from retrieval.store import Store

ASKED = {"lang": "ar", "chat_type": "private", "user_id": 7, "answered": True, "took_ms": 2.5, "results": 3}


def stored(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT id, question, answered, top_doc_id FROM queries ORDER BY id").fetchall()


def test_ids_come_at_once_rows_are_read_before_and_after_writing_and_close_writes_the_rest(
    tmp_path: Path,
) -> None:
    async def body() -> None:
        store = await Store.open(tmp_path / "store.sqlite3")
        try:
            first = QueryLog(store, interval=60)  # no timed write during the test
            await first.start()
            one = first.add(question="س1", top_doc_id="d1", **ASKED)
            two = first.add(question="س2", top_doc_id=None, **ASKED)
            assert (one, two) == (1, 2)
            assert await first.logged(two) == LoggedQuery(2, "س2", "ar")  # not written yet
            await first.flush()
            assert stored(store.path) == [(1, "س1", 1, "d1"), (2, "س2", 1, None)]
            assert await first.logged(two) == LoggedQuery(2, "س2", "ar")  # now from the store
            three = first.add(question="س3", top_doc_id=None, **ASKED)
            # Closing does not sit out the writer's 60 s wait for more questions.
            await asyncio.wait_for(first.close(), 10)
            assert [row[0] for row in stored(store.path)] == [1, 2, three]

            again = QueryLog(store)  # after a restart, ids go on from the highest
            await again.start()
            assert again.add(question="س4", top_doc_id=None, **ASKED) == 4
            await again.close()
            assert [row[1] for row in stored(store.path)] == ["س1", "س2", "س3", "س4"]
            assert await again.logged(99) is None
        finally:
            await store.close()

    run(body)


def test_the_writer_writes_by_itself(tmp_path: Path) -> None:
    async def body() -> None:
        store = await Store.open(tmp_path / "store.sqlite3")
        try:
            log = QueryLog(store, interval=0.01)
            await log.start()
            log.add(question="س", top_doc_id=None, **ASKED)
            while not stored(store.path):
                await asyncio.sleep(0.01)
            await log.close()
            assert len(stored(store.path)) == 1
        finally:
            await store.close()

    run(body)


def test_a_question_answered_just_before_the_bot_stops_is_logged(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR)).result["text"]
            path = bot.engine.store.path
        assert [row[1] for row in stored(path)] == [GENEVA_AR]

    run(body)
