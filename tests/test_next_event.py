"""A question about the next of something (the next meeting, "القمة الجاية") over a best passage
that marks nothing as still to come gets the closest passages: the passage reports an earlier
one, and its date or place answers another question (issue 16: events after the articles)."""

from dataclasses import replace

from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, PAST_EVENT
from retrieval.upcoming import asks_next

NEXT_MEETING = "وين رح يكون الاجتماع الجاي بين بلينكن ولافروف؟"


def test_the_next_meeting_over_the_past_one_gets_the_closest_passages(own_index):
    """The articles report the Reykjavik meeting, held; none announces another."""
    answer = answer_question(own_index, NEXT_MEETING)
    assert (answer.outcome, answer.reason) == (CLOSEST, PAST_EVENT)
    assert "ريكيافيك" in answer.closest[0].snippet


def test_without_the_check_the_past_meeting_answers(own_index):
    rules = replace(ARABIC_RULES, check_next=False)
    assert answer_question(own_index, NEXT_MEETING, rules=rules).answered


def test_a_next_event_the_passage_announces_is_answered(own_index):
    """ "ستعقد الأسبوع المقبل": the second round, still to come when the article was written."""
    answer = answer_question(own_index, "متى الجولة الجاية من الحوار الاستراتيجي حسب لافروف؟")
    assert answer.answered


def test_asks_next_reads_the_next_of_something_in_arabic_and_english():
    assert asks_next("امتى رح تكون القمة الجاية بين بايدن وبوتين؟")
    assert asks_next("متى الاجتماع المقبل للوفدين")
    assert asks_next("When is the next summit?")
    assert not asks_next("متى عقدت القمة بين بايدن وبوتين؟")
    assert not asks_next("When did the summit take place?")
