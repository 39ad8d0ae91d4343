"""Robustness: flood control retried, errors reported and survived, the per-user question limit,
HTML in corpus documents, and answers too long for one message."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, RLM, TOKEN, USER_ID, copy_corpus, running_bot

from bot.ratelimit import QuestionLimiter
from bot.texts import text


def test_a_429_is_retried_after_the_wait_telegram_asks_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB >= 22.2 warns in RetryAfter otherwise

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.stub.fail_next("sendMessage", status=429, retry_after=1)
            answer = await bot.private(GENEVA_AR)
            sends = [c for c in bot.stub.calls if c.method == "sendMessage"]
            assert [c.status for c in sends] == [429, 200]
            assert answer.received_at - sends[0].received_at >= 1.0
            assert GENEVA_HEADLINE in answer.result["text"]
            assert len(await bot.query_rows()) == 1  # answered (and logged) once
            bot.stub.assert_no_errors()

    run(body)


def test_an_error_is_logged_with_context_told_briefly_and_the_bot_keeps_serving(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.stub.fail_next("sendMessage", status=400, description="Bad Request: injected failure")
            update = bot.stub.inject_private_message(GENEVA_AR)
            notice = (await bot.reply_to(update)).result
            assert notice["text"] == text("error", "ar")
            assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR)).result["text"]
            bot.stub.assert_no_errors()

    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        run(body)
    errors = [r for r in caplog.records if r.name == "bot.errors"]
    assert len(errors) == 1
    message = errors[0].getMessage()
    assert f"chat {USER_ID} private" in message and "(message," in message
    assert "injected failure" in str(errors[0].exc_info[1]).lower()
    assert TOKEN not in caplog.text


def test_the_per_user_question_limit_answers_kindly_once_then_stays_quiet(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, limiter=QuestionLimiter(limit=2, period=60)) as bot:
            for _ in range(2):
                assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR)).result["text"]
            limited = (await bot.private(GENEVA_AR)).result["text"]
            assert limited.startswith(RLM + "أسئلة كثيرة في وقت قصير. انتظر ")
            mark = len(bot.stub.calls)
            bot.stub.inject_private_message(GENEVA_AR)
            assert await bot.settle(since=mark) == []  # told once; then quiet
            assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR, user_id=USER_ID + 1)).result["text"]
            bot.stub.inject_inline_query("جنيف")
            inline = await bot.next_call("answerInlineQuery")
            assert inline.params["button"]["text"] == text("inline_slow_down", "ar")
            assert len(await bot.query_rows()) == 3
            bot.stub.assert_no_errors()

    run(body)


HOSTILE = (
    "---\n"
    "title: <script>alert('x')</script> & <b>زيلاندوفيا</b> \"عنوان\"\n"
    "source: <i>وكالة</i> & شركاه\n"
    "date: 2021-10-06\n"
    "url: https://example.com/a?x=1&y=2\n"
    "---\n"
    "<script>alert('x')</script>\n\n"
    "قالت وكالة <b>الأنباء</b> إن مدينة زيلاندوفيا & جارتها "
    '<a href="javascript:alert(1)">المرفأ</a> وقعتا اتفاق المياه.\n'
)


def test_html_in_corpus_documents_is_shown_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # Arabic only: no passage embeddings needed
    corpus = copy_corpus(tmp_path)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    unsafe_link = HOSTILE.replace("https://example.com/a?x=1&y=2", "javascript:alert(1)")
    (corpus / "js.txt").write_text(unsafe_link.replace("المياه", "الكهرباء"), encoding="utf-8")

    async def body() -> None:
        async with running_bot(tmp_path, corpus=corpus) as bot:
            answer = (await bot.private("ماذا وقعت زيلاندوفيا مع جارتها؟")).result
            shown = answer["text"]
            assert "<b>زيلاندوفيا</b>" in shown and "<i>وكالة</i> & شركاه" in shown
            assert '<a href="javascript:alert(1)">المرفأ</a>' in shown
            links = [e["url"] for e in answer.get("entities", []) if e["type"] == "text_link"]
            assert links == ["https://example.com/a?x=1&y=2"]  # the https link intact; no javascript:
            full_passage = answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            bot.stub.inject_callback_query(answer, full_passage)
            passage = (await bot.next_call(chat_id=USER_ID)).result["text"]
            assert '<a href="javascript:alert(1)">المرفأ</a>' in passage and "& جارتها" in passage
            bot.stub.assert_no_errors()

    run(body)


def long_article(number: int, words: int, keyword: str, source_words: int = 2) -> str:
    """Snippets are bounded (retrieval/clauses.py): a long outlet name makes a long block. Words
    of each article's own: a rotation of one word list would make them reprints of one story."""
    sentence = " ".join(f"كلمة{number}ب{(number * 7 + i) % 97}" for i in range(words))
    title = f"مقال طويل رقم {number}"
    source = " ".join(["وكالة الاختبار"] * (source_words // 2))
    return f"---\ntitle: {title}\nsource: {source}\n---\n{title}\n\n{keyword} {sentence} {keyword}.\n"


def test_long_answers_are_split_between_snippets_into_valid_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # Arabic only: no passage embeddings needed
    corpus = copy_corpus(tmp_path)
    for number in range(4):
        article = long_article(number, 420, "سيلفرانيا", 160)
        (corpus / f"long{number}.txt").write_text(article, encoding="utf-8")
    (corpus / "huge.txt").write_text(long_article(9, 1500, "ميرانديا", 500), encoding="utf-8")

    async def body() -> None:
        async with running_bot(tmp_path, corpus=corpus) as bot:
            update = bot.stub.inject_private_message("سيلفرانيا")
            parts = [(await bot.reply_to(update)).result]
            while "reply_markup" not in parts[-1]:  # the buttons go under the last part
                parts.append((await bot.reply_to(update)).result)
            # Snippets (retrieval/clauses.py) and shown citation fields (bot/display.py) are
            # bounded, so three results now fit one message; splitting between whole snippets
            # is proven in test_bot_render (pack_blocks). Here: every part is a valid message.
            assert len(parts) >= 1 and parts[0]["text"].startswith(RLM + "🔎")
            together = "".join(part["text"] for part in parts)
            assert [f"{RLM}{n}. " in together for n in (1, 2, 3)] == [True] * 3
            for part in parts:
                assert len(part["text"].encode("utf-16-le")) // 2 <= 4096
                # Whole blocks only: each snippet in a message has its citation there too.
                numbers = sum(f"{RLM}{n}. " in part["text"] for n in (1, 2, 3))
                assert part["text"].count("📰") == numbers >= 1

            # A single snippet longer than a message is cut (verbatim up to an ellipsis).
            huge = (await bot.private("ميرانديا")).result["text"]
            assert "…" in huge and "📰" in huge and len(huge) <= 4096
            bot.stub.assert_no_errors()

    run(body)
