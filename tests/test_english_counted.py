"""An English how-many question naming what it counts: the noun read and rendered in Arabic, and
the passage of its article with a number of it shown first."""

from dataclasses import replace

import pytest

from retrieval.answer_kinds import counted_form, counts_noun, currencies
from retrieval.answering import answer_question
from retrieval.english.counted import counted_word, english_counted_nouns
from retrieval.ranking_config import ENGLISH_RANKING
from tests.test_answering import build

DICTIONARY = {"trucks": ("الشاحنات",), "truck": ("شاحنة",), "pilgrim": ("حاج",)}


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("How many aid trucks cross through the border crossing?", "trucks"),
        ("How many people were killed in the attack?", "people"),
        ("how many of the pilgrims arrived?", "pilgrims"),
        ("How many were injured?", ""),  # no noun: a participle no Arabic count ends with
        ("What did the minister say?", ""),
    ],
)
def test_the_counted_word_is_the_first_plural_after_how_many(question, word):
    assert counted_word(question) == word


@pytest.mark.parametrize(
    ("question", "text", "counts"),
    [
        # The plural asked and its singular: "120 شاحنة", "الشاحنات".
        ("How many aid trucks cross the border?", "عبرت 120 شاحنة", True),
        ("How many aid trucks cross the border?", "لمدة ستة أشهر", False),
        ("How many pilgrims arrived?", "وصل 1500 حاج", True),
        ("How many people were killed?", "قتل 12 شخصا", True),
        ("How many people were killed?", "أحرقت 20 سيارة", False),
    ],
)
def test_a_count_of_the_rendered_noun_answers(question, text, counts):
    assert counts_noun(text, english_counted_nouns(question, DICTIONARY)) is counts


def test_how_much_money_counts_a_currency_and_other_questions_nothing():
    assert english_counted_nouns("How much money did the ministry pay?", DICTIONARY) == currencies()
    assert counted_form("ريالا") in currencies()
    assert english_counted_nouns("How much oil is left?", DICTIONARY) == frozenset()
    assert english_counted_nouns("When did the aid trucks cross?", DICTIONARY) == frozenset()


# The third paragraph matches the question best and counts months; the lead counts the dead.
LEAD = "وقتل خمسة أشخاص في الهجوم على المعبر."
THIRD = (
    "وكان الهجوم على معبر المساعدات عند الحدود قد وقع بعد ستة أشهر من تمديد إدخال المساعدات "
    "عبر الحدود من المعبر."
)
ASKED = "How many people were killed in the attack on the aid crossing at the border?"
OTHER = ["خبر عن مباراة كرة القدم أمس."]


def test_the_passage_counting_what_is_asked_is_shown_and_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    index = build(tmp_path, {"a": [LEAD, "وتواصل فرق الإسعاف عملها منذ أيام.", THIRD], "b": OTHER})
    answer = answer_question(index, ASKED)
    assert answer.answered
    assert answer.results[0].passage_id == "a#0"
    assert "خمسة أشخاص" in answer.results[0].snippet
    # Without the rule, or naming nothing counted, the best passage is shown first.
    unchecked = replace(ENGLISH_RANKING, counted_passage_first=False)
    assert answer_question(index, ASKED, ranking=unchecked).shown[0].passage_id == "a#2"
    unnamed = answer_question(index, "How many were killed in the attack on the aid crossing at the border?")
    assert unnamed.shown[0].passage_id == "a#2"
