"""English questions over the Arabic corpus, measured with the evaluation command's own code on
xquad-dev (English questions, Arabic paragraphs) and on the project's English questions about
the bundled corpus. Thresholds are the issue's targets (all met, some held above them) and, for
abstention, the level reached, so that nothing slips back.

The dictionary part needs Debian's dict-freedict-eng-ara (installed by the README's commands);
the dense part uses the passage vectors shipped in `_embeddings/` beside each corpus."""

import pytest
from conftest import QUESTIONS, XQUAD

from retrieval.english.freedict import dictionary_files
from retrieval.evaluate import evaluate, load_questions

pytestmark = pytest.mark.skipif(
    dictionary_files() is None, reason="needs dict-freedict-eng-ara (apt-get install, see README)"
)


@pytest.fixture(scope="module")
def xquad_report(xquad_index):
    return evaluate(xquad_index, load_questions(XQUAD / "questions-en.jsonl"), "xquad-dev en")


@pytest.fixture(scope="module")
def own_report(own_index):
    return evaluate(own_index, load_questions(QUESTIONS / "en.jsonl"), "own en")


def test_xquad_english_finds_the_arabic_paragraph(xquad_report):
    # English words fed to Arabic BM25: hit@1 .06. Targets: hit@1 .80, hit@5 .95, MRR@10 .87.
    assert xquad_report.answerable == 632
    assert xquad_report.hit1 >= 0.855  # .858 since the weak lexical match counts less (issue 16), .861
    assert xquad_report.hit5 >= 0.98
    assert xquad_report.mrr10 >= 0.91


def test_xquad_english_snippets_hold_the_answer(xquad_report):
    # Target .65; .658, and .712 since standing-out passages are shown as the closest (issue 16).
    assert xquad_report.answer_in_snippet >= 0.74
    # .187 before the graded reply, .179; .092 with the closest passages that stand out; .070
    # with those holding .4 of the concepts however far; .051 with the everyday words of issue 16;
    # .043 with passages standing 4 sd out.
    assert xquad_report.not_found_answerable <= 0.047


def test_own_english_questions_find_the_right_article(own_report):
    assert own_report.answerable >= 25 and own_report.unanswerable >= 10
    assert own_report.hit1 >= 0.90  # target .90; .917 with the second writer's questions
    assert own_report.hit5 >= 0.99


def test_own_english_questions_abstention(own_report):
    assert own_report.not_found_answerable <= 0.08
    # .810 before COP26 was in the lexicon; now its results question is answered like its
    # Arabic twin (Arabic-path abstention, issue #3, is the weak part, not the lexicon).
    assert own_report.not_found_unanswerable >= 0.80  # .762; .810 with the answer-kind rule
    assert own_report.answer_in_snippet >= 0.70


def test_xquad_english_abstains_when_the_answering_paragraph_is_withheld(xquad_report):
    # As for Arabic questions (level reached .747).
    assert xquad_report.not_found_withheld >= 0.72
