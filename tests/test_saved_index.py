"""The search index is saved in the store and loaded, not rebuilt: start-up reads arrays, a
refresh applies only what changed, and whatever path it took the index equals a fresh build."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3

import numpy as np
import pytest

from corpus import BUNDLED_CORPUS
from retrieval.engine import Engine
from retrieval.index import SearchIndex
from retrieval.index_arrays import IndexData
from retrieval.refresh import refresh_store
from retrieval.saved_index import load_search_index
from retrieval.store import SCHEMA_VERSION, Store

QUESTIONS = ["أين عقدت محادثات الاستقرار الاستراتيجي؟", "ماذا قال بايدن عن بوتين؟", "الفحم في غلاسكو"]


@pytest.fixture(autouse=True)
def no_embeddings(monkeypatch):
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    return target


def run(coro):
    return asyncio.run(coro)


async def answers(engine: Engine) -> list:
    return [
        [(r.passage_id, r.pid, round(r.score, 9)) for r in engine.answer(q, k=5).results] for q in QUESTIONS
    ]


async def open_and_answer(db, corpus, *, refresh: bool = False):
    engine = await Engine.open(db, corpus)
    try:
        if refresh:
            await engine.refresh()
        return await answers(engine), fingerprint(engine.index)
    finally:
        await engine.close()


def fingerprint(index: SearchIndex) -> dict:
    """What must match a fresh build: passages with pids, and each term's (pid, tf) list."""
    data = index.data
    p, pids = data.postings, data.passages.pids
    lists = {
        term: list(zip(pids[p.positions[p.offsets[i] : p.offsets[i + 1]]].tolist(),
                       p.freqs[p.offsets[i] : p.offsets[i + 1]].tolist(), strict=True))
        for term, i in data.vocabulary.items()
        if p.offsets[i + 1] > p.offsets[i]
    }  # fmt: skip
    table = [(s.pid, s.passage_id, s.start, s.end) for s in index.passages]
    return {"lists": lists, "table": table, "docs": sorted(index.documents)}


async def fresh_build(db) -> dict:
    """The fingerprint of an index built from scratch from the store's passages."""
    store = await Store.open(db)
    try:
        await store.save_index_blobs({})
        return fingerprint(await load_search_index(store))
    finally:
        await store.close()


def test_start_up_loads_the_saved_index(tmp_path, corpus, monkeypatch):
    db = tmp_path / "store.sqlite3"
    first = run(open_and_answer(db, corpus, refresh=True))
    assert any(first[0])

    def refuse(rows):
        raise AssertionError("rebuilt")

    monkeypatch.setattr(IndexData, "build", classmethod(lambda cls, rows: refuse(rows)))
    assert run(open_and_answer(db, corpus)) == first


NEW_ARTICLE = """---
title: قمة المناخ في غلاسكو
source: وكالة اختبار
date: 2021-11-13
---
اختتمت قمة المناخ في غلاسكو أعمالها باتفاق على خفض استخدام الفحم تدريجياً.

وقال المشاركون إن الاتفاق خطوة أولى نحو تحقيق أهداف المناخ.
"""


