"""RSS and Atom feeds read with feedparser, which copes with the broken ones news sites serve;
a feed with no usable entry is an error, reported and retried."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")  # fmt: skip


class FeedError(Exception):
    """A response that is not a usable feed."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    date: str  # YYYY-MM-DD of its published (else updated) time, or ""
    updated: str  # the entry's own updated/published stamp, to notice a changed article


@dataclass(frozen=True)
class Feed:
    title: str
    entries: tuple[FeedEntry, ...]


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """Whether a response is a feed rather than a web page, by its type or first element."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in _FEED_TYPES or kind.endswith(("+xml", "/xml")):
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def parse_feed(body: bytes, url: str) -> Feed:
    """The feed's entries with a link; FeedError when there are none (garbage, a web page)."""
    parsed = feedparser.parse(body)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning.
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        entries.append(
            FeedEntry(
                url=urljoin(url, link.strip()),
                title=" ".join(str(entry.get("title", "")).split()),
                date=_day(stamp),
                updated=str(dict.get(entry, "updated") or dict.get(entry, "published") or ""),
            )
        )
    if not entries:
        why = parsed.get("bozo_exception")
        raise FeedError(f"no entries with links in the feed {url}" + (f" ({why})" if why else ""))
    return Feed(title=" ".join(str(parsed.feed.get("title", "")).split()), entries=tuple(entries))


def _day(stamp: object) -> str:
    if not stamp:
        return ""
    moment = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)  # type: ignore[arg-type]
    return moment.strftime("%Y-%m-%d")
