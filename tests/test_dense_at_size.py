"""Dense retrieval at any size: above CORPUSBOT_DENSE_MAX_PASSAGES each article's headline and
lead is embedded first (what `index` and `ask` wait for) and passages later, in the background,
switched in as they come; below it nothing changes (every passage, at once)."""

from __future__ import annotations

import asyncio
import json
import shutil
from dataclasses import replace

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from bot.cli import main
from corpus import BUNDLED_CORPUS
from retrieval import embedding as dense_module
from retrieval import engine as engine_module
from retrieval import vectors
from retrieval.dense_index import DenseIndex
from retrieval.engine import Engine
from retrieval.store import Store
from retrieval.vectors import article_text, passage_key


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    return target


@pytest.fixture
def fake(monkeypatch):
    embedder = FakeEmbedder()
    monkeypatch.setattr(dense_module, "load_embedder", lambda: embedder)
    monkeypatch.setenv("CORPUSBOT_DENSE_MAX_PASSAGES", "10")
    return embedder


def test_a_large_corpus_is_searched_by_article_vectors_before_its_passages_are_embedded(
    tmp_path, corpus, fake
):
    async def scenario():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            index = engine.index
            articles = {article_text(d.title, d.body) for d in index.documents.values()}
            assert set(fake.texts) == articles  # headline and lead, no passage
            assert not engine.embedding  # passages are left to a running bot, not to `ask`
            scores = engine.indexes.dense.scores("question")
            assert len(scores) == len(index)
            first = index.passages.doc_index[0]
            same_article = np.flatnonzero(index.passages.doc_index == first)
            assert len(set(scores[same_article].tolist())) == 1  # the article's vector scores them all
        finally:
            await engine.close()

    asyncio.run(scenario())


def test_the_bot_switches_passage_vectors_in_as_they_are_made_and_a_restart_resumes(
    tmp_path, corpus, fake, monkeypatch
):
    monkeypatch.setattr(dense_module, "PUBLISH_EVERY", 16)

    async def scenario():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus, wait_for_dense=False)
        try:
            await engine.refresh(wait_for_dense=False)
            assert engine.indexes.dense is None  # BM25 alone until the articles are embedded
            index = engine.index
            fake.probe = lambda: None if engine.indexes.dense is None else len(engine.indexes.dense.positions)
            await engine._embedding
            batches = -(-len(index.documents) // dense_module.BACKGROUND_BATCH)  # of the articles
            assert set(fake.probed[:batches]) == {None}
            later = fake.probed[batches:]  # switched in after them, then again as passages come
            assert None not in later and later == sorted(later) and later[-1] > later[0]
            assert engine.indexes.search is index
            assert len(engine.indexes.dense.positions) == len(index)  # every passage has its own vector now
            scores = engine.indexes.dense.scores("question")
            expected = np.stack([fake._vector(index.passage_text(p)) for p in range(len(index))])
            assert np.allclose(scores, expected @ fake.query("question"), atol=1e-5)
        finally:
            await engine.close()
        embedded = len(fake.texts)
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus, wait_for_dense=False)
        try:
            assert engine.indexes.dense is not None and not engine.embedding
            assert len(fake.texts) == embedded  # nothing embedded twice
        finally:
            await engine.close()

    asyncio.run(scenario())


def test_a_small_corpus_embeds_passages_only(tmp_path, corpus, fake, monkeypatch):
    monkeypatch.setenv("CORPUSBOT_DENSE_MAX_PASSAGES", "100000")

    async def scenario():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            index = engine.index
            assert len(fake.texts) == len({index.passage_text(p) for p in range(len(index))})
            assert len(engine.indexes.dense.articles) == 0
        finally:
            await engine.close()

    asyncio.run(scenario())


def test_how_far_the_best_stands_out_is_measured_against_other_articles():
    """Passages scored by their article's vector tie: the runner-up is the n-th best article."""
    embedder = FakeEmbedder()
    articles = np.eye(3, embedder.dim, dtype=np.float32)
    doc_rows = np.array([0, 0, 0, 0, 1, 2])  # the first article has four passages
    index = DenseIndex(embedder, articles, doc_rows, np.zeros(0, np.int64), articles[:0])
    scores = np.array([0.9, 0.9, 0.9, 0.9, 0.5, 0.2])
    assert index.runner_up(scores, 2) == 0.5
    everyone = DenseIndex(embedder, articles[:0], doc_rows, np.arange(6), np.eye(6, 8))
    assert everyone.runner_up(scores, 2) == 0.9  # passages of their own: as before


