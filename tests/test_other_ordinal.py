"""The nth of something a question asks, numbered otherwise by the best passage (issue 16:
near-topic questions the corpus cannot answer, a fact the covered story does not hold)."""

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import CLOSEST, OTHER_ORDINAL
from retrieval.missing import other_ordinal


def test_the_nth_of_something_the_best_passage_numbers_otherwise_gets_the_closest_passages(own_index):
    """The articles report the second round of the strategic stability talks, not a third."""
    answer = answer_question(own_index, "أين ستعقد الجولة الثالثة من محادثات الاستقرار الاستراتيجي؟")
    assert (answer.outcome, answer.reason) == (CLOSEST, OTHER_ORDINAL)


def test_the_nth_of_something_the_best_passage_holds_is_answered(own_index):
    assert answer_question(own_index, "أين ستعقد الجولة الثانية من محادثات الاستقرار الاستراتيجي؟").answered


def test_other_ordinal_needs_the_same_noun_numbered_otherwise():
    third_round, second_round = analyze("الجولة الثالثة"), analyze("بعد الجولة الثانية من الحوار")
    assert other_ordinal(third_round, second_round)
    assert not other_ordinal(third_round, analyze("الجولة الثانية والجولة الثالثة"))
    assert not other_ordinal(third_round, analyze("في الربع الثاني"))  # another noun: no evidence
