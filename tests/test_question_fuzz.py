"""Fuzzing the question path with hypothesis: arbitrary Unicode, control characters, RTL and other
invisible marks, HTML-like text and very long tokens never make the engine or the renderers raise
(only QuestionError, for an empty or too long question), and every message the bot could send is
valid Telegram HTML within its limits, as checked by the stub's port of Telegram's parser. A
sample of the nastiest questions then goes through the real bot end to end."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import GENEVA_AR, copy_corpus, running_bot
from botapi_stub import HtmlParseError, parse_html, utf16_len
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.question_log import quoted
from bot.render_html import line_start, render_answer_html, render_page_html, render_single_result_html
from bot.services import PAGE_SIZE
from bot.texts import text
from corpus import BUNDLED_CORPUS
from retrieval.answering import MAX_QUESTION_CHARS, QuestionError
from retrieval.engine import Engine
from retrieval.language import reply_language

MAX_MESSAGE = 4096
CORPUS_WORDS = sorted(
    set(
        re.findall(
            r"[\u0621-\u064a]{3,}", " ".join(p.read_text("utf-8") for p in BUNDLED_CORPUS.glob("*.txt"))
        )
    )
)[::7]
MARKS = [
    "\u200f",  # RLM
    "\u200e",  # LRM
    "\u202b",  # RLE
    "\u202e",  # RLO
    "\u2066",  # LRI
    "\u2069",  # PDI
    "\u200b",  # zero-width space
    "\u200d",  # ZWJ
    "\ufeff",  # BOM
    "\u0640",  # tatweel
    "\u064b",  # fathatan (a combining mark)
    "\u0651",  # shadda
]
NASTY = [
    "<",
    ">",
    "&",
    "&amp;",
    "<b>",
    "</b>",
    '"',
    "'",
    "\\",
    "\x00",
    "\x1b",
    "\r",
    "\n",
    "\t",
    "\x7f",
    "\x85",
]
NASTY += [
    "\u2028",
    "\u2029",
    "😀",
    "👍🏽",
    "🇸🇾",
    "𝕏",
    "\U000e0041",
    "\ud7ff",
    "\ufffd",
    "﷽",
    "ﻻ",
    "\u0660\u0669",
]

tokens = st.one_of(
    st.sampled_from(CORPUS_WORDS),
    st.sampled_from(MARKS + NASTY),
    st.text(min_size=1, max_size=12),
    st.builds(
        lambda ch, n: ch * n, st.sampled_from(["ا", "x", "😀", "\u064b", "<", "&"]), st.integers(50, 2500)
    ),
)
questions = st.one_of(
    st.text(max_size=300),
    st.lists(tokens, max_size=25).map("".join),
    st.lists(tokens, max_size=25).map(" ".join),
    st.builds(lambda a, b: f"{a} {GENEVA_AR} {b}", st.text(max_size=40), st.text(max_size=40)),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    import asyncio

    folder = tmp_path_factory.mktemp("fuzz")
    corpus = copy_corpus(folder)

    async def build() -> Engine:
        opened = await Engine.open(folder / "store.sqlite3", corpus)
        await opened.refresh()
        return opened

    loop = asyncio.new_event_loop()
    with pytest.MonkeyPatch.context() as patch:
        # Dense retrieval only reorders results, and embedding hundreds of long random questions
        # takes a minute; the end-to-end test below keeps it on.
        patch.setenv("CORPUSBOT_DENSE", "0")
        opened = loop.run_until_complete(build())
    yield opened
    loop.run_until_complete(opened.close())
    loop.close()


def assert_sendable(message_html: str) -> None:
    """What Telegram accepts as a message: HTML that parses, 1 to 4096 characters once parsed."""
    try:
        shown, _ = parse_html(message_html, strict_ampersand=True)
    except HtmlParseError as exc:
        raise AssertionError(f"invalid Telegram HTML ({exc}): {message_html!r}") from None
    assert shown.strip(), f"empty message: {message_html!r}"
    assert utf16_len(shown) <= MAX_MESSAGE, utf16_len(shown)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions)
@example(question="")
@example(question="\u200f\u200e\u202e \n\t")
@example(question="ا" * (MAX_QUESTION_CHARS + 1))
@example(question="جنيف" + "\u0640" * 3000)
@example(question="<b>جنيف</b> & محادثات &amp; <a href='x'>")
def test_any_question_renders_as_valid_telegram_html(engine: Engine, question: str) -> None:
    stripped = question.strip()
    try:
        answer = engine.answer(question, PAGE_SIZE + 1)
    except QuestionError:
        assert not stripped or len(stripped) > MAX_QUESTION_CHARS
        return
    assert 0 < len(stripped) <= MAX_QUESTION_CHARS
    lang = reply_language(answer.lang, answer.question)
    assert lang in ("ar", "en")
    shown = answer.results[:PAGE_SIZE]
    messages = render_answer_html(answer, lang, shown)
    assert messages and (answer.answered or len(messages) == 1)
    messages.append(render_page_html(answer, lang, shown))
    messages += [render_single_result_html(result, lang) for result in answer.results]
    messages.append(line_start("", lang) + text("no_words", lang))
    for message in messages:
        assert_sendable(message)
    for result in answer.results:  # verbatim: highlights stay inside the snippet
        assert all(0 <= start < end <= len(result.snippet) for start, end in result.highlights)
    assert len(quoted(question).splitlines()) == 1


END_TO_END = [
    "\x00\x1b[31mجنيف\x1b[0m",
    "\u202eأين عقدت المحادثات؟\u202c",
    "<i>جنيف</i> & <b>",
    "ا" * 1999,
    "جنيف" + "\u064b" * 500,
    "😀 " * 300 + "جنيف",
    "&lt;script&gt; لافروف",
    "Where were the talks? \u2028 أين؟",
]


def test_nasty_questions_through_the_real_bot(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            for number, question in enumerate(END_TO_END):
                user = 3000 + number
                bot.stub.inject_private_message(question, user_id=user)
                reply = await bot.next_call(chat_id=user)
                assert reply.result["text"] != text("error", "ar")
            bot.stub.assert_no_errors()  # every message was valid Telegram HTML within limits

    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        run(body)
    assert not [r for r in caplog.records if r.name == "bot.errors"]
