"""Words of a question that the best article must hold (issue 16: near-topic questions the
corpus cannot answer): the person an Arabic question quotes, its rarest word, the nth of
something it asks."""

from dataclasses import replace

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, KEY_WORD_ELSEWHERE, MISSING_WORDS, OTHER_ORDINAL
from retrieval.missing import key_term, other_ordinal, quoted_speakers, written_in

KERRY_ON_THE_VIDEO_SUMMIT = "شو قال كيري عن القمة الافتراضية بين بايدن وبوتين؟"
SANCTIONS_AT_GENEVA = "ما هي العقوبات على روسيا في قمة جنيف؟"


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


def test_a_question_whose_rarest_word_the_best_article_lacks_gets_the_closest_passages(own_index):
    """Sanctions are in the article on Nord Stream 2; the Geneva summit's articles hold the rest."""
    answer = answer_question(own_index, SANCTIONS_AT_GENEVA)
    assert (answer.outcome, answer.reason) == (CLOSEST, KEY_WORD_ELSEWHERE)
    blind = replace(ARABIC_RULES, min_key_share=1.01)
    assert answer_question(own_index, SANCTIONS_AT_GENEVA, rules=blind).answered


def test_a_question_whose_rarest_word_the_best_article_holds_is_answered(own_index):
    assert answer_question(own_index, "ما هي العقوبات على نورد ستريم 2؟").answered


def test_key_term_is_the_heaviest_known_term_with_its_share():
    weights = {"ساهر": 6.0, "نظام": 2.0, "بيرأس": 8.0}
    assert key_term(weights, lambda term: term != "بيرأس") == ("ساهر", 6.0 / 16.0)
    assert key_term(weights, lambda term: False) == ("", 0.0)


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


def test_a_key_word_counts_as_written_in_another_form():
    assert written_in("رشح", "اعلن ترشحه لرئاسه النادي")
    assert written_in("فدانا", "احرق الحريق 600 فدان")
    assert not written_in("ساهر", "تطبيق النظام الجديد")
