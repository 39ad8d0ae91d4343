"""A question asking who won an event of a year after the latest article's gets the closest
passages: the articles can only preview it (issues 15 and 16, "من فاز برئاسة الفيفا في انتخابات
فبراير 2016" over the 2015 passage setting the election's date). Synthetic articles."""

import asyncio
from dataclasses import replace

import pytest

from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, UPCOMING
from retrieval.evaluate import build_index
from retrieval.upcoming import asks_winner

PREVIEW = """---
title: موعد انتخاب رئيس اتحاد الشطرنج
date: 2015-07-20
---
حددت اللجنة التنفيذية لاتحاد الشطرنج الدولي يوم العاشر من مارس 2016 موعدا لانتخاب رئيس جديد
للاتحاد خلفا لرئيسه المستقيل. وكان الرئيس المستقيل قد فاز في الانتخابات السابقة على منافسه
بفارق كبير من الأصوات.
"""
OTHER = """---
title: حديقة جديدة
date: 2015-07-21
---
افتتحت البلدية حديقة جديدة في وسط المدينة تضم ممرات للمشاة وملاعب للأطفال ومساحات خضراء واسعة.
"""
LATE = "من فاز برئاسة اتحاد الشطرنج الدولي في انتخابات مارس 2016؟"


@pytest.fixture(scope="module")
def chess_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chess")
    (folder / "preview.md").write_text(PREVIEW, "utf-8")
    (folder / "other.md").write_text(OTHER, "utf-8")
    return asyncio.run(build_index(folder, folder / "eval.sqlite3"))


def test_who_won_an_event_after_the_articles_gets_the_closest_passages(chess_index):
    """The preview reports the past election's winner (فاز), so only the year tells."""
    answer = answer_question(chess_index, LATE)
    assert (answer.outcome, answer.reason) == (CLOSEST, UPCOMING)
    assert answer.closest and not answer.results
    assert answer_question(chess_index, LATE, rules=replace(ARABIC_RULES, check_late_winner=False)).answered


def test_who_won_an_event_of_the_articles_year_is_still_answered(chess_index):
    assert answer_question(chess_index, "من فاز في الانتخابات السابقة لاتحاد الشطرنج الدولي؟").answered


def test_asks_winner_reads_english_who_won_and_who_was_elected():
    assert asks_winner("Who won the Gulf cup that was postponed to 2016?")
    assert asks_winner("Who was elected president of the federation?")
    assert not asks_winner("Who said the federation won the bid?")  # asks the speaker
    assert not asks_winner("How many votes did the winner get?")
