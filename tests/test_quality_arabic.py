"""Arabic retrieval quality, measured with the evaluation command's own code on xquad-dev and on
the project's questions about the bundled corpus. Thresholds are the issue's targets where they
are met; where they are not yet (own unanswerable "not found" .90) they hold the level reached
so that nothing slips back (see the issue's notes)."""

import pytest
from conftest import QUESTIONS, XQUAD

from retrieval.answering import answer_question
from retrieval.evaluate import evaluate, load_questions


@pytest.fixture(scope="module")
def xquad_report(xquad_index):
    return evaluate(xquad_index, load_questions(XQUAD / "questions-ar.jsonl"), "xquad-dev ar")


@pytest.fixture(scope="module")
def own_report(own_index):
    return evaluate(own_index, load_questions(QUESTIONS / "ar.jsonl"), "own ar")


def test_xquad_arabic_beats_lucene(xquad_report):
    # Lucene ArabicAnalyzer + BM25 scores hit@1 .894, MRR@10 .932 on this set.
    assert xquad_report.answerable == 632
    assert xquad_report.hit1 >= 0.92
    assert xquad_report.mrr10 >= 0.95


def test_xquad_arabic_snippets_hold_the_answer(xquad_report):
    assert xquad_report.answer_in_snippet >= 0.85  # .859, closest passages included
    # No passages, or closest passages without the gold paragraph: .032 before the graded reply.
    assert xquad_report.not_found_answerable <= 0.02


def test_own_questions_find_the_right_article(own_report):
    assert own_report.answerable >= 40 and own_report.unanswerable >= 10
    assert own_report.hit1 >= 0.95
    assert own_report.hit5 >= 0.99


def test_own_questions_snippets_hold_the_answer(own_report):
    # .757 before when / where / who questions preferred the sentence holding a date, a place...
    assert own_report.answer_in_snippet >= 0.78  # .794


def test_own_questions_abstention(own_report):
    assert own_report.not_found_answerable <= 0.02  # .047 before the graded reply, now .000
    # .935 -> .925 since "ما المدة" asks how long: ar-090, answered from the wrong article (the
    # gold second), now gets the closest passages; .907 since a city the best article never names
    # (ar-067, Geneva: answered from another article, the gold second) and a verb none of the best
    # articles write (ar-021, سمحت where the article has وافقت) get the closest passages.
    assert own_report.answered_answerable >= 0.90
    # Target .90, not reached: .750 on the first writer's 16 questions, .704 with the second's 27;
    # .778 since a when / how many / how long question needs a date or number near the best passage;
    # .852 since spoken question words are read in their standard form (retrieval/dialect.py).
    assert own_report.not_found_unanswerable >= 0.85


def test_xquad_arabic_abstains_when_the_answering_paragraph_is_withheld(xquad_report):
    # Each question asked again without its paragraph, the rest of its article still indexed:
    # near-topic questions the corpus now cannot answer (level reached .544).
    assert xquad_report.not_found_withheld >= 0.5


def test_a_withheld_document_is_never_shown_by_the_engines_answering(xquad_index):
    """The evaluation's "gold withheld" runs the engine's own answering, the withheld
    documents' passages left out of the ranking."""
    questions = load_questions(XQUAD / "questions-ar.jsonl")[::20]
    changed = 0
    for q in questions:
        gold = set(q["gold_doc_ids"])
        plain = answer_question(xquad_index, q["question"])
        without = answer_question(xquad_index, q["question"], withheld=gold)
        assert not {r.doc_id for r in without.shown} & gold
        changed += plain.shown != without.shown
    assert changed  # the gold is shown when not withheld
