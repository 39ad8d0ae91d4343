"""The guarded HTTP client against a real server on 127.0.0.1: private addresses refused unless
allowed, conditional GET, redirects, robots.txt, timeouts, size caps and per-host pacing."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest
from web_server import news_site

from retrieval.models import USER_AGENT, WebConfig
from retrieval.web.fetch import Fetcher, FetchError

ALLOWED = WebConfig(allow_private=True, host_delay=0.0, timeout=2.0)


async def fetch(url: str, config: WebConfig = ALLOWED, **kw):
    async with Fetcher(config) as fetcher:
        return await fetcher.get(url, **kw)


def test_link_to_loopback_is_refused_without_allow_private() -> None:
    with news_site() as site:
        site.page("/secret", "internal admin page")
        for url in (
            site.url("/secret"),
            f"http://localhost:{site.port}/secret",
            f"http://[::1]:{site.port}/",
        ):
            with pytest.raises(FetchError, match="refused"):
                asyncio.run(fetch(url, WebConfig(host_delay=0.0)))
        assert site.hits == []  # not even robots.txt was asked for


def test_private_and_reserved_addresses_are_refused() -> None:
    for url in ("http://10.0.0.8/", "http://192.168.1.1/admin", "http://169.254.169.254/latest/meta-data",
                "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"):  # fmt: skip
        with pytest.raises(FetchError, match="refused"):
            asyncio.run(fetch(url, WebConfig(host_delay=0.0)))


def test_only_http_and_https_links_are_fetched() -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1/"):
        with pytest.raises(FetchError, match="only http and https"):
            asyncio.run(fetch(url))


def test_redirect_to_a_file_url_is_refused() -> None:
    with news_site() as site:
        site.redirect("/go", "file:///etc/passwd")
        with pytest.raises(FetchError, match="only http and https"):
            asyncio.run(fetch(site.url("/go")))


def test_conditional_get_gets_304_for_an_unchanged_page() -> None:
    with news_site() as site:
        site.page("/a", "<p>نص</p>")
        first = asyncio.run(fetch(site.url("/a")))
        assert first.status == 200 and first.etag and first.last_modified
        again = asyncio.run(fetch(site.url("/a"), etag=first.etag, last_modified=first.last_modified))
        assert again.not_modified and again.body == b""
        assert site.fetched("/a", 304) == 1
        assert site.hits[-1].headers["User-Agent"] == USER_AGENT


def test_redirects_are_followed_up_to_the_limit() -> None:
    with news_site() as site:
        site.page("/final", "<p>وصلت</p>")
        site.redirect("/one", "/two")
        site.redirect("/two", site.url("/final"), status=302)
        response = asyncio.run(fetch(site.url("/one")))
        assert response.url == site.url("/final") and "وصلت" in response.body.decode()
        site.redirect("/loop", "/loop")
        with pytest.raises(FetchError, match="redirects"):
            asyncio.run(fetch(site.url("/loop")))
        assert site.fetched("/loop") == ALLOWED.max_redirects + 1


def test_slow_server_times_out() -> None:
    with news_site() as site:
        site.page("/slow", "late", delay=3)
        started = time.monotonic()
        with pytest.raises(FetchError, match="no answer within"):
            asyncio.run(fetch(site.url("/slow"), replace(ALLOWED, timeout=0.5)))
        assert time.monotonic() - started < 2.5


def test_oversized_response_is_refused() -> None:
    with news_site() as site:
        site.page("/big", b"x" * 2_000_000, validators=False)
        with pytest.raises(FetchError, match="larger than"):
            asyncio.run(fetch(site.url("/big"), replace(ALLOWED, max_bytes=1024 * 1024)))


def test_server_error_is_reported_with_its_status() -> None:
    with news_site() as site:
        site.page("/broken", "oops", status=500)
        with pytest.raises(FetchError, match="HTTP 500") as caught:
            asyncio.run(fetch(site.url("/broken")))
        assert caught.value.status == 500


def test_robots_txt_disallow_is_honoured() -> None:
    with news_site() as site:
        site.page("/robots.txt", "User-agent: corpusbot\nDisallow: /private/\n", "text/plain")
        site.page("/private/a", "no")
        site.page("/public/a", "yes")
        with pytest.raises(FetchError, match=r"robots\.txt"):
            asyncio.run(fetch(site.url("/private/a")))
        assert asyncio.run(fetch(site.url("/public/a"))).status == 200
        assert site.fetched("/private/a") == 0


def test_unreachable_robots_txt_stops_the_site_for_now() -> None:
    with news_site() as site:
        site.page("/robots.txt", "down", status=503)
        site.page("/a", "page")
        with pytest.raises(FetchError, match=r"robots\.txt could not be read"):
            asyncio.run(fetch(site.url("/a")))
        assert site.fetched("/a") == 0


def test_requests_to_one_host_are_paced() -> None:
    async def two_requests(url: str) -> float:
        async with Fetcher(replace(ALLOWED, host_delay=0.4)) as fetcher:
            await fetcher.get(url)
            started = time.monotonic()
            await fetcher.get(url)
            return time.monotonic() - started

    with news_site() as site:
        site.page("/a", "page")
        assert asyncio.run(two_requests(site.url("/a"))) >= 0.35
