"""A how-many question naming what it counts ("كم عدد زوار ...") is answered only by a number near
that noun in its sentence (issue 15: counts never stated). The seed articles count troops and
working groups, never Geneva's visitors or the trucks through Bab al-Hawa."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.answering import answer_question
from retrieval.counted import asked_counted, consonants, counts_asked
from retrieval.decision import ARABIC_RULES, NO_ANSWER_KIND
from retrieval.normalize import normalize_arabic

UNCHECKED = replace(ARABIC_RULES, counted_window=0)


@pytest.mark.parametrize(
    "question", ["كم عدد الزوار الذين حضروا اجتماع جنيف؟", "كم عدد الشاحنات التي تعبر باب الهوى؟"]
)
def test_a_count_no_article_gives_gets_the_closest_passages(own_index, question):
    assert_check_decides(own_index, question, NO_ANSWER_KIND, UNCHECKED)


def test_a_count_the_articles_give_is_still_answered(own_index):
    assert answer_question(own_index, "كم عدد الجنود الروس على حدود أوكرانيا؟").answered


@pytest.mark.parametrize(
    ("one", "other"),
    [("الزوار", "زائراً"), ("جنود", "جندي"), ("الطلاب", "طالب"), ("المصلين", "مصلٍ"), ("النخيل", "نخلة")],
)
def test_a_broken_plural_meets_its_singular(one, other):
    assert consonants(normalize_arabic(one)) == consonants(normalize_arabic(other))


def test_a_first_waw_is_a_consonant():
    """"وزير" (a minister) is not "زوار" (visitors)."""
    assert consonants(normalize_arabic("وزير")) != consonants(normalize_arabic("زوار"))


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("كم عدد زوار المهرجان؟", "زائر"),
        ("كم يبلغ عدد الطلاب في الكلية", "طلاب"),
        ("كم عدد المقاعد التي فازت بها النساء؟", "مقعداً"),
    ],
)
def test_asked_counted_reads_the_noun_after_number(question, noun):
    assert asked_counted(question) == {consonants(normalize_arabic(noun))}


@pytest.mark.parametrize(
    "question",
    [
        "قديش مددولها لمساعدات سوريا؟",  # a verb after قديش
        "الساعه كم بدأ الاجتماع",
        "كم مجموعة عمل اتفقوا عليها",  # no عدد: not read
        "كم ليلا مربعا تأثر بالجفاف",  # nor an accusative (a typo for ميلا would be read)
        "كم بلغت قيمة الصفقة",  # a sum: the price attribute's
        "كم عدد ضحايا الحريق",  # news counts victims as قتيلا، مصابين
        "قديش عدد اللي ماتوا",
        "كم عدد الأشخاص الذين كانوا في الرحلة",
    ],
)
def test_asked_counted_is_empty_without_a_plain_counted_noun(question):
    assert asked_counted(question) == frozenset()


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("وبلغ عدد الطلاب المقبولين في الكلية هذا العام 500 طالب.", True),
        ("اتفق الجانبان على تشكيل مجموعتي عمل.", True),  # a dual counts by itself
        ("قاد مانينغ فريقين مختلفين إلى النهائي.", True),
        ("تستقبل الكلية الطلاب المتقدمين في مقرها بحي النصبة شمال المحافظة من الساعة 8 صباحاً.", False),
        ("افتتحت الكلية عام 2010. ويدرس فيها الطلاب الهندسة.", False),  # the number in another sentence
    ],
)
def test_counts_asked_wants_the_number_near_the_noun_in_its_sentence(text, counts):
    asked = "كم عدد الطلاب" if "طلاب" in text else "كم عدد الفرق" if "فريق" in text else "كم عدد المجموعات"
    counted = asked_counted(asked)
    assert counts_asked(text, counted, {}, 6) is counts
