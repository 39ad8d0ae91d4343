"""An English question asking a person's name is answered only by a name in a sentence about the
question (`EnglishRules.min_name_sentence_share`): "What was the name of the suicide bomber ...
Kabul airport" was answered by an office a neighbour names on the hospitals ("مدير إدارة
مستشفيات كابل"), issue 15 near-topic questions. Synthetic articles."""

import asyncio
from dataclasses import replace

import pytest

from retrieval.answering import answer_question
from retrieval.decision import CLOSEST, ENGLISH_RULES, NO_ANSWER_KIND
from retrieval.evaluate import build_index

ATTACK = """---
title: هجوم انتحاري قرب مطار العاصمة
date: 2015-08-10
---
قتل خمسة أشخاص وأصيب عشرون آخرون في هجوم انتحاري بسيارة مفخخة استهدف قافلة \
قرب مطار العاصمة صباح اليوم، وأعلنت حركة مسلحة مسؤوليتها عن الهجوم.

وبحسب مدير إدارة المستشفيات فإن الجرحى نقلوا إلى ثلاثة مستشفيات وإن حالة أربعة منهم حرجة.
"""
CRASH = """---
title: حادث حافلة على الطريق السريع
date: 2015-08-09
---
انقلبت حافلة تقل معتمرين على الطريق السريع فجر اليوم، وأوقفت الشرطة سائق الحافلة \
سالم بن راشد بعد الحادث للتحقيق معه في أسباب انقلاب الحافلة.
"""
PARK = """---
title: حديقة جديدة
date: 2015-07-21
---
افتتحت البلدية حديقة جديدة في وسط المدينة تضم ممرات للمشاة وملاعب للأطفال ومساحات خضراء واسعة.
"""
BOMBER = "What was the name of the suicide bomber in the attack near the capital's airport?"


@pytest.fixture(scope="module")
def news_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    for name, text in (("attack", ATTACK), ("crash", CRASH), ("park", PARK)):
        (folder / f"{name}.md").write_text(text, "utf-8")
    return asyncio.run(build_index(folder, folder / "eval.sqlite3"))


def test_a_name_in_a_sentence_on_something_else_does_not_answer_a_name_question(news_index):
    answer = answer_question(news_index, BOMBER)
    assert (answer.outcome, answer.reason) == (CLOSEST, NO_ANSWER_KIND)
    unchecked = replace(ENGLISH_RULES, min_name_sentence_share=0.0)
    assert answer_question(news_index, BOMBER, rules=unchecked).answered


def test_a_name_in_the_sentence_the_question_is_about_answers_it(news_index):
    answer = answer_question(news_index, "What was the name of the driver of the bus that overturned?")
    assert answer.answered and "سالم بن راشد" in answer.results[0].snippet
