"""Dates from URLs and datelines: every date read is right, and anything unsure gives none."""

import pytest

from retrieval.dates import date_from_text, date_from_url, infer_date


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example/2019/03/07/story.html", "2019-03-07"),
        ("https://news.example/2019/3/7/", "2019-03-07"),
        ("http://paper.example/new/Issues/20190307/Con2019030799.htm", "2019-03-07"),
        ("http://paper.example/2019/20190307/ms5.htm", "2019-03-07"),
        ("https://blog.example/2019-03-07-a-title", "2019-03-07"),
        ("https://news.example/article/4079443", ""),  # an id, not a date
        ("https://news.example/2019/13/40/", ""),  # no such day
        ("https://news.example/1871/03/07/", ""),  # not a plausible year
        ("https://news.example/2019/03/07/x/2019/03/08/", ""),  # two dates: none
        ("https://20190307.example/", ""),  # the host is not a path
        ("", ""),
    ],
)
def test_date_from_url(url, date):
    assert date_from_url(url) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("الدمام 12 رجب 1440 هـ الموافق 19 مارس 2019 م وكالة النخيل", "2019-03-19"),
        ("19 آذار 2019", "2019-03-19"),
        ("١٩ أغسطس ٢٠١٩", "2019-08-19"),
        ("Published 7 March, 2019", "2019-03-07"),
        ("2019-03-07", "2019-03-07"),
        ("الثلاثاء 19 مارس", ""),  # no year
        ("مارس 2019", ""),  # no day
        ("31 فبراير 2019", ""),  # no such day
        ("7/3/2019", ""),  # day/month or month/day: unsure
        ("19 مارس 2019 و20 مارس 2019", ""),
        ("نُشر يوم 2 مارس 2024. افتتحت", "2024-03-02"),  # web pages' text (retrieval/web/extract.py)
        ("دمشق في 14 آذار 2023 - قال", "2023-03-14"),
        ("بتاريخ 1 تشرين الثاني 2022", "2022-11-01"),
        ("الخميس 30 أغسطس 2018", "2018-08-30"),
        ("on 5 May 2021 the council", "2021-05-05"),
        ("ضم 300 سرير في 2024", ""),
        ("45 مارس 2024", ""),
    ],
)
def test_date_from_text(text, date):
    assert date_from_text(text) == date


def test_url_and_dateline_must_agree_and_the_date_says_where_it_was_read():
    assert infer_date("https://x.example/2019/03/07/", "7 مارس 2019") == ("2019-03-07", "url")
    assert infer_date("https://x.example/2019/03/07/", "8 مارس 2019") == ("", "")
    assert infer_date("https://x.example/a", "", "8 مارس 2019") == ("2019-03-08", "text")
    assert infer_date("https://x.example/2019/03/07/") == ("2019-03-07", "url")
    assert infer_date("https://x.example/a") == ("", "")