def test_refresh_updates_the_index_without_rebuilding(tmp_path, corpus, monkeypatch):
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))
    build = IndexData.__dict__["build"]

    async def scenario():
        engine = await Engine.open(db, corpus)
        try:
            monkeypatch.setattr(IndexData, "build", classmethod(lambda cls, rows: 1 / 0))
            (corpus / "cop26.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            report = await engine.refresh()
            assert report.added == ["cop26"]
            assert engine.answer("الفحم في غلاسكو").results[0].doc_id == "cop26"
            (corpus / "000_758033c16f9c693b.txt").unlink()
            (corpus / "cop26.txt").write_text(NEW_ARTICLE.replace("الفحم", "النفط"), encoding="utf-8")
            report = await engine.refresh()
            assert report.changed == ["cop26"] and report.removed == ["000_758033c16f9c693b"]
            assert not any(r.doc_id == "cop26" for r in engine.answer("الفحم", k=10).results)
            return await answers(engine), fingerprint(engine.index)
        finally:
            await engine.close()

    updated = run(scenario())
    monkeypatch.setattr(IndexData, "build", build)
    assert updated[1] == run(fresh_build(db))
    # The saved index is the updated one: the next start loads it as it is.
    assert run(open_and_answer(db, corpus)) == updated


def test_documents_decoded_on_lookup_equal_the_stored_ones(tmp_path, corpus):
    """The index reads article bodies as bytes and decodes one when it is looked up: whether
    loaded at start-up or updated by a refresh, every document equals the store's row."""
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))

    async def stored(engine: Engine) -> dict:
        return {doc.doc_id: doc for doc in await engine.store.documents()}

    async def scenario():
        engine = await Engine.open(db, corpus)
        try:
            assert dict(engine.index.documents) == await stored(engine)
            (corpus / "cop26.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            await engine.refresh()
            (corpus / "cop26.txt").write_text(NEW_ARTICLE.replace("الفحم", "النفط"), encoding="utf-8")
            (corpus / "000_758033c16f9c693b.txt").unlink()
            await engine.refresh()
            documents = engine.index.documents
            assert "النفط" in documents["cop26"].body and "000_758033c16f9c693b" not in documents
            assert dict(documents) == await stored(engine)
            assert sorted(documents.dates()) == sorted(doc.date for doc in documents.values())
        finally:
            await engine.close()

    run(scenario())


def test_signatures_from_the_rows_read_at_start_equal_the_stores(tmp_path, corpus):
    """A start signs the documents with the content hashes of the rows it reads anyway; they
    must be the store's own signatures, a document without passages included."""
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM passages WHERE doc_id = '000_758033c16f9c693b'")

    async def signatures() -> tuple[dict, dict]:
        store = await Store.open(db)
        try:
            with store.snapshot() as snapshot:
                hashes = snapshot.documents().content_hashes()
                return snapshot.document_signatures(), snapshot.document_signatures(hashes)
        finally:
            await store.close()

    joined, from_rows = run(signatures())
    assert list(from_rows.items()) == list(joined.items())
    assert from_rows["000_758033c16f9c693b"].split(":")[1:3] == ["None", "0"]
    assert len({s.split(":")[0] for s in from_rows.values()}) == len(from_rows) > 1


def test_a_stale_saved_index_is_brought_up_to_date(tmp_path, corpus):
    """The store changed after the index was saved (e.g. a crash before saving it, or
    `corpusbot index` run by another process): opening applies the difference."""
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))
    (corpus / "cop26.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "001_189fae57c8dc02ff.txt").unlink()

    async def change_store_only():
        store = await Store.open(db)
        try:
            await refresh_store(store, corpus)
        finally:
            await store.close()

    run(change_store_only())
    answered, index = run(open_and_answer(db, corpus))
    assert index == run(fresh_build(db))
    assert answered[2] and answered[2][0][0].startswith("cop26#")


def test_a_reanalysed_store_does_not_load_the_index_saved_from_older_terms(tmp_path, corpus):
    """A new analysis version rewrites every passage's terms while the texts, and (once every
    row is gone) the passage ids, stay the same: the saved index, made of the old terms, must
    not be taken for up to date."""
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))
    with sqlite3.connect(db) as conn:  # what a re-analysis leaves: new terms, same pids
        conn.execute("UPDATE passages SET terms = terms || ' مصطلحجديد'")
        conn.execute("UPDATE meta SET value = value || '-next' WHERE key = 'analysis_version'")
    _, index = run(open_and_answer(db, corpus))
    assert "مصطلحجديد" in index["lists"]
    assert index == run(fresh_build(db))


