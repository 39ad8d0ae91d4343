"""A how-many question asking an attribute of something (a population, a budget, a salary, a price
or a cost) is answered only by a number in a sentence stating it (issue 16: a detail never given).
The seed articles give Nord Stream 2's sanctions and a fortnight of threats, never its budget or
its cost."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.attributes import asked_attribute, asked_value
from retrieval.decision import ARABIC_RULES, CLOSEST, ENGLISH_RULES, NO_ANSWER_KIND
from retrieval.snippets import answer_sentence_shares

BUDGET = "كم ميزانية مشروع نورد ستريم 2"
ENGLISH_BUDGET = "How much is the budget of Nord Stream 2?"
COST = "كم تكلفة مشروع نورد ستريم 2؟"
ENGLISH_COST = "How much did the Nord Stream 2 pipeline cost?"


@pytest.mark.parametrize("question", [BUDGET, ENGLISH_BUDGET, COST, ENGLISH_COST])
def test_a_budget_the_articles_never_give_gets_the_closest_passages(own_index, question):
    answer = answer_question(own_index, question)
    assert (answer.outcome, answer.reason) == (CLOSEST, NO_ANSWER_KIND)


@pytest.mark.parametrize(
    ("question", "rules"),
    [
        (BUDGET, ARABIC_RULES),
        (ENGLISH_BUDGET, ENGLISH_RULES),
        (COST, ARABIC_RULES),
        (ENGLISH_COST, ENGLISH_RULES),
    ],
)
def test_without_the_check_a_number_near_the_pipeline_answers(own_index, question, rules):
    assert answer_question(own_index, question, rules=replace(rules, check_attribute=False)).answered


@pytest.mark.parametrize(
    ("question", "stated_by"),
    [
        ("كم عدد سكان محافظة أملج", "نسمة"),
        ("شحال من نسمة كيسكنو فالمخواة؟", "السكان"),
        ("كم ميزانية الجامعة هالسنة؟", "الميزانية"),
        ("قديش راتب اللاعب مع ناديه الجديد؟", "رواتب"),
        ("What is the population of the governorate?", "سكانها"),
        ("قديش سعر التذكرة من جدة للرياض؟", "ريالاً"),
        ("كم تبلغ تكلفة إنشاء المحطة؟", "بتكلفة"),
        ("المشروع تكلفته كام؟", "دولار"),
        ("How much is the player's contract worth?", "بقيمة"),
    ],
)
def test_asked_attribute_reads_the_attribute_and_the_words_stating_it(question, stated_by):
    assert set(analyze(stated_by)) <= asked_attribute(question)


def test_asked_attribute_is_empty_for_other_counts():
    assert asked_attribute("كم عدد الطلاب المقبولين") == frozenset()
    assert asked_attribute("How many people died in the crash?") == frozenset()
    # "how many times more did they pay a price for oil": ثمن is no sum asked.
    assert asked_attribute("كم مرة اضطرت الدول إلى دفع ثمن أكبر مقابل النفط") == frozenset()


@pytest.mark.parametrize(
    ("text", "stem", "question"),
    [
        (
            "افتتح المستشفى الجديد في المحافظة بسعة 100 سرير. ويبلغ عدد سكان المحافظة 90 ألف نسمة.",
            "محافظ",
            "كم عدد سكان المحافظة",
        ),
        (
            "تنتج المحطة 50 ميجاوات من الكهرباء. وأنشئت المحطة بتكلفة 400 مليون ريال.",
            "محط",
            "كم تبلغ تكلفة إنشاء المحطة؟",
        ),
    ],
)
def test_only_a_number_in_a_sentence_stating_the_attribute_counts(text, stem, question):
    """A population needs a sentence stating it; a cost a sentence with a sum (not 50 ميجاوات)."""
    weights = {stem: 1.0}
    stating = asked_attribute(question)
    assert len(answer_sentence_shares(text, "count", weights)) == 2
    assert len(answer_sentence_shares(text, "count", weights, stating)) == 1
    assert answer_sentence_shares(text.split(". ")[0], "count", weights, stating) == []


WHAT_BUDGET = "What is the budget of Nord Stream 2?"


def test_what_is_an_attribute_asks_its_number_in_english(own_index):
    """Without reading "what is" as how many, the pipeline's passage answers."""
    unchecked = replace(ENGLISH_RULES, attribute_asks_count=False)
    assert_check_decides(own_index, WHAT_BUDGET, NO_ANSWER_KIND, unchecked)


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Jeddah?",
        "What's the population of Al Baha region?",
        "What was Warsaw's population in 1901?",
        "what is the estimated population of the governorate",
    ],
)
def test_asked_value_reads_what_is_the_population(question):
    assert set(analyze("السكان")) <= asked_value(question)


@pytest.mark.parametrize(
    "question",
    [
        "What did the budget include?",
        "Who is the city's population growing fastest in?",
        "ما هو عدد سكان جدة",
    ],
)
def test_asked_value_is_empty_unless_what_is_asks_the_attribute(question):
    assert asked_value(question) == frozenset()