def test_ask_on_a_store_without_article_vectors_answers_at_once_and_points_to_index(
    tmp_path, corpus, fake, monkeypatch, capsys
):
    """An upgraded store lacks the article vectors: embedding 20,000 of them is minutes of work
    for `index` (or a running bot), not for a question asked on the command line."""
    flags = ["--db", str(tmp_path / "db.sqlite3"), "--corpus", str(corpus)]
    question = "أين عقدت محادثات الاستقرار الاستراتيجي؟"
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    assert main(["index", *flags]) == 0  # a store built before article vectors existed
    monkeypatch.delenv("CORPUSBOT_DENSE")
    monkeypatch.setattr(engine_module, "BRIEF_EMBEDDING", 2)  # five articles are too many here
    capsys.readouterr()
    assert main(["ask", "--json", *flags, question]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["answered"] and fake.embedded == 0  # BM25 answered, nothing embedded
    assert "dense retrieval not yet on" in err and "corpusbot index" in err
    assert main(["index", *flags]) == 0
    assert fake.embedded == 5  # the articles' headline and lead
    capsys.readouterr()
    assert main(["ask", "--json", *flags, question]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["question"] == question  # (the fake's vectors mean nothing: no verdict)
    assert "dense retrieval" not in err and fake.embedded == 5


def test_a_cold_ask_reads_the_dense_index_saved_by_index_and_never_a_stale_one(tmp_path, corpus, fake):
    db, question = tmp_path / "db.sqlite3", "أين عقدت محادثات الاستقرار الاستراتيجي؟"

    def arrays(dense):
        return [dense.articles, dense.positions, dense.passages]

    async def scenario():
        engine = await Engine.open(db, corpus)  # as `index` does: embeds the articles, saves
        try:
            await engine.refresh()
            made, answer = arrays(engine.indexes.dense), engine.answer(question)
            first_article = engine.resources.tables.keys[1][0]
        finally:
            await engine.close()
        engine = await Engine.open(db, corpus, at_once=True)  # as `ask` does
        try:
            assert engine.dense_progress() is None  # read whole: no vector was looked at
            assert all(np.array_equal(a, b) for a, b in zip(arrays(engine.indexes.dense), made, strict=True))
            assert replace(engine.answer(question), took_ms=0) == replace(answer, took_ms=0)
        finally:
            await engine.close()
        store = await Store.open(db)  # another process saves a vector: the saved index is stale
        fresh = np.eye(1, fake.dim, 3, dtype=np.float32)[0]
        await store.put_embeddings(fake.name, {first_article: fresh.tobytes()})
        await store.close()
        engine = await Engine.open(db, corpus, at_once=True)
        try:
            assert engine.dense_progress() is not None  # the long way, from the stored vectors
            assert np.array_equal(engine.indexes.dense.articles[0], fresh)
        finally:
            await engine.close()

    asyncio.run(scenario())


def test_another_lead_length_embeds_every_article_again_under_its_new_key(
    tmp_path, corpus, fake, monkeypatch
):
    """The article keys are saved with the word tables: a store made with one lead length must
    not file the vectors of another's texts under the old keys (or skip them as embedded)."""
    db = tmp_path / "db.sqlite3"

    async def index_once() -> tuple[set[str], set[str]]:
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
            docs = engine.index.documents.values()
            wanted = {passage_key(article_text(d.title, d.body)) for d in docs}
            return wanted, set(await engine.store.embeddings(fake.name))
        finally:
            await engine.close()

    long_keys, stored = asyncio.run(index_once())
    assert long_keys <= stored
    monkeypatch.setattr(vectors, "LEAD_WORDS", 4)
    fake.texts.clear()
    short_keys, stored = asyncio.run(index_once())
    assert short_keys.isdisjoint(long_keys)
    assert short_keys <= stored
    assert {passage_key(text) for text in fake.texts} == short_keys


def test_a_passage_scored_by_its_article_vector_knows_the_lead_that_vector_is_made_of():
    embedder = FakeEmbedder()
    articles = np.eye(3, embedder.dim, dtype=np.float32)
    doc_rows = np.array([0, 0, 0, 1, 1, 2])
    own = np.array([4])  # the second article's second passage has a vector of its own
    index = DenseIndex(embedder, articles, doc_rows, own, np.eye(1, embedder.dim, dtype=np.float32))
    assert index.leads.tolist() == [0, 0, 0, 3, 4, 5]
    everyone = DenseIndex(embedder, articles[:0], doc_rows, np.arange(6), np.eye(6, 8))
    assert everyone.leads is None  # no passage borrows: nothing to prefer


def test_at_size_an_english_answer_shows_its_articles_lead_when_it_scores_close_to_the_best(
    tmp_path, corpus, fake
):
    """The passages of an article share its vector (headline and lead): the words alone put
    passage 1 of the Reykjavik talks' article first; its lead, close behind, is shown instead,
    and the answer's outcome stays the one decided on passage 1."""
    from retrieval.answering import answer_question
    from retrieval.ranking_config import ENGLISH_RANKING

    # (not "how long did ... last": its verb, استمر, now ranks passage 1 far ahead of the lead)
    question = "what did blinken and lavrov say at their meeting last week"
    same = np.eye(1, fake.dim, dtype=np.float32)[0]
    fake._vector = lambda text: same  # every cosine alike: the words alone rank the passages

    async def scenario():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            unmoved = replace(ENGLISH_RANKING, lead_margin=0.0)
            ranked = answer_question(engine.indexes, question, ranking=unmoved)
            shown = answer_question(engine.indexes, question)
        finally:
            await engine.close()
        assert ranked.shown[0].passage_id == "002_09334d7de83b752e#1"
        assert shown.shown[0].passage_id == "002_09334d7de83b752e#0"
        assert shown.outcome == ranked.outcome

    asyncio.run(scenario())
