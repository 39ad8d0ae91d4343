"""Near stories of another body or place (issues 15, 16): a public body, a governorate or a
district the question names must be named by the best passage's article, as a listed city must
(`missing.named_bodies`, `missing.cued_places`, `ArabicRules.named_bodies`, `cued_places`)."""

from dataclasses import replace

import pytest
from test_answering import build

from retrieval.answer_kinds import named_cities
from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, MISSING_WORDS
from retrieval.missing import cued_places, named_bodies

_JOBS = (
    "أعلنت المديرية العامة للدفاع المدني عن توفر وظائف مؤقتة لسائقي النقل الثقيل للعمل خلال "
    "موسم الحج، براتب مقطوع قدره 6 آلاف ريال شاملا جميع البدلات."
)
_CRESCENT = "باشرت فرق الهلال الأحمر إسعاف المصابين في حادث مروري على الطريق السريع."
_WORLD = "وأوضح التقرير أن عدد سكان العالم يبلغ في الوقت الراهن 7.3 مليار نسمة."
_RASS = "افتتح محافظ الرس مشروع تطوير الحدائق العامة في محافظة الرس أمس."
_OTHER = "ارتفعت أسعار الذهب خلال الأسبوع الماضي في الأسواق العالمية."


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("كم راتب وظائف السائقين في الهلال الأحمر؟", [("الهلال", "الهلال"), ("الأحمر", "الاحمر")]),
        ("متى افتتح مركز للدفاع المدني في جدة؟", [("للدفاع", "الدفاع"), ("المدني", "المدني")]),
        ("مين قائد بالحرس الوطني", [("بالحرس", "الحرس"), ("الوطني", "الوطني")]),
        ("كم راتب الهلال في الدوري؟", []),  # the club, not the Red Crescent
    ],
)
def test_the_public_bodies_a_question_names_are_read_word_by_word(question, words):
    assert [(question[start:end], word) for start, end, word in named_bodies(question)] == words


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("كم يبلغ عدد سكان محافظة الرس؟", [("الرس", "الرس")]),
        ("متى افتتحت الحديقة بحي الروضة", [("الروضة", "الروضه")]),
        ("كم عدد زوار المنطقة الشرقية", []),  # the article: no cue in construct
        ("متى افتتح مركز الدفاع المدني", []),  # a centre is no place
        ("في أي قرية اندلع حريق المستودع التابع لمحافظة صبيا؟", [("صبيا", "صبيا")]),  # not the one asked
    ],
)
def test_the_place_a_governorate_or_district_cue_heads_is_read(question, places):
    assert [(question[start:end], word) for start, end, word in cued_places(question)] == places


def test_a_listed_place_typed_with_ya_for_its_hamza_is_named():
    question = "مين صاحب المطعم اللي اتقفل فى حايل وشو صار بالطايف"
    assert [(question[s:e], city) for s, e, city in named_cities(question)] == [
        ("حايل", "حائل"),
        ("بالطايف", "الطائف"),
    ]


@pytest.mark.parametrize(
    ("articles", "question", "switch", "still_answered"),
    [
        # The civil defence's advert holds every other word of the question: its salary is not
        # the Red Crescent's. The civil defence's salary is still answered.
        (
            {"a": [_JOBS], "b": [_CRESCENT], "c": [_OTHER]},
            "كم راتب وظائف سائقي النقل الثقيل المؤقتة في الهلال الأحمر لموسم الحج؟",
            "named_bodies",
            "كم راتب وظائف سائقي النقل الثقيل في الدفاع المدني لموسم الحج؟",
        ),
        # A count of the world is no governorate's population.
        ({"a": [_WORLD], "b": [_RASS], "c": [_OTHER]}, "كم يبلغ عدد سكان محافظة الرس؟", "cued_places", None),
    ],
)
def test_a_body_or_place_the_best_article_never_names_gets_the_closest_passages(
    tmp_path, monkeypatch, articles, question, switch, still_answered
):
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    index = build(tmp_path, articles)
    answer = answer_question(index, question)
    assert (answer.outcome, answer.reason) == (CLOSEST, MISSING_WORDS)
    assert answer_question(index, question, rules=replace(ARABIC_RULES, **{switch: False})).answered
    assert still_answered is None or answer_question(index, still_answered).answered
