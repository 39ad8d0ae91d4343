"""Article extraction from Arabic news pages written for these tests: the article without the
site's furniture, its date wherever the page keeps it, and pages that are not articles refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from web_pages import article_html, english_html, index_html, make_articles

from retrieval.web.config import WebConfig
from retrieval.web.extract import NotAnArticle, date_in_text, extract_article
from retrieval.web.urls import canonical_url, normalize_url

CONFIG = WebConfig()
FURNITURE = ("فيسبوك", "أبو خالد", "الأكثر قراءة", "ارتفاع أسعار الخضار", "جميع الحقوق", "الوسوم", "ابحث")


@pytest.mark.parametrize("layout", ["meta", "jsonld", "text"])
def test_article_text_and_date_come_out_of_a_cluttered_page(layout: str) -> None:
    article = next(a for a in make_articles(6) if a.date_in == layout)
    url = f"http://news.test/local/{article.number}"
    extracted = extract_article(article_html(article, url), url, CONFIG)
    assert extracted.title == article.title
    assert extracted.date == article.day.strftime("%Y-%m-%d")
    for paragraph in article.paragraphs:
        assert paragraph in extracted.text
    assert not [word for word in FURNITURE if word in extracted.text]
    assert extracted.site_name == "صحيفة الواحة" and extracted.author == "سلمى الراشد"


def test_page_without_any_date_has_none_rather_than_a_guess() -> None:
    article = replace(make_articles(1)[0], date_in="none")
    extracted = extract_article(article_html(article, "http://news.test/x"), "http://news.test/x", CONFIG)
    assert extracted.date == ""


def test_pages_that_are_not_arabic_articles_are_refused() -> None:
    with pytest.raises(NotAnArticle, match="no article text"):
        extract_article(index_html(), "http://news.test/local", CONFIG)
    with pytest.raises(NotAnArticle, match="not in Arabic"):
        extract_article(english_html("Library opens"), "http://news.test/en", CONFIG)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("نُشر يوم 2 مارس 2024. افتتحت", "2024-03-02"),
        ("دمشق في 14 آذار 2023 - قال", "2023-03-14"),
        ("بتاريخ 1 تشرين الثاني 2022", "2022-11-01"),
        ("الخميس 30 أغسطس 2018", "2018-08-30"),
        ("on 5 May 2021 the council", "2021-05-05"),
        ("ضم 300 سرير في 2024", ""),
        ("45 مارس 2024", ""),
    ],
)
def test_date_in_text(text: str, date: str) -> None:
    assert date_in_text(text) == date


@pytest.mark.parametrize(
    ("fetched", "declared", "canonical"),
    [
        ("HTTP://News.Test:80/a?utm_source=x&id=2&fbclid=1#top", None, "http://news.test/a?id=2"),
        ("http://news.test/a?b=2&a=1", "", "http://news.test/a?a=1&b=2"),
        ("http://news.test/amp/a", "https://www.news.test/a", "https://www.news.test/a"),
        ("http://news.test/a", "http://other.test/stolen", "http://news.test/a"),
        ("http://news.test", "javascript:alert(1)", "http://news.test/"),
    ],
)
def test_canonical_url(fetched: str, declared: str | None, canonical: str) -> None:
    assert canonical_url(fetched, declared) == canonical
    assert normalize_url(canonical) == canonical
