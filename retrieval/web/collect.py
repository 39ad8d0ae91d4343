"""Bring articles from the web into the corpus directory: add a feed or a page, poll feeds.

A failure stays with its feed or article: it is recorded (status, error, when to retry, with a
doubling backoff) and the other feeds go on; nothing already in the corpus is ever removed.
Writing files is all this does; the caller's refresh then indexes them incrementally.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from trafilatura.utils import decode_file

from retrieval.models import FeedState, WebConfig, WebReport
from retrieval.web.articles import ArticleFile, article_path, write_article
from retrieval.web.extract import NotAnArticle, extract_article
from retrieval.web.feeds import FeedEntry, FeedError, looks_like_feed, parse_feed
from retrieval.web.fetch import Fetcher, FetchError, Response
from retrieval.web.registry import FeedRegistry, KnownArticle, now
from retrieval.web.urls import canonical_url, normalize_url

log = logging.getLogger(__name__)


def backoff(failures: int, config: WebConfig) -> timedelta:
    """How long a feed that failed `failures` times in a row waits before the next try."""
    minutes = min(config.backoff_minutes * 2 ** max(failures - 1, 0), config.max_backoff_minutes)
    return timedelta(minutes=minutes)


@dataclass
class Collector:
    """Fetches into `corpus_dir`, remembering feeds and articles in `registry`."""

    registry: FeedRegistry
    fetcher: Fetcher
    corpus_dir: Path
    config: WebConfig

    async def add(self, url: str, report: WebReport) -> None:
        """Follow the feed at `url`, or store the article there (detected from the response)."""
        url = normalize_url(url)
        try:
            response = await self._get(url, await self.registry.known_article(url))
        except FetchError as exc:
            report.failed.append(f"{url}: {exc}")
            return
        if response.not_modified:
            return
        if looks_like_feed(response.content_type, response.body):
            try:
                feed_doc = parse_feed(response.body, response.url)
            except FeedError as exc:
                report.failed.append(f"{url}: {exc}")
                return
            feed, _ = await self.registry.add_feed(url, feed_doc.title)
            report.feeds_added.append(url)
            await self._read_feed(feed, response, report)
            return
        await self._store(url, response, None, None, report)

    async def poll(self, report: WebReport, *, only_due: bool = True) -> None:
        """Fetch every feed (those due, unless told otherwise), one failure never stopping the rest."""
        moment = now()
        for feed in await self.registry.feeds():
            if only_due and not feed.due(moment):
                continue
            report.feeds_polled += 1
            try:
                response = await self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
                if response.not_modified:
                    report.not_modified += 1
                    await self.registry.record_success(
                        feed, title=feed.title, etag=feed.etag, last_modified=feed.last_modified,
                        new=0, next_fetch=moment,
                    )  # fmt: skip
                    continue
                await self._read_feed(feed, response, report)
            except (FetchError, FeedError) as exc:
                await self._failed(feed, str(exc), report)
            except Exception as exc:  # a bug or a library's surprise must not stop the other feeds
                log.exception("polling %s failed", feed.url)
                await self._failed(feed, f"{type(exc).__name__}: {exc}", report)

    async def _failed(self, feed: FeedState, error: str, report: WebReport) -> None:
        retry = backoff(feed.failures + 1, self.config)
        log.warning("feed %s failed (%s); retrying in %s", feed.url, error, retry)
        report.failed.append(f"{feed.url}: {error}")
        await self.registry.record_failure(feed, error, retry)

    async def _read_feed(self, feed: FeedState, response: Response, report: WebReport) -> None:
        parsed = parse_feed(response.body, response.url)
        before, failed_before = len(report.added) + len(report.updated), len(report.failed)
        for entry in parsed.entries[: self.config.max_new_per_poll]:
            await self._entry(feed, parsed.title, entry, report)
        await self.registry.record_success(
            feed,
            title=parsed.title,
            etag=response.etag,
            last_modified=response.last_modified,
            new=len(report.added) + len(report.updated) - before,
            next_fetch=now(),
            problems="; ".join(report.failed[failed_before:]),
        )

    async def _entry(self, feed: FeedState, feed_title: str, entry: FeedEntry, report: WebReport) -> None:
        known = await self.registry.known_article(entry.url)
        if known and known.entry_updated == entry.updated and (self.corpus_dir / known.path).is_file():
            return  # listed again, unchanged: not fetched
        try:
            response = await self._get(entry.url, known)
        except FetchError as exc:
            report.failed.append(f"{entry.url}: {exc}")
            return
        if response.not_modified and known:
            await self.registry.save_article(
                url=known.url, page_url=entry.url, feed_id=feed.id, path=known.path, etag=known.etag,
                last_modified=known.last_modified, entry_updated=entry.updated, date=entry.date,
            )  # fmt: skip
            return
        await self._store(entry.url, response, feed, entry, report, feed_title=feed_title)

    async def _get(self, url: str, known: KnownArticle | None) -> Response:
        """GET an article page, conditionally when it was fetched before."""
        if known is None:
            return await self.fetcher.get(url)
        return await self.fetcher.get(url, etag=known.etag, last_modified=known.last_modified)

    async def _store(
        self,
        page_url: str,
        response: Response,
        feed: FeedState | None,
        entry: FeedEntry | None,
        report: WebReport,
        *,
        feed_title: str = "",
    ) -> None:
        """Extract the article (off the event loop) and write its file."""
        html = decode_file(response.body)
        try:
            article = await asyncio.to_thread(extract_article, html, response.url, self.config)
        except NotAnArticle as exc:
            report.failed.append(f"{page_url}: {exc}")
            return
        canonical = canonical_url(response.url, article.declared_url)
        relative = article_path(canonical)
        date = article.date or (entry.date if entry else "")
        outcome = write_article(
            self.corpus_dir,
            relative,
            ArticleFile(
                url=canonical,
                title=article.title or (entry.title if entry else ""),
                text=article.text,
                source=article.site_name or feed_title or (urlsplit(canonical).hostname or ""),
                date=date,
                author=article.author,
            ),
        )
        await self.registry.save_article(
            url=canonical,
            page_url=page_url,
            feed_id=feed.id if feed else None,
            path=relative,
            etag=response.etag,
            last_modified=response.last_modified,
            entry_updated=entry.updated if entry else "",
            date=date,
        )
        if outcome == "new":
            report.added.append(relative)
        elif outcome == "updated":
            report.updated.append(relative)


async def collect(
    db_path: Path, corpus_dir: Path, config: WebConfig, *, urls: tuple[str, ...] = (), poll: bool = False
) -> WebReport:
    """Add `urls` (feeds or pages) and/or poll the feeds that are due, writing articles into
    `corpus_dir`; the store at `db_path` must exist (open the engine first)."""
    report = WebReport()
    async with FeedRegistry(db_path) as registry, Fetcher(config) as fetcher:
        collector = Collector(registry, fetcher, corpus_dir, config)
        for url in urls:
            await collector.add(url, report)
        if poll:
            await collector.poll(report)
    return report


async def feed_states(db_path: Path) -> tuple[list[FeedState], str]:
    """The feeds followed, and when one was last fetched ("" if never); reads only."""
    if not db_path.exists():
        return [], ""
    async with FeedRegistry(db_path, read_only=True) as registry:
        return await registry_states(registry)


async def registry_states(registry: FeedRegistry) -> tuple[list[FeedState], str]:
    """`feed_states` through an open registry (the engine keeps one open for the bot)."""
    if not await registry.has_tables():
        return [], ""
    return await registry.feeds(), await registry.last_poll()
