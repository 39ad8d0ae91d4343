"""The fast scorer gives rank_bm25's BM25Okapi scores: the fast path is trusted only because
these tests compare it with the real `get_scores` on random corpora and queries."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from retrieval import scoring
from retrieval.scoring import BM25Scorer, build_postings

TOLERANCE = 1e-9

# A small alphabet, so that many terms are in more than half the passages (their idf is
# floored at epsilon times the average idf) and queries repeat terms; "absent" never occurs.
terms = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"])
passages = st.lists(st.lists(terms, max_size=12), min_size=1, max_size=30).filter(lambda corpus: any(corpus))
queries = st.lists(st.one_of(terms, st.just("absent")), max_size=7)


def scorer_for(corpus: list[list[str]]) -> BM25Scorer:
    vocabulary: dict[str, int] = {}
    return BM25Scorer(build_postings(corpus, vocabulary), vocabulary)


def reference_top(reference: BM25Okapi, corpus: list[list[str]], query: list[str], k: int, scores=None):
    """rank_bm25's scores, best first, ties by position, over passages holding a query term."""
    scores = reference.get_scores(query) if scores is None else scores
    wanted = {t for t in query if t in reference.idf}
    matching = [i for i, doc in enumerate(corpus) if wanted & set(doc)]
    ranked = sorted(matching, key=lambda i: -scores[i])[:k]
    return ranked, scores[ranked]


def assert_same_top(got, expected, reference_scores):
    positions, scores = got
    want_positions, want_scores = expected
    assert len(positions) == len(want_positions)
    np.testing.assert_allclose(scores, want_scores, rtol=0, atol=TOLERANCE)
    # Each returned passage really has the returned score, and none is returned twice.
    np.testing.assert_allclose(reference_scores[positions], scores, rtol=0, atol=TOLERANCE)
    assert len(set(positions.tolist())) == len(positions)


@settings(max_examples=200, deadline=None)
@given(corpus=passages, query=queries)
def test_get_scores_equal_rank_bm25(corpus, query):
    expected = BM25Okapi(corpus).get_scores(query)
    got = scorer_for(corpus).get_scores(query)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)


@settings(max_examples=200, deadline=None)
@given(corpus=passages, query=queries, k=st.integers(1, 12), prune=st.booleans())
def test_top_k_equals_rank_bm25(corpus, query, k, prune):
    reference = BM25Okapi(corpus)
    scorer = scorer_for(corpus)
    # With pruning forced on, even tiny corpora take the max-score path.
    scorer.exhaustive_postings = 0 if prune else 10**9
    got = scorer.top_k(query, k)
    assert_same_top(got, reference_top(reference, corpus, query, k), reference.get_scores(query))


def test_floored_idf_terms_are_scored_with_epsilon_times_average_idf():
    corpus = [["common", "x"], ["common", "y"], ["common", "z"], ["common"], ["rare", "common"]]
    reference = BM25Okapi(corpus)
    scorer = scorer_for(corpus)
    assert reference.idf["common"] == pytest.approx(0.25 * reference.average_idf)
    assert scorer.term_idf("common") == pytest.approx(reference.idf["common"], abs=TOLERANCE)
    assert scorer.average_idf == pytest.approx(reference.average_idf, abs=TOLERANCE)
    for query in (["common"], ["common", "rare"], ["rare", "common", "common"]):
        np.testing.assert_allclose(scorer.get_scores(query), reference.get_scores(query), atol=TOLERANCE)


def test_absent_and_empty_queries_score_nothing():
    corpus = [["a", "b"], ["b", "c"]]
    scorer = scorer_for(corpus)
    assert not scorer.get_scores(["nowhere"]).any()
    assert not scorer.get_scores([]).any()
    assert scorer.top_k(["nowhere"], 5)[0].size == 0
    assert scorer.top_k([], 5)[0].size == 0
    assert scorer.top_k(["a"], 0)[0].size == 0


