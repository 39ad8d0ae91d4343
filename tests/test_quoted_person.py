"""The person an Arabic question quotes, whom the best passage's article never names (issue 16:
near-topic questions the corpus cannot answer, a named person asked about a covered event)."""

from dataclasses import replace

from conftest import assert_check_decides

from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, MISSING_WORDS
from retrieval.missing import quoted_speakers

KERRY_ON_THE_VIDEO_SUMMIT = "شو قال كيري عن القمة الافتراضية بين بايدن وبوتين؟"


def test_a_person_quoted_whom_the_best_article_never_names_gets_the_closest_passages(own_index):
    """Kerry is in the article on the climate talks, not in the one on the video summit; without
    the check the quoted person is not looked for."""
    unchecked = replace(ARABIC_RULES, speaker_words=0)
    answer = assert_check_decides(own_index, KERRY_ON_THE_VIDEO_SUMMIT, MISSING_WORDS, unchecked)
    assert "كيري" in answer.missing


def test_a_person_quoted_on_what_their_article_reports_is_answered(own_index):
    answer = answer_question(own_index, "ماذا قال كيري عن المناخ؟")
    assert answer.answered and answer.results[0].citation.doc_id.startswith("000_")


def _names(question: str, typed: str = "") -> list[str]:
    return [
        question[start:end]
        for start, end in quoted_speakers(question, typed or question, ARABIC_RULES.speaker_words)
    ]


def test_quoted_speakers_are_the_words_after_a_verb_of_saying_or_a_stance_and_a_title():
    assert _names("شو قال ميسي عن السوبر وما موقف لافروف") == ["ميسي", "لافروف"]
    assert _names("شنو قال الملك محمد السادس على الهجوم") == ["محمد السادس"]
    assert _names("وين المؤتمر اللي حكى عنه بوتين") == []  # a preposition, not a speaker
    assert _names("الخارجية وصفت المحادثات") == []  # وصف takes an object first


def test_a_name_read_from_arabizi_or_respelt_is_not_taken_for_the_subject():
    """The reading of "shu 2al kiri" may be a word the articles know that is not the person."""
    assert _names("شو قال كيري عن القمة", typed="shu 2al kiri 3an el 2imma") == []


def test_the_speaker_spoken_arabic_names_before_the_verb_and_its_what_is_read_too():
    """ "هو مورينيو قال إيه عن ...": the speaker first, "what" after the verb."""

    def before(question: str) -> list[str]:
        return [question[a:b] for a, b in quoted_speakers(question, question, 2, before=True)]

    assert before("هو مورينيو قال إيه عن رحيل اللاعب") == ["مورينيو"]
    assert before("الرئيس ماكرون قال ايه عن القمة") == ["ماكرون"]  # back to the title
    assert before("ريابكف قال في اتفاق على موعد القمة") == []  # no "what" after the verb
    # The passage shown for what a person said is looked for after the verb only.
    assert _names("هو مورينيو قال إيه عن رحيل اللاعب") == []


def test_a_speaker_named_first_whom_the_best_article_never_names_gets_the_closest_passages(own_index):
    unchecked = replace(ARABIC_RULES, speaker_words=0)
    question = "كيري قال ايه عن القمة الافتراضية بين بايدن وبوتين؟"
    answer = assert_check_decides(own_index, question, MISSING_WORDS, unchecked)
    assert "كيري" in answer.missing
