"""The evaluator's document ranking and its per-run outcomes: cheaper than asking every passage
and every row again, and measuring the same."""

from conftest import QUESTIONS, XQUAD

from retrieval.answering import prepare_query, retrieve
from retrieval.evaluate import distinct_documents, evaluate, load_questions, ranked_documents


def test_english_documents_ranked_from_the_best_passages_are_those_of_all_passages(xquad_index):
    every = len(xquad_index.search)
    for q in load_questions(XQUAD / "questions-en.jsonl")[:40]:
        query = prepare_query(q["question"], xquad_index.search, xquad_index.resources)
        assert query.path != "ar"
        full = retrieve(xquad_index, query.text, query.path, limit=every).found
        for depth in (2, 5):  # asked for 40 and 100 of its 180 passages first
            assert ranked_documents(xquad_index, q["question"], depth) == distinct_documents(full, depth)


def test_a_question_reported_in_two_rows_is_asked_once_and_counts_alike(own_index):
    questions = load_questions(QUESTIONS / "ar.jsonl")[:12] + load_questions(QUESTIONS / "en.jsonl")[:12]
    asked = {}
    pooled = evaluate(own_index, questions, "pooled", asked)
    assert len(asked) == len(questions)
    outcomes = dict(asked)
    english = evaluate(own_index, questions[12:], "en", asked)
    assert all(asked[key] is outcomes[key] for key in outcomes)  # none asked again
    alone = evaluate(own_index, questions[12:], "en")
    assert (english.hit1, english.answer_in_snippet, english.not_found_withheld, english.failures) == (
        alone.hit1,
        alone.answer_in_snippet,
        alone.not_found_withheld,
        alone.failures,
    )
    assert pooled.answerable + pooled.unanswerable == 24
