import pytest

from retrieval.answer_kinds import counts_noun
from retrieval.english.counted import english_counted
from retrieval.english.expand import expand_english
from retrieval.english.freedict import load_dictionary
from retrieval.normalize import normalize_arabic


def _counted(question: str) -> frozenset[str]:
    return english_counted(question, expand_english(question, load_dictionary()))


@pytest.mark.parametrize(
    ("question", "text", "counts"),
    [
        ("How much did Lyon reportedly pay for Valbuena?", "7 ملايين يورو", True),
        ("How much was the deal worth?", "25 مليون يورو", True),
        ("For how much did the club sell him?", "60 مليون جنيه", True),
        ("How much did the pipeline cost?", "14 عاما", False),  # a sum, not an age
        ("How much of the skeleton has been recovered?", "70 مليون ريال", False),  # a share
        ("How many players were called up for the camp?", "34 لاعبا", True),
        ("How many players were called up for the camp?", "2 - 5 ذي القعدة", False),
        ("How many people were injured in the fire?", "شخصين", True),  # a dual counts itself
        ("How many tons of food were seized?", "5 أطنان", True),
        ("How many times did they meet?", "3 مرات", True),
        ("How many times did they meet?", "يومين", False),
    ],
)
def test_an_english_count_is_answered_by_a_number_of_what_it_counts(question, text, counts):
    assert counts_noun(normalize_arabic(text), _counted(question)) is counts


@pytest.mark.parametrize("question", ["How much oil did Iraq export in July?", "How old is he?", "Who won?"])
def test_a_question_naming_nothing_counted_has_no_english_counted_noun(question):
    assert _counted(question) == frozenset()
