"""Feeds through the real bot (Application + Bot API stub) and a news site on 127.0.0.1:
/addfeed, polling on its own, /feeds, /dropfeed, a link sent by an admin, and freshness."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import ADMIN_ID, GENEVA_AR, USER_ID, plain, running_bot
from web_pages import article_html, make_articles, rss
from web_server import NewsSite, news_site

from bot.texts import text

POLL_SECONDS = 1.2
FEED_ENV = {
    "CORPUSBOT_FETCH_ALLOW_PRIVATE": "1",
    "CORPUSBOT_FETCH_DELAY": "0",
    "CORPUSBOT_POLL_MINUTES": str(POLL_SECONDS / 60),
}


@pytest.fixture(autouse=True)
def no_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # embedding 50 articles is not what is tested


def publish(site: NewsSite, articles: list) -> None:
    for a in articles:
        site.page(f"/n/{a.number}", article_html(a, site.url(f"/n/{a.number}")))
    site.feed("/rss.xml", rss([(site.url(f"/n/{a.number}"), a) for a in articles]))


async def until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def test_feed_of_50_pages_answers_dated_and_cited_and_a_new_article_within_a_poll(tmp_path: Path) -> None:
    articles = make_articles(51)

    async def body(site: NewsSite) -> None:
        publish(site, articles[:50])
        async with running_bot(tmp_path, env=FEED_ENV) as bot:
            await bot.private(f"/addfeed {site.url('/rss.xml')}", user_id=ADMIN_ID)  # "fetching…"
            report = plain((await bot.next_call(chat_id=ADMIN_ID, timeout=60)).params["text"])
            assert "مقالات جديدة: 50" in report, report
            hits = len(site.hits)
            for article in (articles[0], articles[16], articles[49]):
                answer_html = (await bot.private(article.question)).params["text"]
                reply = plain(answer_html)
                assert str(article.count) in reply and article.title in reply, reply
                assert article.day.strftime("%Y-%m-%d") in reply  # dated
                assert f'href="{site.url(f"/n/{article.number}")}"' in answer_html  # cited with its link
                assert "فيسبوك" not in reply and "أبو خالد" not in reply  # cleaned
            await until(lambda: site.fetched("/rss.xml", 304) >= 1, POLL_SECONDS * 5)
            polled = [hit for hit in site.hits[hits:] if hit.path != "/robots.txt"]
            assert polled and {hit.status for hit in polled} == {304}  # nothing unchanged refetched

            def top_title(question: str) -> str:
                results = bot.engine.answer(question).results
                return results[0].citation.title if results else ""

            publish(site, articles)
            published = time.monotonic()
            await until(lambda: top_title(articles[50].question) == articles[50].title, POLL_SECONDS + 60)
            assert time.monotonic() - published < POLL_SECONDS + 60
            reply = plain((await bot.private(articles[50].question)).params["text"])
            assert str(articles[50].count) in reply and articles[50].title in reply
            assert site.fetched("/n/1") == 1  # old articles were not fetched again
            feeds = plain((await bot.private("/feeds", user_id=ADMIN_ID)).params["text"])
            assert "✅" in feeds and "51" in feeds and site.url("/rss.xml") in feeds
            about = plain((await bot.private("/about")).params["text"])
            assert articles[50].day.strftime("%Y-%m-%d") in about and "لم يحدث بعد" not in about
            bot.stub.assert_no_errors()

    with news_site() as site:
        run(lambda: body(site))


def test_failing_feed_is_shown_in_feeds_and_answering_goes_on(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        site.page("/down.xml", "oops", status=500)
        async with running_bot(tmp_path, env=FEED_ENV) as bot:
            await bot.private(f"/addfeed {site.url('/down.xml')}", user_id=ADMIN_ID)
            failure = plain((await bot.next_call(chat_id=ADMIN_ID)).params["text"])
            assert "HTTP 500" in failure
            assert "جنيف" in plain((await bot.private(GENEVA_AR)).params["text"])
            bot.stub.assert_no_errors()

    with news_site() as site:
        run(lambda: body(site))


def test_addfeed_to_a_loopback_address_is_refused_without_allow_private(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        env = {**FEED_ENV, "CORPUSBOT_FETCH_ALLOW_PRIVATE": "0"}
        async with running_bot(tmp_path, env=env) as bot:
            await bot.private(f"/addfeed {site.url('/rss.xml')}", user_id=ADMIN_ID)
            refusal = plain((await bot.next_call(chat_id=ADMIN_ID)).params["text"])
            assert "private or loopback address; refused" in refusal
            assert site.hits == []

    with news_site() as site:
        publish(site, make_articles(1))
        run(lambda: body(site))


def test_link_from_an_admin_is_offered_with_a_button_and_added(tmp_path: Path) -> None:
    (article,) = make_articles(1)

    async def body(site: NewsSite) -> None:
        site.page("/n/1", article_html(article, site.url("/n/1")))
        async with running_bot(tmp_path, env=FEED_ENV) as bot:
            offer = (await bot.private(site.url("/n/1"), user_id=ADMIN_ID)).result
            assert plain(offer["text"]).startswith(plain(text("link_offer", "ar", url="")).strip()[:20])
            (button,) = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
            bot.stub.inject_callback_query(offer, button["callback_data"], user_id=ADMIN_ID)
            await bot.next_call(chat_id=ADMIN_ID)  # "fetching…"
            report = plain((await bot.next_call(chat_id=ADMIN_ID)).params["text"])
            assert "مقالات جديدة: 1" in report
            assert bot.engine.answer(article.question).answered
            # From anyone else, a link is a question like any other: no offer.
            other = (await bot.private(site.url("/n/1"), user_id=USER_ID)).result
            assert "reply_markup" not in other or "addlink" not in str(other["reply_markup"])
            bot.stub.assert_no_errors()

    with news_site() as site:
        run(lambda: body(site))


def test_feed_commands_are_for_admins_only_and_dropfeed_keeps_articles(tmp_path: Path) -> None:
    async def body(site: NewsSite) -> None:
        publish(site, make_articles(2))
        async with running_bot(tmp_path, env=FEED_ENV) as bot:
            for command in ("/feeds", "/dropfeed 1", f"/addfeed {site.url('/rss.xml')}"):
                assert (await bot.private(command)).params["text"] == text("admin_only", "ar")
            assert site.hits == [] or {h.path for h in site.hits} <= {"/robots.txt"}
            await bot.private(f"/addfeed {site.url('/rss.xml')}", user_id=ADMIN_ID)
            await bot.next_call(chat_id=ADMIN_ID)
            documents = (await bot.engine.store.counts())[0]
            done = plain((await bot.private("/dropfeed 1", user_id=ADMIN_ID)).params["text"])
            assert site.url("/rss.xml") in done
            assert (await bot.engine.store.counts())[0] == documents
            empty = (await bot.private("/feeds", user_id=ADMIN_ID)).params["text"]
            assert empty == text("feeds_empty", "ar")
            unknown = (await bot.private("/dropfeed 9", user_id=ADMIN_ID)).params["text"]
            assert unknown == text("dropfeed_unknown", "ar", number=9)

    with news_site() as site:
        run(lambda: body(site))
