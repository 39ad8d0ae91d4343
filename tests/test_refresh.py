"""Refreshing the store from a corpus directory: no-op, add, change, remove, bad files, bad DB."""

import asyncio
import contextlib
import json
import shutil
import sqlite3

import pytest

from corpus import BUNDLED_CORPUS
from retrieval.engine import Engine
from retrieval.models import CorpusError, StoreError

NEW_ARTICLE = """---
title: قمة المناخ في غلاسكو
source: وكالة اختبار
date: 2021-11-13
url: https://example.org/cop26
---
قمة المناخ في غلاسكو
اختتمت قمة المناخ في غلاسكو أعمالها باتفاق على خفض استخدام الفحم تدريجياً.
وقال المشاركون إن الاتفاق خطوة أولى نحو تحقيق أهداف المناخ.
"""


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def run(coro):
    return asyncio.run(coro)


async def refreshed(db, corpus):
    engine = await Engine.open(db, corpus)
    try:
        report = await engine.refresh()
        return report, any(r.doc_id == "extra/cop26" for r in engine.answer("الفحم", k=10).results)
    finally:
        await engine.close()


def test_first_index_then_unchanged_is_a_noop(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    first, _ = run(refreshed(db, corpus))
    assert (first.documents, len(first.added)) == (5, 5) and first.passages > 20
    mtime = db.stat().st_mtime_ns
    again, _ = run(refreshed(db, corpus))
    assert not again.modified and again.documents == 5 and again.passages == first.passages
    assert db.stat().st_mtime_ns == mtime


def test_add_change_remove(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))
    (corpus / "extra" / "cop26.txt").parent.mkdir()
    (corpus / "extra" / "cop26.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report, found = run(refreshed(db, corpus))
    assert report.added == ["extra/cop26"] and report.documents == 6 and found

    path = corpus / "extra" / "cop26.txt"
    path.write_text(NEW_ARTICLE.replace("الفحم", "النفط"), encoding="utf-8")
    report, found = run(refreshed(db, corpus))
    assert report.changed == ["extra/cop26"] and not found

    path.unlink()
    (corpus / "004_12871d6771f6bc02.txt").unlink()
    report, _ = run(refreshed(db, corpus))
    assert sorted(report.removed) == ["004_12871d6771f6bc02", "extra/cop26"]
    assert report.documents == 4


def test_touched_but_identical_file_is_not_reindexed(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))
    path = corpus / "000_758033c16f9c693b.txt"
    path.write_bytes(path.read_bytes())
    report, _ = run(refreshed(db, corpus))
    assert not report.modified


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary"),
        ("نص عربي".encode("cp1256"), "not UTF-8"),
        (b"   \n\n", "empty"),
        ("---\ntitle: x\ndate: 14/07/2021\n---\nنص الخبر هنا بما يكفي.".encode(), "date must be"),
    ],
)
def test_bad_file_is_reported_and_old_version_keeps_serving(tmp_path, corpus, content, message):
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))
    (corpus / "003_b556f401f158842d.txt").write_bytes(content)
    report, _ = run(refreshed(db, corpus))
    assert len(report.errors) == 1 and "003_b556f401f158842d.txt" in report.errors[0]
    assert message in report.errors[0]
    assert report.documents == 5 and not report.modified

    async def geneva_still_there():
        engine = await Engine.open(db, corpus)
        try:
            return [r.doc_id for r in engine.answer("مجموعتي عمل للحد من التسلح").results]
        finally:
            await engine.close()

    assert "003_b556f401f158842d" in run(geneva_still_there())


def test_jsonl_documents_and_their_errors(tmp_path):
    corpus = tmp_path / "bulk"
    corpus.mkdir()
    (corpus / "rows.jsonl").write_text(
        '{"doc_id": "a1", "title": "خبر", "text": "افتتح المتحف الوطني الجديد أبوابه للزوار اليوم."}\n'
        '{"doc_id": "a2", "title": "", "text": "أعلنت الشركة عن أرباح قياسية هذا العام."}\n',
        encoding="utf-8",
    )
    (corpus / "broken.jsonl").write_text('{"doc_id": "b1", "text": "نص"}\n{not json\n', encoding="utf-8")
    report, _ = run(refreshed(tmp_path / "db.sqlite3", corpus))
    # The bad line is skipped, not the file: b1 on the line before it is indexed.
    assert report.documents == 3 and sorted(report.added) == ["a1", "a2", "b1"]
    assert len(report.errors) == 1 and report.errors[0].startswith("broken.jsonl line 2: not valid JSON")


def test_duplicate_doc_id_across_files_is_refused(tmp_path, corpus):
    (corpus / "000_758033c16f9c693b.md").write_text("عنوان\n\nنص مختلف تماماً عن الأصل.", encoding="utf-8")
    report, _ = run(refreshed(tmp_path / "db.sqlite3", corpus))
    assert report.documents == 5
    assert any("already used" in e for e in report.errors)


def test_missing_corpus_dir_raises_and_keeps_store(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))
    with pytest.raises(CorpusError, match="not found"):
        run(refreshed(db, tmp_path / "nowhere"))

    async def count():
        engine = await Engine.open(db, corpus)
        try:
            return await engine.store.counts()
        finally:
            await engine.close()

    assert run(count())[0] == 5


def test_corrupt_database_is_a_clear_error(tmp_path, corpus):
    db = tmp_path / "garbage.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable corpusbot database"):
        run(refreshed(db, corpus))


def test_a_store_from_an_older_analysis_chain_is_reanalyzed(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))

    async def pretend_old():
        engine = await Engine.open(db, corpus)
        try:
            await engine.store.set_meta("analysis_version", "0")
        finally:
            await engine.close()

    run(pretend_old())
    report, _ = run(refreshed(db, corpus))
    assert len(report.changed) == 5 and report.documents == 5
    again, _ = run(refreshed(db, corpus))
    assert not again.modified


def test_a_failed_feedback_write_does_not_block_the_next_refresh(tmp_path, corpus):
    """Every store write is one transaction that is rolled back when it fails: a failed write
    leaves no transaction open for the next writer to trip over."""
    db = tmp_path / "store.sqlite3"
    run(refreshed(db, corpus))

    async def fail_then_refresh():
        engine = await Engine.open(db, corpus)
        try:
            with pytest.raises(sqlite3.IntegrityError):  # passage_id is NOT NULL
                await engine.record_feedback(query_id=1, passage_id=None, user_id=7, value=1)
            (corpus / "extra").mkdir()
            (corpus / "extra" / "cop26.md").write_text(NEW_ARTICLE, encoding="utf-8")
            return await engine.refresh()
        finally:
            await engine.close()

    report = run(fail_then_refresh())
    assert report.added == ["extra/cop26"] and report.documents == 6


def test_problems_reported_by_a_store_of_the_previous_release_stay_reported(tmp_path):
    """Stores written before problems were kept by file hold them as one list: the bad lines of
    an unchanged JSON Lines file are still reported after the upgrade, and not as new."""
    corpus = tmp_path / "bulk"
    corpus.mkdir()
    (corpus / "rows.jsonl").write_text('{"doc_id": "b1", "text": "نص الخبر"}\n{not json\n', encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    first, _ = run(refreshed(db, corpus))
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'reported_problems'", (json.dumps(first.errors),))
        conn.commit()
    again, _ = run(refreshed(db, corpus))
    assert again.errors == first.errors and again.errors[0].startswith("rows.jsonl line 2:")
    assert again.new_errors == []
