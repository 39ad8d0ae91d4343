"""An article's text and metadata from its HTML page, with trafilatura (main text, title,
author, site name, canonical URL, and dates in meta tags or JSON-LD) and htmldate.

Dates: trafilatura's from metadata only; else a "2 مارس 2024" date in the article's text (Arabic,
Levantine and English month names, which htmldate reads as 1 January of the year); else
htmldate's search of the whole page, whose bare-year guesses (YYYY-01-01) are dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import htmldate
import trafilatura

from retrieval.normalize import count_scripts
from retrieval.web.config import WebConfig

# trafilatura and htmldate log every page they find hard at WARNING; that is not ours to report.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_MONTH_NUMBERS = {
    **{name: n for n, name in enumerate(
        ("يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
         "نوفمبر", "ديسمبر"), start=1)},
    **{name: n for n, name in enumerate(
        ("كانون الثاني", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول",
         "تشرين الاول", "تشرين الثاني", "كانون الاول"), start=1)},
    **{name: n for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)},
}  # fmt: skip
_HAMZA = str.maketrans("أإآ", "ااا")
_TEXT_DATE_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\s+(\d{4})(?!\d)",
    re.IGNORECASE,
)


class NotAnArticle(Exception):
    """A page with no article text to index (a section front, a login page, another language)."""


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    text: str  # paragraphs separated by blank lines
    date: str  # YYYY-MM-DD or ""
    author: str
    site_name: str
    declared_url: str  # the canonical URL the page names (may be another host's: not trusted)


def date_in_text(text: str) -> str:
    """The first "day month year" date written out in `text`, as YYYY-MM-DD ("" if none)."""
    for match in _TEXT_DATE_RE.finditer(text.translate(_HAMZA)):
        day, month, year = int(match.group(1)), _MONTH_NUMBERS[match.group(2).lower()], int(match.group(3))
        if 1 <= day <= 31 and 1990 <= year <= 2100:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def page_date(html: str, text: str, metadata_date: str | None) -> str:
    """The article's publication date by the order in the module docstring ("" if none)."""
    if metadata_date:
        return metadata_date[:10]
    if found := date_in_text(text):
        return found
    guessed = htmldate.find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    return guessed if guessed and not guessed.endswith("-01-01") else ""


def extract_article(html: str, url: str, config: WebConfig) -> ExtractedArticle:
    """The article on a page, or NotAnArticle saying why there is none (CPU work: run it off
    the event loop)."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (result.text or "") if result is not None else ""
    if len(text) < config.min_article_chars:
        raise NotAnArticle(f"no article text on {url} ({len(text)} characters)")
    arabic, latin = count_scripts(text)
    if arabic < config.min_arabic_share * max(arabic + latin, 1):
        raise NotAnArticle(f"{url} is not in Arabic ({arabic} of {arabic + latin} letters)")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return ExtractedArticle(
        title=_one_line(result.title or ""),
        text="\n\n".join(paragraphs),
        date=page_date(html, text, result.date),
        author=_one_line(result.author or "").removeprefix("بقلم").strip(" :"),
        site_name=_one_line(result.sitename or ""),
        declared_url=(result.url or "").strip(),
    )


def _one_line(value: str) -> str:
    return " ".join(value.split())
