"""The gate before dense reranking: an Arabic question BM25 has decided is answered without
embedding it (`retrieval.lexical_gate`); one it has not decided is embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.answering import answer_question
from retrieval.candidates import Candidate
from retrieval.decision import Evidence
from retrieval.engine import Engine
from retrieval.index import Hit
from retrieval.lexical_gate import lead_margin, lexically_decisive
from retrieval.ranking_config import ArabicRanking

RANKING = ArabicRanking(decisive_coverage=0.6, decisive_margin=0.4)
# Putin's address and carbon emissions: one article holds every word (coverage 1, far ahead).
DECISIVE = "ماذا أمر بوتين في خطابه السنوي بخصوص انبعاثات الكربون"
# Whom Putin phoned about the climate: a few words shared by many passages.
UNCERTAIN = "مع مين حكى بوتين بالتلفون عن قضية المناخ"


def candidate(doc_id: str, score: float, coverage: float = 1.0) -> Candidate:
    return Candidate(Hit(0, score), doc_id, frozenset(), Evidence(coverage))


@pytest.mark.parametrize(
    ("found", "margin"),
    [
        ([], 0.0),
        ([candidate("a", 10.0)], 1.0),
        ([candidate("a", 10.0), candidate("b", 6.0)], 0.4),
        # another passage of the best article is no rival; the next article's best is
        ([candidate("a", 10.0), candidate("a", 9.0), candidate("b", 5.0)], 0.5),
        ([candidate("a", 10.0), candidate("b", 10.0)], 0.0),
    ],
)
def test_lead_margin_is_the_share_the_best_leads_the_next_article_by(found, margin) -> None:
    assert lead_margin(found) == pytest.approx(margin)


@pytest.mark.parametrize(
    ("found", "decisive"),
    [
        ([], False),
        ([candidate("a", 10.0, 0.6), candidate("b", 6.0)], True),
        ([candidate("a", 10.0, 0.59), candidate("b", 1.0)], False),  # too little of the question
        ([candidate("a", 10.0, 1.0), candidate("b", 6.1)], False),  # a rival too close
        ([candidate("a", 10.0, 0.9), candidate("a", 9.9), candidate("b", 2.0)], True),
    ],
)
def test_decisive_needs_coverage_and_a_lead(found, decisive) -> None:
    assert lexically_decisive(found, RANKING) is decisive


def test_a_decisive_arabic_question_is_answered_without_embedding_it(own_index) -> None:
    embedder = own_index.dense.embedder
    before = embedder.questions_embedded
    answer = Engine(None, own_index, Path(".")).answer(DECISIVE)  # answering needs no store
    assert embedder.questions_embedded == before
    assert answer.answered
    assert answer.results[0].citation.doc_id == "000_758033c16f9c693b"
    assert "انبعاثات الكربون" in answer.results[0].snippet


def test_an_uncertain_arabic_question_is_embedded(own_index) -> None:
    embedder = own_index.dense.embedder
    before = embedder.questions_embedded
    Engine(None, own_index, Path(".")).answer(UNCERTAIN)
    assert embedder.questions_embedded == before + 1


def test_without_the_gate_the_decisive_question_is_embedded_and_answered_alike(own_index) -> None:
    embedder = own_index.dense.embedder
    before = embedder.questions_embedded
    gated = answer_question(own_index, DECISIVE)
    never_decisive = ArabicRanking(decisive_coverage=2.0)
    embedded = answer_question(own_index, DECISIVE, ranking=never_decisive)
    assert embedder.questions_embedded == before + 1
    assert (gated.outcome, gated.results[0].passage_id) == (embedded.outcome, embedded.results[0].passage_id)
