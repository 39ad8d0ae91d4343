"""Words of a question that the best article must hold (issue 16: near-topic questions the
corpus cannot answer): the person an Arabic question quotes, the nth of something it asks."""

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import CLOSEST, MISSING_WORDS, OTHER_ORDINAL
from retrieval.missing import other_ordinal, quoted_speakers

KERRY_ON_THE_VIDEO_SUMMIT = "شو قال كيري عن القمة الافتراضية بين بايدن وبوتين؟"


def test_a_person_quoted_whom_the_best_article_never_names_gets_the_closest_passages(own_index):
    """Kerry is in the article on the climate talks, not in the one on the video summit."""
    answer = answer_question(own_index, KERRY_ON_THE_VIDEO_SUMMIT)
    assert (answer.outcome, answer.reason) == (CLOSEST, MISSING_WORDS)
    assert "كيري" in answer.missing


def test_a_person_quoted_on_what_their_article_reports_is_answered(own_index):
    answer = answer_question(own_index, "ماذا قال كيري عن المناخ؟")
    assert answer.answered and answer.results[0].citation.doc_id.startswith("000_")


def test_quoted_speakers_are_the_words_after_a_verb_of_saying_or_a_stance():
    question = "شو قال ميسي عن السوبر وما موقف لافروف"
    starts = {question[start:].split()[0] for start in quoted_speakers(question)}
    assert starts == {"ميسي", "لافروف"}
    assert not quoted_speakers("وين المؤتمر اللي حكى عنه بوتين")  # a preposition, not a speaker
    assert not quoted_speakers("الخارجية وصفت المحادثات")  # وصف takes an object first


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
