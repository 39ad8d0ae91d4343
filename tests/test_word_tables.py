"""The name index is saved beside the search index: a new process reads it instead of taking
the skeleton of every corpus word again, and a changed corpus gets a new one."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from corpus import BUNDLED_CORPUS
from retrieval import word_tables
from retrieval.engine import Engine
from retrieval.english.names import arabic_skeleton

QUESTION = "Where did Blinken and Lavrov meet?"


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def test_a_second_start_reads_the_name_index_and_answers_alike(tmp_path, corpus, monkeypatch):
    db = tmp_path / "db.sqlite3"

    async def first() -> tuple:
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            return engine.answer(QUESTION).matched_on
        finally:
            await engine.close()

    async def second() -> tuple:
        engine = await Engine.open(db, corpus)
        try:
            assert engine.index.word_tables is not None
            return engine.answer(QUESTION).matched_on
        finally:
            await engine.close()

    built = asyncio.run(first())
    assert any(arabic == "لافروف" for _, arabic in built)

    def no_build(*args, **kwargs):
        raise AssertionError("the name index was built again")

    monkeypatch.setattr(word_tables, "NameIndex", no_build)
    monkeypatch.setattr(word_tables, "spelling_table", no_build)
    assert asyncio.run(second()) == built


def test_a_changed_corpus_gets_a_new_name_index(tmp_path, corpus):
    db = tmp_path / "db.sqlite3"

    async def scenario():
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            before = word_tables.signature(engine.index)
            (corpus / "extra.txt").write_text("عنوان\n\nزار غوتيريش مدينة جنيف أمس.\n", "utf-8")
            await engine.refresh()
            assert word_tables.signature(engine.index) != before
            words = engine.index.word_tables.names.get(arabic_skeleton("جوتيريش"))
            assert "جوتيريش" in words  # normalized: ghain and jeem spell one sound
        finally:
            await engine.close()

    asyncio.run(scenario())
