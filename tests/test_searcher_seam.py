"""The searcher seam (retrieval/searcher.py): our postings index is a PassageSearcher, and a
second implementation of the protocol is judged against it the way a remote engine would be,
by the rank of the passages it returns for the same analysed terms, not by their scores."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.analysis import analyze
from retrieval.index import SearchIndex
from retrieval.ranking_config import BM25_PARAMETERS
from retrieval.searcher import Hits, PassageSearcher

QUESTIONS = Path(__file__).parent / "questions"
TOP = 10


class BruteForceSearcher:
    """A PassageSearcher with no postings: rank_bm25 over every passage, a stand-in for another
    backend. Its scores are scaled (as another engine's would differ), so only ranks can agree."""

    def __init__(self, passages: list[list[str]], texts: list[str]):
        self._passages = passages
        self._texts = texts
        self._bm25 = BM25Okapi(passages, k1=BM25_PARAMETERS.k1, b=BM25_PARAMETERS.b)
        self._frequency: dict[str, int] = {}
        for terms in passages:
            for term in set(terms):
                self._frequency[term] = self._frequency.get(term, 0) + 1

    def __len__(self) -> int:
        return len(self._passages)

    def hits(self, terms: list[str], limit: int) -> Hits:
        scores = 3.0 * self._bm25.get_scores(terms) + 1.0
        wanted = set(terms)
        matching = [i for i, passage in enumerate(self._passages) if wanted.intersection(passage)]
        best = sorted(matching, key=lambda i: -scores[i])[:limit]
        held = np.array([[term in self._passages[i] for i in best] for term in terms], bool).reshape(
            len(terms), -1
        )
        return Hits(np.array(best, np.int64), scores[best].astype(np.float64), held)

    def idf(self, term: str) -> float:
        n = self._frequency.get(term, 0)
        return math.log(1 + (len(self._passages) - n + 0.5) / (n + 0.5))

    def known(self, term: str) -> bool:
        return term in self._frequency

    def passage_text(self, position: int) -> str:
        return self._texts[position]


def brute_force_twin(index: SearchIndex) -> BruteForceSearcher:
    texts = [index.passage_text(position) for position in range(len(index))]
    return BruteForceSearcher([analyze(text) for text in texts], texts)


def question_terms() -> list[list[str]]:
    rows = [json.loads(line) for name in ("ar.jsonl", "en.jsonl") for line in (QUESTIONS / name).open()]
    return [terms for row in rows if (terms := list(dict.fromkeys(analyze(row["question"]))))]


def test_the_postings_index_is_a_passage_searcher(own_index):
    assert isinstance(own_index.search, PassageSearcher)
    assert isinstance(brute_force_twin(own_index.search), PassageSearcher)


def test_another_searcher_agrees_with_the_index_by_rank(own_index):
    other = brute_force_twin(own_index.search)
    compared = 0
    for terms in question_terms():
        ours, theirs = own_index.search.hits(terms, TOP), other.hits(terms, TOP)
        assert ours.positions.tolist() == theirs.positions.tolist(), terms
        # The scores differ: only ranks compare.
        assert not len(ours.scores) or not np.allclose(ours.scores, theirs.scores)
        np.testing.assert_array_equal(ours.held, theirs.held)
        compared += len(ours.positions) > 1
    assert compared > 100


def test_idf_vocabulary_and_passages_agree(own_index):
    other = brute_force_twin(own_index.search)
    for terms in question_terms()[:40]:
        for term in [*terms, "غيرموجودابدا"]:
            assert own_index.search.known(term) == other.known(term)
            assert math.isclose(own_index.search.idf(term), other.idf(term))
    assert [other.passage_text(p) for p in range(5)] == [own_index.search.passage_text(p) for p in range(5)]
