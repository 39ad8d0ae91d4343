"""A question on one nationality's X over a best passage giving X another's (issue 16: near-topic
questions the corpus cannot answer, a fact the covered story does not hold)."""

from dataclasses import replace

from conftest import assert_check_decides

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, OTHER_NATIONALITY
from retrieval.qualifiers import other_nationality

AMERICAN_DELEGATION = "من ترأس الوفد الأمريكي في محادثات الاستقرار الاستراتيجي في جنيف؟"


def test_the_delegation_of_a_nationality_the_story_never_gives_gets_the_closest_passages(own_index):
    """The article names who led the Russian delegation (Ryabkov), not the American one; without
    the check (and the role reader, which declines it too) the other delegation answers."""
    unchecked = replace(ARABIC_RULES, check_nationality=False, role_articles=0)
    answer = assert_check_decides(own_index, AMERICAN_DELEGATION, OTHER_NATIONALITY, unchecked)
    assert answer.closest[0].citation.doc_id.startswith("003_")


def test_the_delegation_the_story_gives_is_answered(own_index):
    answer = answer_question(own_index, "من ترأس الوفد الروسي في محادثات الاستقرار الاستراتيجي في جنيف؟")
    assert answer.answered and "ريابكوف" in answer.results[0].snippet


def test_other_nationality_needs_the_same_noun_given_another_nationality_only():
    asked = analyze("من ترأس الوفد الأمريكي")
    assert other_nationality(asked, analyze("ريابكوف الذي ترأس الوفد الروسي"))
    assert not other_nationality(asked, analyze("الوفد الروسي والوفد الأمريكي"))
    assert not other_nationality(asked, analyze("قال الرئيس الروسي"))  # another noun: no evidence
    russian_minister = analyze("ماذا قال وزير الخارجية الروسي")
    assert not other_nationality(russian_minister, analyze("وزير الخارجية الأمريكي بلينكن ونظيره الروسي"))
