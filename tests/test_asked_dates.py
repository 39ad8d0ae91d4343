"""A calendar day the question names: read from the question, matched to an article's date, and
the report of that day ranked first among daily reports told in the same words."""

import asyncio

import pytest

from retrieval.answering import answer_question
from retrieval.asked_dates import AskedDay, asked_days, reports_day
from retrieval.engine import Engine
from retrieval.ranking_config import ArabicRanking


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("كم نقطة خسر مؤشر الأسهم السعودية في تداولات 11 أغسطس؟", (AskedDay(8, 11),)),
        ("إغلاق المؤشر ١٠ اغسطس", (AskedDay(8, 10),)),  # Arabic-Indic digits, bare alef
        ("ماذا حدث في 3 من يوليو 2015", (AskedDay(7, 3, 2015),)),
        ("بين 1 مايو و 2 يونيو", (AskedDay(5, 1), AskedDay(6, 2))),
        ("كم ضحية في أغسطس 2015", ()),  # a month is no day
        ("فاز في 12 مباراة", ()),
        ("في 40 مارس", ()),
    ],
)
def test_asked_days(question, days):
    assert asked_days(question) == days


@pytest.mark.parametrize(
    ("date", "asked", "lag", "reports"),
    [
        ("2015-08-10", AskedDay(8, 10), 1, True),
        ("2015-08-11", AskedDay(8, 10), 1, True),  # the next morning's paper
        ("2015-08-11", AskedDay(8, 10), 0, False),
        ("2015-08-12", AskedDay(8, 10), 1, False),
        ("2015-08-09", AskedDay(8, 10), 1, False),  # before the day
        ("2014-08-10", AskedDay(8, 10, 2015), 1, False),  # another year asked
        ("2015-01-01", AskedDay(12, 31, 2014), 1, True),  # across a year's end
        ("", AskedDay(8, 10), 1, False),  # undated
    ],
)
def test_reports_day(date, asked, lag, reports):
    assert reports_day(date, asked, lag) is reports


def test_the_report_of_the_day_asked_comes_first(tmp_path, monkeypatch):
    """Three closing reports in the same words; the one dated the day asked is ranked first,
    and with the switch off BM25's order stands (BM25 alone, as at 20,000 articles)."""
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    reports = {
        "early": ("2015-08-09", "أغلق مؤشر سوق الأسهم السعودية تداولات اليوم مرتفعا 40 نقطة عند مستوى 8700 نقطة."),
        "asked": ("2015-08-11", "أغلق مؤشر سوق الأسهم السعودية تداولات اليوم متراجعا 76 نقطة عند مستوى 8758 نقطة بعد جلسة متقلبة شهدت تداولات بقيمة أربعة مليارات ريال وتراجع أسهم المصارف والاتصالات."),
        "late": ("2015-08-13", "أغلق مؤشر سوق الأسهم السعودية تداولات اليوم منخفضا 12 نقطة عند مستوى 8746 نقطة."),
    }
    for name, (date, text) in reports.items():
        (corpus / f"{name}.txt").write_text(f"---\ndate: {date}\n---\nالأسهم السعودية\n\n{text}", encoding="utf-8")
    for i in range(20):  # unrelated news, so that the reports' words weigh something
        (corpus / f"other{i}.txt").write_text(f"خبر رقم {i}\n\nافتتح معرض الكتاب رقم {i} في جدة.", encoding="utf-8")

    async def go():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            return engine.indexes
        finally:
            await engine.close()

    indexes = asyncio.run(go())
    question = "كم نقطة خسر مؤشر سوق الأسهم السعودية في تداولات 11 أغسطس"
    off = answer_question(indexes, question, ranking=ArabicRanking(asked_day_weight=0.0))
    assert off.shown[0].doc_id != "asked"
    assert answer_question(indexes, question).shown[0].doc_id == "asked"
