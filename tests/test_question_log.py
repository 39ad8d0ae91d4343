"""The operator's log: one `key=value` line per question (chat, language, outcome, latency), the
question's text only at DEBUG and on one line, never a token or a user id."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import GENEVA_AR, TOKEN, UNRELATED_AR, USER_ID, running_bot

from bot.question_log import quoted

LINE = re.compile(
    r"question update=(?P<update>\d+) chat=(?P<chat>\w+) lang=(?P<lang>\w+) outcome=(?P<outcome>\w+) "
    r"results=(?P<results>\d+)(?: engine_ms=[\d.]+)? ms=[\d.]+"
)


def question_lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.questions" and r.levelno == level]


def test_one_line_per_question_without_its_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    updates = {}

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            updates["answered"] = bot.stub.inject_private_message(GENEVA_AR)["update_id"]
            await bot.next_call(chat_id=USER_ID)
            updates["not_found"] = bot.stub.inject_private_message(UNRELATED_AR)["update_id"]
            await bot.next_call(chat_id=USER_ID)
            updates["inline"] = bot.stub.inject_inline_query(GENEVA_AR)["update_id"]
            await bot.next_call("answerInlineQuery")

    with caplog.at_level(logging.INFO, logger="bot.questions"):
        run(body)
    lines = question_lines(caplog, logging.INFO)
    assert len(lines) == 3, lines
    fields = [LINE.fullmatch(line).groupdict() for line in lines]
    assert fields[0] == {**fields[0], "update": str(updates["answered"]), "chat": "private", "lang": "ar"}
    assert fields[0]["outcome"] == "answered" and int(fields[0]["results"]) >= 1
    assert fields[1]["outcome"] == "not_found" and fields[1]["results"] == "0"
    assert fields[2]["chat"] == "inline" and fields[2]["update"] == str(updates["inline"])
    assert not question_lines(caplog, logging.DEBUG)
    everything = caplog.text
    assert "جنيف" not in everything and "ريال" not in everything  # no question text at INFO
    assert TOKEN not in everything and not any("user" in line for line in lines)


def test_the_text_is_logged_at_debug_on_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    question = "جنيف\u2028محادثات\n\u202e<b>\x85"

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            await bot.private(question)

    with caplog.at_level(logging.DEBUG, logger="bot.questions"):
        run(body)
    (debug,) = question_lines(caplog, logging.DEBUG)
    assert debug.endswith(f"text={quoted(question.strip())}")
    assert len(debug.splitlines()) == 1


@pytest.mark.parametrize("text", ["", "سؤال", 'a"b\\c', "\n\r\t\x00\x1b", "\u2028\u2029\x85\x7f", "\u200f😀"])
def test_quoted_is_one_json_line(text: str) -> None:
    import json

    line = quoted(text)
    assert len(line.splitlines()) == 1 and json.loads(line) == text
