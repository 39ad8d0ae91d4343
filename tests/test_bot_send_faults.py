"""Answers under Bot API faults, through the real Application and the stub: flood control (429)
however often it comes, a server outage or lost connections for longer than a few retries, and
a sendMessage carried out but answered after the read timeout. Retry timings are shortened
(BotApiPatience) so that each test takes a second or two."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, USER_ID, Bot, plain, running_bot
from botapi_stub import DROP, ApiCall

from bot.config import BotApiPatience
from bot.texts import text

# Scaled about 1:10 from the defaults: pauses from 0.05 s instead of 0.5 s.
FAST = BotApiPatience(outage_limit=12.0, first_pause=0.05, max_pause=0.4, read_timeout=0.3)


def sends_to_user(bot: Bot, since: int = 0) -> list[ApiCall]:
    return [
        c
        for c in bot.stub.calls[since:]
        if c.method == "sendMessage" and c.ok and c.params.get("chat_id") == USER_ID
    ]


def faults(bot: Bot) -> int:
    return sum(1 for c in bot.stub.calls if c.method == "sendMessage" and c.fault)


def test_five_flood_control_answers_in_a_row_still_deliver_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram answers "retry after 1" five times running (it used to be given up after 3),
    and no 429 makes PTB warn that `retry_after` will change type (`run` fails on PTB warnings)."""
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.stub.fail_next("sendMessage", status=429, retry_after=1, times=5)
            answer = await bot.private(GENEVA_AR)
            assert GENEVA_HEADLINE in plain(answer.params["text"])
            await bot.settle()
            assert faults(bot) == 5
            assert sends_to_user(bot) == [answer]  # once, and no apology after it
            bot.stub.assert_no_errors()

    run(body)


def test_flood_control_past_the_total_limit_is_given_up_and_said(tmp_path: Path) -> None:
    """The waits are bounded: past `flood_wait_limit` seconds the answer is given up, and the
    user is told (the message was certainly not sent)."""

    async def body() -> None:
        async with running_bot(tmp_path, patience=BotApiPatience(flood_wait_limit=1.5)) as bot:
            bot.stub.fail_next("sendMessage", status=429, retry_after=1, times=2)
            apology = await bot.private(GENEVA_AR)
            assert plain(apology.params["text"]) == text("error", "ar")
            assert faults(bot) == 2

    run(body)


@pytest.mark.parametrize("status", [502, DROP], ids=["bad-gateway", "dropped-connection"])
def test_an_outage_longer_than_a_few_retries_still_delivers_the_answer(status: int, tmp_path: Path) -> None:
    """Eight sendMessage attempts in a row fail (about 2 s at these pauses, 20 s at the default
    ones; it used to be given up after 5 retries); the answer goes out once Telegram is back,
    once. Counted in attempts, not seconds, so that a loaded machine cannot shorten the outage."""

    async def body() -> None:
        async with running_bot(tmp_path, patience=FAST) as bot:
            bot.stub.fail_next("sendMessage", status=status, times=8)
            answer = await bot.private(GENEVA_AR)
            assert GENEVA_HEADLINE in plain(answer.params["text"])
            await bot.settle()
            assert faults(bot) == 8  # more attempts than the 1 + 5 there used to be
            assert sends_to_user(bot) == [answer]
            bot.stub.assert_no_errors()

    run(body)


def test_a_slow_send_message_is_neither_apologised_for_nor_repeated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram sends the answer but replies after the bot's read timeout: the user must not
    get "an error occurred" under the answer, nor the answer twice."""

    async def body() -> None:
        async with running_bot(tmp_path, patience=FAST) as bot:
            bot.stub.delay_next("sendMessage", 1.0)
            answer = await bot.private(GENEVA_AR)
            assert GENEVA_HEADLINE in plain(answer.params["text"])
            await bot.settle()
            assert sends_to_user(bot) == [answer]
            bot.stub.assert_no_errors()

    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        run(body)
    assert "may have been carried out" in caplog.text
