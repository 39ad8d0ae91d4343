"""The name index and the Arabic spellings of names are saved beside the search index: a new
process reads them instead of taking the skeleton of every corpus word or going through the
dictionary again, and a changed corpus gets new ones, swapped in with the index."""

from __future__ import annotations

import asyncio
import json
import shutil

import pytest

from corpus import BUNDLED_CORPUS
from retrieval import query_resources, word_tables
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
            assert engine.resources.tables is not None
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


def test_a_changed_corpus_gets_new_tables_swapped_in_with_its_index(tmp_path, corpus):
    db = tmp_path / "db.sqlite3"

    async def scenario():
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            before, resources = word_tables.signature(engine.index), engine.resources
            assert resources.last_year == 2021
            row = {
                "doc_id": "later",
                "title": "عنوان",
                "date": "2031-01-02",
                "text": "زار غوتيريش مدينة جنيف أمس.",
            }
            (corpus / "later.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
            await engine.refresh()
            assert word_tables.signature(engine.index) != before
            words = engine.resources.tables.names.get(arabic_skeleton("جوتيريش"))
            assert "جوتيريش" in words  # normalized: ghain and jeem spell one sound
            assert engine.resources is not resources and engine.resources.last_year == 2031
            assert resources.last_year == 2021  # what the old index answers with is left as it was
        finally:
            await engine.close()

    asyncio.run(scenario())


def table_builds(monkeypatch) -> list[int]:
    """A list that grows by one each time the word tables are built."""
    built: list[int] = []
    real_build = word_tables._build
    monkeypatch.setattr(
        word_tables, "_build", lambda index, earlier: built.append(1) or real_build(index, earlier)
    )
    return built


def forbid_building_names(monkeypatch) -> None:
    """Fail the test if the Arabic spellings of names are built (rather than read or kept)."""

    def no_build():
        raise AssertionError("the Arabic spellings of names were built again")

    monkeypatch.setattr(word_tables, "arabic_names", no_build)
    monkeypatch.setattr(query_resources, "arabic_names", no_build)


def test_an_arabic_question_with_a_name_the_articles_lack_reads_the_saved_names(
    tmp_path, corpus, monkeypatch
):
    """Telling ماكرون for a name (which rules out an answer) needs the names the dictionary
    transliterates: a second or more to build. A second start reads them from the store."""
    db = tmp_path / "db.sqlite3"
    question = "ماذا قال ماكرون عن محادثات جنيف؟"

    async def ask() -> tuple:
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            answer = engine.answer(question)
            return answer.reason, answer.missing
        finally:
            await engine.close()

    built = asyncio.run(ask())
    assert built == ("missing_words", ("ماكرون",))

    forbid_building_names(monkeypatch)
    assert asyncio.run(ask()) == built


def test_a_changed_corpus_keeps_the_arabic_names_it_had(tmp_path, corpus, monkeypatch):
    """The Arabic spellings of names come from the dictionary and lexicon, not the articles: a
    refresh after an article is added builds the other tables again but not them."""
    db = tmp_path / "db.sqlite3"
    built = table_builds(monkeypatch)

    async def start():
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            return engine.answer("ماذا قال ماكرون عن محادثات جنيف؟").missing
        finally:
            await engine.close()

    assert asyncio.run(start()) == ("ماكرون",)

    forbid_building_names(monkeypatch)
    article = "خبر جديد\nافتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت."
    (corpus / "new.txt").write_text(article, encoding="utf-8")
    built.clear()
    assert asyncio.run(start()) == ("ماكرون",)
    assert built  # the other tables were built again for the changed corpus


def test_another_dictionary_gets_new_names(tmp_path, corpus, monkeypatch):
    """The saved names are made from the installed dictionary: installing or updating it
    (its files' signature) builds them again."""
    db = tmp_path / "db.sqlite3"
    built = table_builds(monkeypatch)

    async def start():
        engine = await Engine.open(db, corpus)
        await engine.close()

    asyncio.run(start())
    asyncio.run(start())
    assert len(built) == 1
    monkeypatch.setattr(word_tables, "names_signature", lambda: "another dictionary")
    asyncio.run(start())
    assert len(built) == 2


def test_an_index_signature_is_made_once_and_anew_for_another_dictionary(own_index, monkeypatch):
    index = own_index.search
    first = word_tables.signature(index)
    assert word_tables.signature(index) is first  # kept: the tables and the saved vectors check it
    word_tables._signatures.clear()
    assert word_tables.signature(index) == first
    monkeypatch.setattr(word_tables, "names_signature", lambda: "another dictionary")
    assert word_tables.signature(index) != first
