"""Per-day figures for the /stats chart: questions (answered or not) and articles added, counted
by the day a document was first indexed, kept through rewrites and filled in for older stores."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from corpus import BUNDLED_CORPUS
from retrieval.engine import Engine
from retrieval.models import DayActivity
from retrieval.store import SCHEMA_VERSION, Store

GENEVA = "003_b556f401f158842d"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


async def refresh(db: Path, corpus: Path) -> None:
    engine = await Engine.open(db, corpus)
    try:
        await engine.refresh()
    finally:
        await engine.close()


async def activity(db: Path, first: date, days: int) -> list[DayActivity]:
    store = await Store.open(db)
    try:
        return await store.daily_activity(first, days)
    finally:
        await store.close()


def execute(db: Path, *statements: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = []
        for sql in statements:
            rows = conn.execute(sql).fetchall()
        conn.commit()
        return rows


def test_a_changed_article_keeps_the_day_it_was_first_indexed(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "store.sqlite3"
    asyncio.run(refresh(db, corpus))
    execute(db, f"UPDATE document_first_seen SET at = '2025-01-02T10:00:00+00:00' WHERE doc_id = '{GENEVA}'")
    path = corpus / f"{GENEVA}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة أضيفت بعد النشر.\n", encoding="utf-8")
    asyncio.run(refresh(db, corpus))  # the file's documents are deleted and inserted again

    rows = execute(
        db,
        f"SELECT d.indexed_at, f.at FROM documents d JOIN document_first_seen f USING (doc_id) "
        f"WHERE doc_id = '{GENEVA}'",
    )
    assert rows[0][0] > "2025-01-03" and rows[0][1] == "2025-01-02T10:00:00+00:00"
    days = asyncio.run(activity(db, date(2025, 1, 1), 3))
    assert [day.articles for day in days] == [0, 1, 0]


def test_a_store_from_before_first_seen_is_migrated_from_indexed_at(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "store.sqlite3"
    asyncio.run(refresh(db, corpus))
    execute(  # the store as schema version 3 left it
        db,
        "DROP TRIGGER documents_first_seen",
        "DROP TABLE document_first_seen",
        "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
        "UPDATE documents SET indexed_at = '2024-03-04T08:00:00+00:00'",
    )
    days = asyncio.run(activity(db, date(2024, 3, 3), 3))
    assert [day.articles for day in days] == [0, 5, 0]
    assert execute(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    mtime = db.stat().st_mtime_ns
    asyncio.run(activity(db, date(2024, 3, 3), 3))
    assert db.stat().st_mtime_ns == mtime  # migrated once: opening again writes nothing


def test_questions_per_day_with_quiet_days_and_removed_articles(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "store.sqlite3"
    asyncio.run(refresh(db, corpus))
    asked = [
        ("2025-02-28T23:59:59+00:00", 1),  # the day before the window
        ("2025-03-01T00:00:00+00:00", 1),
        ("2025-03-01T12:00:00+00:00", 0),
        ("2025-03-01T23:59:59+00:00", 0),
        ("2025-03-03T09:00:00+00:00", 1),
    ]
    execute(
        db,
        *(
            "INSERT INTO queries(asked_at, question, lang, chat_type, answered, took_ms, results) "
            f"VALUES ('{at}', 'س', 'ar', 'private', {answered}, 1.0, 0)"
            for at, answered in asked
        ),
        "UPDATE document_first_seen SET at = '2025-03-02T07:00:00+00:00'",
    )
    (corpus / f"{GENEVA}.txt").unlink()  # removed: no longer counted as added
    asyncio.run(refresh(db, corpus))

    days = asyncio.run(activity(db, date(2025, 3, 1), 4))
    assert days == [
        DayActivity(date(2025, 3, 1), questions=3, answered=1, articles=0),
        DayActivity(date(2025, 3, 2), questions=0, answered=0, articles=4),
        DayActivity(date(2025, 3, 3), questions=1, answered=1, articles=0),
        DayActivity(date(2025, 3, 4), questions=0, answered=0, articles=0),
    ]
    assert days[0].not_found == 2
