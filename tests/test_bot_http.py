"""bot/http.py, the bot's aiohttp client for the Bot API, with python-telegram-bot's real Bot
against the stub: plain and multipart requests, downloads, and which failures are safe to retry
(bot/retry.py). The bot's own tests (test_bot_*, test_faults) run over it too."""

from __future__ import annotations

import asyncio

import pytest
from async_runner import run
from botapi_stub import BotApiStub
from telegram import Bot
from telegram.error import TimedOut
from yarl import URL

from bot import http
from bot.http import AiohttpRequest, NotSent, Route, route_from_env
from bot.retry import worth_retrying

TOKEN = "123:ABC"


def test_messages_uploads_and_downloads_go_through() -> None:
    async def body() -> None:
        async with BotApiStub() as stub:
            urls = {"base_url": stub.base_url, "base_file_url": stub.base_file_url}
            async with Bot(TOKEN, **urls, request=AiohttpRequest()) as bot:
                sent = await bot.send_message(1001, "<b>مرحبا</b> &amp; أهلا", parse_mode="HTML")
                uploaded = await bot.send_document(1001, b"\x00binary\xff", filename="a.bin", caption="ملف")
                file = await bot.get_file(uploaded.document.file_id)
                downloaded = await file.download_as_bytearray()
        assert sent.text == "مرحبا & أهلا" and sent.entities[0].type == "bold"
        assert uploaded.document.file_name == "a.bin" and uploaded.caption == "ملف"
        assert bytes(downloaded) == b"\x00binary\xff"
        assert not stub.errors

    run(body)


def test_no_free_connection_in_time_is_not_sent_and_worth_retrying() -> None:
    """With the only connection held by a long poll, the next request never leaves."""

    async def body() -> None:
        async with BotApiStub() as stub:
            request = AiohttpRequest(connection_pool_size=1, pool_timeout=0.05, connect_timeout=0.05)
            async with Bot(
                TOKEN, base_url=stub.base_url, request=request, get_updates_request=request
            ) as bot:
                poll = asyncio.create_task(bot.get_updates(timeout=2, read_timeout=5))
                while not any(c.method == "getUpdates" for c in stub.calls):
                    await asyncio.sleep(0.01)
                with pytest.raises(NotSent) as caught:
                    await bot.send_message(1001, "hello")
                stub.inject_private_message("release the poll")
                await poll
        assert worth_retrying(caught.value)
        assert not [c for c in stub.calls if c.method == "sendMessage"]

    run(body)


def test_a_request_that_timed_out_waiting_for_the_answer_is_not_retried() -> None:
    """Telegram may have carried it out: sending it again could answer twice."""

    async def body() -> None:
        async with BotApiStub() as stub:
            request = AiohttpRequest()
            await request.initialize()
            try:
                with pytest.raises(TimedOut) as caught:  # a long poll outlasting the read timeout
                    await request.do_request(
                        f"{stub.base_url}{TOKEN}/getUpdates?timeout=2", "POST", read_timeout=0.05
                    )
            finally:
                await request.shutdown()
        assert not isinstance(caught.value, NotSent)
        assert not worth_retrying(caught.value)

    run(body)


def test_the_environment_gives_proxies_and_netrc_credentials(tmp_path, monkeypatch) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine api.example login bot password secret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HTTPS_PROXY", "http://user:pw@proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "direct.example")
    route = route_from_env(URL("https://api.example/bot123/sendMessage"))
    assert route.proxy == URL("http://proxy.example:3128")
    assert (route.proxy_auth.login, route.proxy_auth.password) == ("user", "pw")
    assert (route.auth.login, route.auth.password) == ("bot", "secret")
    assert route_from_env(URL("https://direct.example/x")) == Route()


def test_the_environment_is_read_once_per_host(monkeypatch) -> None:
    """Not for every request, as aiohttp's trust_env does (two thread hand-offs each)."""
    read: list[str | None] = []

    def counted(url: URL) -> Route:
        read.append(url.host)
        return Route()

    monkeypatch.setattr(http, "route_from_env", counted)

    async def body() -> None:
        async with BotApiStub() as stub, Bot(TOKEN, base_url=stub.base_url, request=AiohttpRequest()) as bot:
            for number in range(3):
                await bot.send_message(1001, f"message {number}")
        assert len([c for c in stub.calls if c.method == "sendMessage"]) == 3

    run(body)
    assert read == ["127.0.0.1"]
