"""Document metadata as shown to people, each field cut to a bound.

Corpus files set titles, outlets, links and ids, and nothing upstream keeps them short: one
6,000-character outlet would push every message citing it (and /about, /sources) past Telegram's
4,096 characters. Fields are cut here, when shown, so stores built before the bounds are covered
and `ask --json` keeps the values whole.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from retrieval.models import Citation

ELLIPSIS = "…"


@dataclass(frozen=True)
class DisplayLimits:
    """Most characters shown of each field; a cited result's line stays well under a message."""

    title: int = 300
    listed_title: int = 120  # a line of /sources
    source: int = 100
    date: int = 40
    doc_id: int = 200
    url: int = 2000  # longer links are left out: a cut link leads nowhere
    listed_outlets: int = 15  # outlets named by /about; the rest are counted


DISPLAY = DisplayLimits()


def shorten(plain: str, limit: int) -> str:
    """`plain` cut to at most `limit` characters at a space, with an ellipsis when cut."""
    if len(plain) <= limit:
        return plain
    cut = plain[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def shown_citation(citation: Citation, limits: DisplayLimits = DISPLAY) -> Citation:
    """`citation` with every field within its bound (an over-long link dropped)."""
    return dataclasses.replace(
        citation,
        doc_id=shorten(citation.doc_id, limits.doc_id),
        title=shorten(citation.title, limits.title),
        source=shorten(citation.source, limits.source),
        date=shorten(citation.date, limits.date),
        url=citation.url if len(citation.url) <= limits.url else "",
    )
