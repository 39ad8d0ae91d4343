"""A question asking how something turned out, over a passage reporting the event as still to
come, gets the closest passages, not an answer (issue 16: events after the articles' period)."""

from collections import Counter
from dataclasses import replace

import pytest

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, ENGLISH_RULES, UPCOMING
from retrieval.normalize import normalize_arabic
from retrieval.upcoming import asks_outcome, is_upcoming, reports_upcoming

GLASGOW_RESULTS = "ما هي نتائج مؤتمر غلاسكو للمناخ؟ شو اتفقوا بالآخر؟"
COP26_AGREED = "What was agreed at the end of COP26 in Glasgow?"


@pytest.mark.parametrize(
    ("question", "rules"), [(GLASGOW_RESULTS, ARABIC_RULES), (COP26_AGREED, ENGLISH_RULES)], ids=["ar", "en"]
)
def test_results_of_a_conference_the_articles_report_as_upcoming_get_the_closest_passages(
    own_index, question, rules
):
    """The articles speak of COP26 only before it: "... والتي ستعقد في مدينة غلاسكو"; asked
    in Arabic or in English."""
    answer = answer_question(own_index, question)
    assert (answer.outcome, answer.reason) == (CLOSEST, UPCOMING)
    assert not answer.results and answer.closest
    # The passage matches the conference well: the future verb next to it is what declines it.
    blind = replace(rules, upcoming_window=0)
    assert answer_question(own_index, question, rules=blind).answered


@pytest.mark.parametrize(
    "question",
    [
        "على شو اتفق الرئيسين بقمة جنيف بخصوص الاستقرار الاستراتيجي؟",
        "What did Biden and Putin agree on in Geneva?",
    ],
    ids=["ar", "en"],
)
def test_an_agreement_the_articles_report_is_still_answered(own_index, question):
    assert answer_question(own_index, question).answered


def test_outcome_questions_are_told_from_others():
    assert asks_outcome("شو صارت نتيجة ماتش الاتحاد وأحد")
    assert asks_outcome("ما الحكم الذي صدر بحق المتهمين")
    assert asks_outcome("مين فاز بالانتخابات")
    assert not asks_outcome("متى تقام مباراة الاتحاد وأحد")


def test_a_future_verb_is_one_whose_present_the_articles_write_as_often():
    counts = {"تعقد": 3, "ستعقد": 1, "سيارة": 50, "يارة": 2}
    passages = Counter({analyze(word)[0]: n for word, n in counts.items()})
    frequency = passages.__getitem__  # passages holding a term, 0 for others
    assert is_upcoming(normalize_arabic("ستعقد"), frequency)
    assert is_upcoming("المقبل", frequency) and is_upcoming(normalize_arabic("والمقررة"), frequency)
    assert not is_upcoming(normalize_arabic("ستيلرز"), frequency)  # a name: no present تيلرز
    assert not is_upcoming(normalize_arabic("سيارة"), frequency)  # a noun: its س is its own
    assert not is_upcoming(normalize_arabic("ستعقد"), lambda term: 0)


def test_the_marker_counts_only_near_a_term_of_the_question():
    asked = set(analyze("نتيجة مباراة الاتحاد وأحد"))
    near = "يلتقي الفريقان السبت المقبل في مباراة الاتحاد وأحد."
    far = "أعلن النادي تعاقده مع مدرب جديد للموسم المقبل بعد مشوار طويل. وفاز الاتحاد على أحد."
    assert reports_upcoming(near, asked, lambda term: 0, window=3)
    assert not reports_upcoming(far, asked, lambda term: 0, window=3)


def test_english_words_asking_an_outcome():
    assert asks_outcome("Who won the Saudi Super Cup in London?")
    assert asks_outcome("What was the result of the match?")
    assert asks_outcome(COP26_AGREED)
    assert not asks_outcome("When will the Saudi Super Cup be played?")


def test_an_english_question_asking_whether_something_happened_asks_an_outcome():
    assert asks_outcome("Did Putin attend the climate conference in Glasgow?")
    assert asks_outcome("What did Russia and America decide about the third round?")
    assert not asks_outcome("How did the two presidents talk?")
    assert not asks_outcome("What did Biden say about Ukraine?")


def test_whether_someone_went_to_a_conference_still_to_come_gets_the_closest_passages(own_index):
    """ "... التي ستعقد في مدينة غلاسكو": the articles cannot say who attended."""
    question = "Did Putin go to the climate conference in Glasgow?"
    answer = answer_question(own_index, question)
    assert (answer.outcome, answer.reason) == (CLOSEST, UPCOMING)
    assert answer_question(own_index, question, rules=replace(ENGLISH_RULES, upcoming_window=0)).answered
