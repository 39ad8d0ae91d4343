"""An article's text and metadata from its HTML page, with trafilatura (main text, title,
author, site name, canonical URL, and dates in meta tags or JSON-LD) and htmldate.

Dates: trafilatura's from metadata only; else the full date the article's text writes out ("2
مارس 2024", read by retrieval/dates.py as for corpus files: a date htmldate reads as 1 January
of the year); else htmldate's search of the whole page, whose bare-year guesses (YYYY-01-01) are
dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import htmldate
import trafilatura

from retrieval.dates import date_from_text
from retrieval.models import WebConfig
from retrieval.normalize import count_scripts

# trafilatura and htmldate log every page they find hard at WARNING; that is not ours to report.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


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


def page_date(html: str, text: str, metadata_date: str | None) -> str:
    """The article's publication date by the order in the module docstring ("" if none)."""
    if metadata_date:
        return metadata_date[:10]
    if found := date_from_text(text):
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