def test_repeated_query_terms_count_as_rank_bm25_counts_them():
    corpus = [["a", "b", "b"], ["b", "c"], ["c", "d", "a"], ["e"]]
    reference = BM25Okapi(corpus)
    scorer = scorer_for(corpus)
    for query in (["a", "a"], ["a", "b", "a", "a"], ["c", "c", "nowhere", "c"]):
        np.testing.assert_array_equal(scorer.get_scores(query), reference.get_scores(query))


def test_single_passage_corpus():
    corpus = [["only", "words", "here", "only"]]
    reference = BM25Okapi(corpus)
    scorer = scorer_for(corpus)
    for query in (["only"], ["words", "only"], ["missing"]):
        np.testing.assert_allclose(scorer.get_scores(query), reference.get_scores(query), atol=TOLERANCE)
    positions, scores = scorer.top_k(["only"], 3)
    assert positions.tolist() == [0] and scores[0] == pytest.approx(reference.get_scores(["only"])[0])


def test_passages_without_terms_and_corpus_without_any():
    corpus = [[], ["a"], [], ["a", "b"]]
    reference = BM25Okapi(corpus)
    np.testing.assert_allclose(scorer_for(corpus).get_scores(["a", "b"]), reference.get_scores(["a", "b"]))
    empty = scorer_for([[], []])  # rank_bm25 itself divides by zero here
    assert not empty.get_scores(["a"]).any() and empty.top_k(["a"], 3)[0].size == 0
    assert scorer_for([]).top_k(["a"], 3)[0].size == 0


def zipf_corpus(rng: random.Random, passages: int, vocabulary: int) -> list[list[str]]:
    weights = [1 / (rank + 2.7) for rank in range(vocabulary)]
    words = [f"w{i}" for i in range(vocabulary)]
    return [rng.choices(words, weights, k=rng.randint(5, 40)) for _ in range(passages)]


def test_max_score_top_k_on_a_zipfian_corpus_equals_rank_bm25():
    """A corpus big enough that pruning skips postings; the top k must still be exact."""
    rng = random.Random(6)
    corpus = zipf_corpus(rng, 2000, 3000)
    reference = BM25Okapi(corpus)
    scorer = scorer_for(corpus)
    fallbacks = 0
    original = scorer._top_exhaustive

    def counting(*args):
        nonlocal fallbacks
        fallbacks += 1
        return original(*args)

    scorer._top_exhaustive = counting
    scorer.exhaustive_postings = 0
    for _ in range(100):
        doc = rng.choice(corpus)
        query = rng.sample(doc, min(len(doc), rng.randint(1, 6))) + rng.choice([[], ["absent"]])
        k = rng.choice([1, 3, 10, 60])
        scores = reference.get_scores(query)
        expected = reference_top(reference, corpus, query, k, scores)
        assert_same_top(scorer.top_k(query, k), expected, scores)
    assert fallbacks < 35  # most queries were answered by the pruned path


def test_top_k_breaks_ties_by_position():
    corpus = [["a", "x"], ["a", "y"], ["b"], ["a", "z"], ["a", "q"]]
    positions, scores = scorer_for(corpus).top_k(["a"], 3)
    assert positions.tolist() == [0, 1, 3] and len(set(scores.tolist())) == 1


@settings(max_examples=100, deadline=None)
@given(corpus=passages, query=queries)
def test_holds_marks_each_term_in_the_passages_holding_it(corpus, query):
    positions = list(range(len(corpus)))[::-1]
    held = scorer_for(corpus).holds(positions, query)
    assert held.shape == (len(query), len(positions))
    assert held.tolist() == [[t in corpus[p] for p in positions] for t in query]


def test_impacts_computed_in_blocks_equal_one_pass(monkeypatch):
    corpus = zipf_corpus(random.Random(9), 300, 200)
    whole = scorer_for(corpus)
    for block in (1, 7, 64):
        monkeypatch.setattr(scoring, "_IMPACT_BLOCK", block)
        blocked = scorer_for(corpus)
        np.testing.assert_array_equal(blocked._impacts, whole._impacts)
        np.testing.assert_array_equal(blocked._max_impact, whole._max_impact)
