"""Corpus metadata is not trusted to be short: a document whose source or link runs to
thousands of characters (a bad export, or an upload meant to break the bot) must not stop the
bot from answering, nor /about and /sources from working, for that document or any other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import ADMIN_ID, NEW_ARTICLE, NEW_QUESTION, USER_ID, copy_corpus, running_bot
from botapi_stub import MAX_MESSAGE_LENGTH, utf16_len

LONG_SOURCE = "وكالة " * 1000  # 6,000 characters
LONG_URL = "https://example.com/" + "a" * 2980  # 3,000 characters
OUTLETS = 40  # documents, each from an outlet with a long name of its own


def hostile_corpus(tmp_path: Path) -> Path:
    corpus = copy_corpus(tmp_path)
    article = NEW_ARTICLE.replace("source: وكالة الاختبار", f"source: {LONG_SOURCE}\nurl: {LONG_URL}")
    (corpus / "long_source.txt").write_text(article, encoding="utf-8")
    rows = [
        {"doc_id": f"outlet/{n:02d}", "title": f"خبر رقم {n}", "source": f"{n:02d} {LONG_SOURCE}",
         "url": LONG_URL, "text": f"نص الخبر القصير رقم {n} عن موضوع ما."}
        for n in range(OUTLETS)
    ]
    (corpus / "outlets.jsonl").write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8"
    )
    return corpus


async def replies(bot, update: dict, last: str) -> list[str]:
    """The texts of the bot's messages to `update`'s chat, up to one holding `last`."""
    texts = [(await bot.reply_to(update)).result["text"]]
    while last not in texts[-1]:
        texts.append((await bot.reply_to(update)).result["text"])
    return texts


def test_a_six_thousand_character_source_does_not_break_answers_about_or_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # Arabic only: no passage embeddings needed
    corpus = hostile_corpus(tmp_path)

    async def body() -> None:
        async with running_bot(tmp_path, corpus=corpus) as bot:
            answer = (await bot.private(NEW_QUESTION, user_id=USER_ID)).result
            assert "زيلاندوفيا تفتتح جسر الصداقة" in answer["text"]
            assert "وكالة وكالة" in answer["text"] and "…" in answer["text"]
            assert not any(e.get("url") == LONG_URL for e in answer.get("entities", []))

            about = (await bot.private("/about", user_id=USER_ID, language_code="en")).result["text"]
            assert about.startswith("📚 The articles: 46 articles")
            outlets = (await bot.engine.store.corpus_summary()).outlets
            assert len(outlets) > OUTLETS and f"… (+{len(outlets) - 15})" in about  # the rest counted

            update = bot.stub.inject_private_message("/sources", user_id=ADMIN_ID, language_code="en")
            listing = "\n".join(await replies(bot, update, "outlet/39"))
            assert "long_source — زيلاندوفيا تفتتح جسر الصداقة (وكالة وكالة" in listing
            assert "003_b556f401f158842d" in listing and "outlet/00" in listing

            sent = [c for c in bot.stub.calls if c.method == "sendMessage"]
            assert all(utf16_len(c.result["text"]) <= MAX_MESSAGE_LENGTH for c in sent if c.ok)
            bot.stub.assert_no_errors()

    run(body)
