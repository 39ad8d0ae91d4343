"""Feeds and pages into the corpus, over real HTTP on 127.0.0.1: RSS and Atom, 304s on a second
poll, one file per canonical URL, changed pages replaced, and every kind of failure kept to its
feed (recorded, retried with backoff, other feeds polled, nothing removed)."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from web_pages import MALFORMED_FEED, article_html, atom, english_html, index_html, make_articles, rss
from web_server import NewsSite, news_site

from retrieval.documents import parse_front_matter
from retrieval.engine import Engine
from retrieval.models import WebConfig
from retrieval.web.collect import Collector, WebReport, backoff
from retrieval.web.fetch import Fetcher
from retrieval.web.registry import FeedRegistry

CONFIG = WebConfig(allow_private=True, host_delay=0.0, timeout=1.0)


@contextlib.asynccontextmanager
async def collector(tmp_path: Path, config: WebConfig = CONFIG) -> AsyncIterator[Collector]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    engine = await Engine.open(tmp_path / "store.sqlite3", corpus)  # the store holds the feed tables
    await engine.close()
    async with FeedRegistry(tmp_path / "store.sqlite3") as registry, Fetcher(config) as fetcher:
        yield Collector(registry, fetcher, corpus, config)


def publish(site: NewsSite, numbers: range, feed_path: str = "/rss.xml", kind=rss) -> list:
    articles = make_articles(max(numbers) + 1)
    items = []
    for number in numbers:
        path = f"/local/{number}"
        site.page(path, article_html(articles[number], site.url(path)))
        items.append((site.url(path), articles[number]))
    site.feed(feed_path, kind(items))
    return [articles[n] for n in numbers]


def files(corpus: Path) -> dict[str, dict[str, str]]:
    return {
        p.relative_to(corpus).as_posix(): parse_front_matter(p.read_text(encoding="utf-8"))[0]
        for p in sorted(corpus.rglob("*.md"))
    }


def test_rss_feed_is_followed_and_a_second_poll_fetches_nothing_unchanged(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        articles = publish(site, range(3))
        async with collector(tmp_path) as web:
            report = WebReport()
            await web.add(site.url("/rss.xml"), report)
            assert report.feeds_added == [site.url("/rss.xml")] and len(report.added) == 3, report
            stored = files(web.corpus_dir)
            assert {meta["title"] for meta in stored.values()} == {a.title for a in articles}
            days = {a.day.strftime("%Y-%m-%d") for a in articles}
            assert {meta["date"] for meta in stored.values()} == days
            assert all(path.startswith("web/127.0.0.1_") for path in stored)
            hits = len(site.hits)
            again = WebReport()
            await web.poll(again)
            assert again.not_modified == 1 and not again.written and not again.failed
            assert [hit.status for hit in site.hits[hits:]] == [304]
            (feed,) = await web.registry.feeds()
            assert feed.status == "ok" and feed.articles == 3 and feed.last_fetch

    with news_site() as site:
        asyncio.run(body(site))


def test_atom_feed_picks_up_a_new_article_on_the_next_poll(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        publish(site, range(2), "/atom.xml", atom)
        async with collector(tmp_path) as web:
            await web.add(site.url("/atom.xml"), WebReport())
            publish(site, range(3), "/atom.xml", atom)
            report = WebReport()
            await web.poll(report)
            assert len(report.added) == 1 and not report.failed
            assert site.fetched("/local/0") == 1 and site.fetched("/local/2") == 1

    with news_site() as site:
        asyncio.run(body(site))


def test_article_changed_between_polls_replaces_its_file(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        (article,) = publish(site, range(1))
        async with collector(tmp_path) as web:
            await web.add(site.url("/rss.xml"), WebReport())
            corrected = replace(article, count=999, day=article.day + timedelta(hours=5))
            site.page("/local/0", article_html(corrected, site.url("/local/0")))
            site.feed("/rss.xml", rss([(site.url("/local/0"), corrected)]))
            report = WebReport()
            await web.poll(report)
            assert len(report.updated) == 1 and not report.added
            (text,) = [p.read_text(encoding="utf-8") for p in web.corpus_dir.rglob("*.md")]
            article_text = text.rsplit("\n---\n", 1)[-1]  # not the front matter: its URL has a port
            assert "999" in article_text and "107" not in article_text

    with news_site() as site:
        asyncio.run(body(site))


def test_one_article_under_two_urls_is_one_document(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        (article,) = make_articles(1)
        canonical = site.url("/local/7")
        site.page("/local/7", article_html(article, canonical))
        site.page("/amp/7", article_html(article, site.url("/amp/7"), canonical=canonical))
        async with collector(tmp_path) as web:
            report = WebReport()
            for url in (canonical, site.url("/local/7?utm_source=tw#c"), site.url("/amp/7")):
                await web.add(url, report)
            assert len(report.added) == 1 and not report.updated and not report.failed, report
            (meta,) = files(web.corpus_dir).values()
            assert meta["url"] == canonical

    with news_site() as site:
        asyncio.run(body(site))


def test_failures_stay_with_their_feed_and_are_retried_later(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        publish(site, range(2))
        site.page("/down.xml", "oops", status=500)
        site.feed("/junk.xml", MALFORMED_FEED)
        site.page("/slow.xml", "late", delay=3)
        async with collector(tmp_path) as web:
            await web.add(site.url("/rss.xml"), WebReport())
            for path in ("/down.xml", "/junk.xml", "/slow.xml"):
                await web.registry.add_feed(site.url(path))
            before = files(web.corpus_dir)
            publish(site, range(3))  # a new article on the healthy feed
            report = WebReport()
            await web.poll(report)
            assert len(report.added) == 1 and len(report.failed) == 3, report
            feeds = {feed.url.rsplit("/", 1)[1]: feed for feed in await web.registry.feeds()}
            assert feeds["rss.xml"].status == "ok"
            assert "HTTP 500" in feeds["down.xml"].error
            assert "no entries" in feeds["junk.xml"].error
            assert "no answer within" in feeds["slow.xml"].error
            for name in ("down.xml", "junk.xml", "slow.xml"):
                assert feeds[name].status == "error" and feeds[name].failures == 1
                assert feeds[name].next_fetch > feeds[name].last_fetch  # backing off
            assert set(before) < set(files(web.corpus_dir))  # nothing removed
            hits = len(site.hits)
            await web.poll(WebReport())  # the failed feeds are not due yet
            assert {hit.path for hit in site.hits[hits:]} == {"/rss.xml"}

    with news_site() as site:
        asyncio.run(body(site))


def test_backoff_doubles_up_to_a_day() -> None:
    assert [backoff(n, CONFIG) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (15, 30, 60)]
    assert backoff(30, CONFIG) == timedelta(days=1)


def test_entries_that_are_not_arabic_articles_are_reported_and_skipped(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        (article,) = make_articles(1)
        site.page("/local/0", article_html(article, site.url("/local/0")))
        site.page("/en", english_html("Library opens"))
        site.page("/section", index_html())
        site.feed("/rss.xml", rss([(site.url(p), article) for p in ("/local/0", "/en", "/section", "/gone")]))
        async with collector(tmp_path) as web:
            report = WebReport()
            await web.add(site.url("/rss.xml"), report)
            assert len(report.added) == 1
            reasons = " | ".join(report.failed)
            assert "not in Arabic" in reasons and "no article text" in reasons and "HTTP 404" in reasons
            (feed,) = await web.registry.feeds()
            assert feed.status == "partial" and "not in Arabic" in feed.error

    with news_site() as site:
        asyncio.run(body(site))


def test_dropping_a_feed_keeps_its_articles(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        publish(site, range(2))
        async with collector(tmp_path) as web:
            await web.add(site.url("/rss.xml"), WebReport())
            (feed,) = await web.registry.feeds()
            assert (await web.registry.drop_feed(feed.id)).url == feed.url
            assert await web.registry.feeds() == [] and len(files(web.corpus_dir)) == 2

    with news_site() as site:
        asyncio.run(body(site))


def test_the_engine_reads_feed_states_through_one_connection_that_sees_new_feeds(tmp_path: Path) -> None:
    """/about and /stats ask for the feeds on every call: one read-only connection, kept open
    until the engine closes, and still current after a feed is added beside it."""
    db = tmp_path / "store.sqlite3"

    def open_on_store() -> int:
        links = [os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")]
        return links.count(str(db.resolve()))

    async def body() -> None:
        engine = await Engine.open(db, tmp_path)
        before = open_on_store()
        assert await engine.followed_feeds() == ([], "")  # no feed tables yet
        async with FeedRegistry(db) as registry:
            await registry.add_feed("http://news.test/rss.xml", "أخبار")
        for _ in range(5):
            feeds, last_poll = await engine.followed_feeds()
            assert [feed.url for feed in feeds] == ["http://news.test/rss.xml"] and last_poll == ""
        assert open_on_store() == before + 1
        await engine.close()
        assert open_on_store() == 0

    asyncio.run(body())
