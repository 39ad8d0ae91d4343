"""A date beside a verb of saying dates the report, not what it reports: a when-question asking
no saying is not answered by it (issue 16: an event never reported). "جداً" (very) is no date."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.answer_kinds import WHEN, answer_spans
from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, NO_ANSWER_KIND
from retrieval.report_dates import asks_saying, dates_report

INVASION = "متى بدأ الغزو الروسي لأوكرانيا؟"


def _dates(text: str) -> list[tuple[str, bool]]:
    return [(text[a:b], dates_report(text, a, b)) for a, b in answer_spans(text, WHEN)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وفي الخامس من مارس، قال الوزير إن المصنع سيفتح أبوابه", [("الخامس من مارس", True)]),
        ("أعلن، الأحد، أن الجسر الجديد جاهز", [("الأحد", True)]),
        ("عقد الاجتماع الخميس بين الوفدين", [("الخميس", False)]),
        ("وقالت الشركة الثلاثاء إن القطار", [("الثلاثاء", False)]),
        ("افتتح الجسر في الخامس من مارس بحضور المحافظ", [("الخامس من مارس", False)]),
        ("وأكدت، يوم الأربعاء. وافتتح في الخامس من مارس", [("الأربعاء", True), ("الخامس من مارس", False)]),
    ],
)
def test_dates_report_reads_a_verb_of_saying_right_beside_the_date(text, expected):
    assert _dates(text) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("متى قال الوزير إن المصنع سيفتح؟", True),
        ("امتى اعلنت الشركة افتتاح الجسر", True),
        ("When did the minister say the factory would open?", True),
        ("متى افتتح الجسر الجديد؟", False),
        ("When did the bridge open?", False),
    ],
)
def test_asks_saying(question, expected):
    assert asks_saying(question) is expected


def test_very_is_no_date_though_it_normalizes_as_tomorrow():
    assert answer_spans("من الصعب جداً على الشركة", WHEN) == ()
    assert [s for s in answer_spans("يفتتح الجسر غداً", WHEN)]


def test_a_when_question_on_an_event_dated_only_by_a_report_gets_the_closest_passages(own_index):
    """The seed article dates Biden's words ("وفي الرابع من ديسمبر، قال ...") that name an
    invasion as a threat; without the check that date answers."""
    unchecked = replace(ARABIC_RULES, check_report_date=False)
    assert_check_decides(own_index, INVASION, NO_ANSWER_KIND, unchecked)


def test_a_when_question_asking_what_was_said_keeps_the_report_date(own_index):
    answer = answer_question(own_index, "متى قال بايدن إنه سيجري نقاشا طويلا مع بوتين؟")
    assert answer.answered
    assert "الرابع من ديسمبر" in answer.results[0].snippet