def test_rewritten_file_keeps_pids_in_step_with_the_store(tmp_path):
    """Rewriting a JSON Lines file re-inserts its unchanged documents under new pids: the index
    must follow, since the bot looks passages up by pid."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [
        {"doc_id": f"d{i}", "title": f"عنوان {i}", "text": f"نص المقال رقم {i} عن موضوع الطاقة والمناخ."}
        for i in range(3)
    ]
    path = corpus / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    run(open_and_answer(db, corpus, refresh=True))
    rows[1]["text"] = "نص جديد تماما عن الاقتصاد."
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    async def scenario():
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            for passage in engine.index.passages:
                record = await engine.store.passage_record(passage.pid)
                assert record is not None and record.passage_id == passage.passage_id
            return fingerprint(engine.index)
        finally:
            await engine.close()

    assert run(scenario()) == run(fresh_build(db))


def test_an_unreadable_saved_index_is_rebuilt(tmp_path, corpus, caplog):
    db = tmp_path / "store.sqlite3"
    first = run(open_and_answer(db, corpus, refresh=True))

    async def damage():
        store = await Store.open(db)
        try:
            await store._db.execute("UPDATE index_blobs SET data = x'00' WHERE name = 'positions'")
            await store._db.commit()
        finally:
            await store.close()

    run(damage())
    assert run(open_and_answer(db, corpus)) == first
    assert "rebuilding the search index" in caplog.text


def test_a_store_from_before_saved_indexes_is_migrated(tmp_path, corpus):
    db = tmp_path / "store.sqlite3"
    first = run(open_and_answer(db, corpus, refresh=True))

    async def make_old():
        store = await Store.open(db)
        try:
            await store._db.execute("DROP TABLE index_blobs")
            await store.set_meta("schema_version", "2")
        finally:
            await store.close()

    run(make_old())
    assert run(open_and_answer(db, corpus)) == first

    async def saved_names():
        store = await Store.open(db)
        try:
            with store.snapshot() as snapshot:
                return set(snapshot.index_blobs()), await store.get_meta("schema_version")
        finally:
            await store.close()

    names, version = run(saved_names())
    assert "positions" in names and version == str(SCHEMA_VERSION)


def test_empty_corpus_store(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    answered, index = run(open_and_answer(tmp_path / "s.sqlite3", empty, refresh=True))
    assert answered == [[], [], []] and index["table"] == []
    assert np.asarray(index["docs"]).size == 0


def test_hits_say_which_query_terms_each_loaded_passage_holds(tmp_path, corpus):
    async def scenario():
        engine = await Engine.open(tmp_path / "s.sqlite3", corpus)
        try:
            await engine.refresh()
            index = engine.index
            store_terms = {p.pid: set(p.terms) for p in await engine.store.passages()}
            terms = ["محادث", "جنيف", "nowhere", "روس"]
            hits = index.hits(terms, 30)
            assert hits.positions.size
            for column, position in enumerate(hits.positions.tolist()):
                expected = store_terms[index.passages[position].pid] & set(terms)
                assert {t for t, held in zip(terms, hits.held[:, column], strict=True) if held} == expected
                first_two = index.scorer.holds([position], terms[:2])[:, 0]
                assert {t for t, held in zip(terms[:2], first_two, strict=True) if held} == expected & set(
                    terms[:2]
                )
        finally:
            await engine.close()

    run(scenario())


def test_a_failed_save_leaves_the_index_serving(tmp_path, corpus, monkeypatch, caplog):
    async def full_disk(self, blobs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "save_index_blobs", full_disk)
    answered, _ = run(open_and_answer(tmp_path / "s.sqlite3", corpus, refresh=True))
    assert answered[0] and "could not save the search index" in caplog.text


def test_odd_characters_in_the_store_path(tmp_path, corpus):
    folder = tmp_path / "a #b ?c%20"
    folder.mkdir()
    first = run(open_and_answer(folder / "s.sqlite3", corpus, refresh=True))
    assert first[0] and run(open_and_answer(folder / "s.sqlite3", corpus)) == first


def test_a_first_refresh_builds_in_one_pass(tmp_path, corpus, monkeypatch):
    """Opening an empty store gives an empty index; the refresh that fills the store builds the
    index from all rows at once rather than as a delta of every document."""
    calls = []
    build = IndexData.__dict__["build"].__func__

    def counted(cls, rows):
        calls.append("build")
        return build(cls, rows)

    monkeypatch.setattr(IndexData, "build", classmethod(counted))
    monkeypatch.setattr(IndexData, "updated", lambda *args: 1 / 0)
    answered, index = run(open_and_answer(tmp_path / "s.sqlite3", corpus, refresh=True))
    assert calls == ["build", "build"] and answered[0]
    assert index == run(fresh_build(tmp_path / "s.sqlite3"))
