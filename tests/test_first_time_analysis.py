"""The quicker first-time work of a new question gives what the full work gives: the fast paths
are trusted only because these comparisons hold (answers identical before and after)."""

from __future__ import annotations

import difflib
import random
from collections import Counter

import pytest

from retrieval.analysis import analyze
from retrieval.answer_kinds import COUNT, DURATION, WHEN, WHERE
from retrieval.documents import Document
from retrieval.english.names import _quick_ratio
from retrieval.index import title_terms
from retrieval.snippets import holds_unasked_answer, unasked_answers
from retrieval.store_corpus import DOCUMENT_COLUMNS
from retrieval.stored_documents import StoredDocuments

PASSAGES = [
    "عقد الاجتماع في جنيف يوم 7 ديسمبر 2021 واستمر ثلاثة أيام بحضور 40 مندوباً.",
    "وقال المتحدث إن 10 طلبات قدمت خلال يومين في الرياض، ووصل الوفد الثامنة صباحاً.",
    "ﻻ أحد يعرف متى ينتهي الأمر؛ الإمارات وقطر ﷲ",  # presentation forms NFKC splits
    "لا شيء هنا يجيب عن السؤال",
    "",
]
WEIGHTS = [{}, {"جنيف": 1.0}, {"رياض": 1.0, "10": 1.0}, {"ديسمبر": 1.0, "7": 1.0, "2021": 1.0}]


@pytest.mark.parametrize("text", PASSAGES)
@pytest.mark.parametrize("kind", [WHEN, WHERE, COUNT, DURATION, ""])
def test_holds_an_unasked_answer_exactly_when_unasked_answers_finds_one(text, kind) -> None:
    for weights in WEIGHTS:
        assert holds_unasked_answer(text, kind, weights) == bool(unasked_answers(text, kind, weights))


@pytest.mark.parametrize("title", [*PASSAGES, "Biden و بوتين: قمة جنيف", "ال و في من"])
def test_a_headlines_terms_are_those_of_its_analysis(title) -> None:
    assert title_terms(title) == frozenset(analyze(title))


def test_quick_ratio_is_difflibs_on_random_pairs() -> None:
    rng = random.Random(15)
    for _ in range(3000):
        a = "".join(rng.choice("abkliu") for _ in range(rng.randint(1, 9)))
        b = "".join(rng.choice("abkliut") for _ in range(rng.randint(0, 9)))
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()
        assert _quick_ratio(Counter(a), len(a), b) == expected


def test_a_stored_documents_title_is_read_without_decoding_its_body() -> None:
    columns = DOCUMENT_COLUMNS.split(", ")
    row = [None] * len(columns)
    row[columns.index("doc_id")], row[columns.index("title")] = "d1", "عنوان الخبر"
    row[columns.index("body")] = b"\xff not UTF-8: decoding it would fail"
    documents = StoredDocuments.from_rows([tuple(row)])
    assert documents.title("d1") == "عنوان الخبر"
    decoded = StoredDocuments.of([Document(doc_id="d2", title="headline", body="text")])
    assert decoded.title("d2") == "headline"
