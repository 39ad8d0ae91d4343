"""Admin commands as admin and as anyone else: /reindex (in the background, while questions
are answered from the old index), /sources, /remove, /stats, uploads, and the command menus."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import (
    ADMIN_ID,
    GENEVA_AR,
    GENEVA_DOC,
    GENEVA_HEADLINE,
    NEW_ARTICLE,
    NEW_QUESTION,
    RLM,
    UNRELATED_AR,
    USER_ID,
    copy_corpus,
    running_bot,
)

from bot.texts import ADMIN_COMMANDS, PUBLIC_COMMANDS, text

SECOND_ADMIN = 7002


@contextlib.contextmanager
def write_lock_held(db_path: Path):
    """Hold SQLite's write lock from another connection, as a long write would: the bot's
    reindex then waits at the start of its transaction (for at most its 5 s busy timeout)."""
    db = sqlite3.connect(db_path, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        yield
        db.execute("ROLLBACK")
    finally:
        db.close()


def test_admin_commands_refuse_everyone_else_and_change_nothing(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            (bot.corpus / "extra.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            refusal = text("admin_only", "ar")
            for command in ("/reindex", "/sources", "/stats", f"/remove {GENEVA_DOC}"):
                assert (await bot.private(command)).result["text"] == refusal, command
            group = bot.stub.inject_group_message("/reindex", chat_id=-100777)
            assert (await bot.reply_to(group)).result["text"] == refusal
            upload = bot.stub.inject_document(NEW_ARTICLE.encode(), file_name="x.txt")
            assert (await bot.reply_to(upload)).result["text"] == text("upload_not_admin", "ar")
            assert (bot.corpus / f"{GENEVA_DOC}.txt").is_file() and not (bot.corpus / "x.txt").exists()
            assert await bot.engine.store.counts() == (5, len(bot.engine.index))  # no reindex ran
            assert not bot.engine.answer(NEW_QUESTION).answered
            assert bot.stub.downloads == []
            bot.stub.assert_no_errors()

    run(body)


def test_command_menus_show_admin_commands_to_admins_only(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, admin_ids=(ADMIN_ID, 7002)) as bot:
            public = [name for name, _, _ in PUBLIC_COMMANDS]
            admin = public + [name for name, _, _ in ADMIN_COMMANDS]
            menus = {key: [c["command"] for c in commands] for key, commands in bot.stub.commands.items()}
            assert menus[("default", "")] == public and menus[("default", "ar")] == public
            for admin_id in (ADMIN_ID, 7002):
                assert menus[(f"chat:{admin_id}", "")] == admin
                assert menus[(f"chat:{admin_id}", "ar")] == admin
            assert len(menus) == 6
            bot.stub.assert_no_errors()

    run(body)


def test_reindex_runs_in_the_background_and_a_second_reindex_gets_its_report_too(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, admin_ids=(ADMIN_ID, SECOND_ADMIN)) as bot:
            (bot.corpus / "bridge.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            with write_lock_held(bot.engine.store.path):
                started = bot.stub.inject_private_message("/reindex", user_id=ADMIN_ID)
                assert (await bot.reply_to(started)).result["text"] == text("reindex_started", "ar")
                again = bot.stub.inject_private_message("/reindex", user_id=SECOND_ADMIN)
                assert (await bot.reply_to(again)).result["text"] == text("reindex_running", "ar")

                # The reindex is under way (held at its write), and questions are answered
                # from the old index: the Geneva article is there, the new one not yet.
                assert bot.engine.refreshing
                geneva = (await bot.private(GENEVA_AR)).result
                assert GENEVA_HEADLINE in geneva["text"]
                assert "reply_markup" in geneva  # its buttons need not wait for the query log
                new = (await bot.private(NEW_QUESTION)).result["text"]
                assert new.startswith(RLM + text("not_found", "ar"))
                assert bot.engine.refreshing

            report = (await bot.next_call(chat_id=ADMIN_ID)).result["text"]
            assert report.startswith("✅ انتهت إعادة الفهرسة") and "6 مقالًا" in report
            assert "أضيف: bridge" in report and "حُذف: لا شيء" in report
            # The second admin, promised the report, gets the same one: the refresh ran once.
            assert (await bot.next_call(chat_id=SECOND_ADMIN)).result["text"] == report
            # Both questions asked during the reindex are logged once its write is done.
            assert [row[0] for row in await bot.query_rows()] == [GENEVA_AR, NEW_QUESTION]
            # The new index is in place: the new article answers.
            assert "زيلاندوفيا تفتتح جسر الصداقة" in (await bot.private(NEW_QUESTION)).result["text"]
            bot.stub.assert_no_errors()

    run(body)


def test_a_failed_reindex_reports_why_and_the_old_index_keeps_serving(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.corpus.rename(tmp_path / "moved")
            failed = (await bot.private("/reindex", user_id=ADMIN_ID, language_code="en")).result
            assert failed["text"] == text("reindex_started", "en")
            report = (await bot.next_call(chat_id=ADMIN_ID)).result["text"]
            assert report.startswith("❌ Reindex failed: corpus directory not found")
            assert "The previous index keeps serving." in report
            assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR)).result["text"]
            bot.stub.assert_no_errors()

    run(body)


def test_sources_lists_every_document_with_its_id(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            listing = (await bot.private("/sources", user_id=ADMIN_ID)).result
            ids = [e for e in listing.get("entities", []) if e["type"] == "code"]
            assert len(ids) == 5
            assert GENEVA_DOC in listing["text"] and GENEVA_HEADLINE in listing["text"]
            assert listing["text"].startswith(RLM + "📚 المصادر (5 مقالًا):")
            bot.stub.assert_no_errors()

    run(body)


def test_sources_of_a_large_corpus_are_listed_over_several_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # Arabic only: no passage embeddings needed
    corpus = copy_corpus(tmp_path)
    rows = [
        {"doc_id": f"brief/{n:03d}", "title": f"خبر قصير رقم {n}", "text": f"نص الخبر رقم {n}."}
        for n in range(300)
    ]
    lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    (corpus / "briefs.jsonl").write_text(lines, encoding="utf-8")

    async def body() -> None:
        async with running_bot(tmp_path, corpus=corpus) as bot:
            update = bot.stub.inject_private_message("/sources", user_id=ADMIN_ID, language_code="en")
            parts = [(await bot.reply_to(update)).result["text"]]
            while not parts[-1].endswith("… and 5 more."):
                parts.append((await bot.reply_to(update)).result["text"])
            assert len(parts) > 1 and parts[0].startswith("📚 Sources (305):")
            listed = "\n".join(parts)
            assert listed.count("\n• ") + listed.count(f"{RLM}• ") == 300
            assert "brief/000" in listed and GENEVA_DOC in listed
            bot.stub.assert_no_errors()

    run(body)


def test_remove_deletes_a_document_from_corpus_and_index(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            unknown = (await bot.private("/remove <b>nope</b>", user_id=ADMIN_ID)).result["text"]
            assert unknown.startswith("لا يوجد مقال بالمعرّف <b>nope</b>")
            usage = (await bot.private("/remove", user_id=ADMIN_ID)).result["text"]
            assert usage.startswith("اكتب معرّف المقال")
            removed = bot.stub.inject_private_message(f"/remove {GENEVA_DOC}", user_id=ADMIN_ID)
            done = (await bot.reply_to(removed)).result["text"]
            assert done.startswith(f"🗑 حُذف {GENEVA_DOC}") and "4 مقالًا" in done
            assert not (bot.corpus / f"{GENEVA_DOC}.txt").exists()
            assert GENEVA_DOC not in {r.doc_id for r in bot.engine.answer(GENEVA_AR, 5).results}
            assert GENEVA_HEADLINE not in (await bot.private(GENEVA_AR)).result["text"]
            bot.stub.assert_no_errors()

    run(body)


def test_stats_counts_questions_languages_chats_not_found_and_feedback(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            answer = (await bot.private(GENEVA_AR)).result
            await bot.private(GENEVA_AR, user_id=USER_ID + 1)
            await bot.private(UNRELATED_AR)
            group = bot.stub.inject_group_message(f"/ask {UNRELATED_AR}", chat_id=-100555)
            await bot.reply_to(group)
            bot.stub.inject_inline_query("جنيف")
            await bot.next_call("answerInlineQuery")
            bot.stub.inject_callback_query(
                answer, answer["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
            )
            await bot.next_call("answerCallbackQuery")

            stats = (await bot.private("/stats", user_id=ADMIN_ID, language_code="en")).result["text"]
            today = stats.split("\n\n")[1]
            assert today.startswith("Today: 5 questions, 3 answered, 40% not found; median ")
            assert "By language: ar 5" in today
            assert "private 3" in today and "supergroup 1" in today and "inline 1" in today
            most_asked, unanswered = stats.split("\n\n")[3], stats.split("\n\n")[4]
            # Both asked twice: equal counts go by the latest ask, to the second, so either may lead.
            assert f"{GENEVA_AR} (×2)" in most_asked and f"{UNRELATED_AR} (×2)" in most_asked
            assert "جنيف" not in most_asked.replace(GENEVA_AR, "")  # the inline query is not listed
            assert f"1. {UNRELATED_AR} (×2)" in unanswered
            feedback, freshness = stats.split("\n\n")[-2:]
            assert feedback == "Feedback (7 days): 👍 1 · 👎 0"
            assert freshness.startswith("🕒 Newest article: 2021-12-07 · last feed poll: never")
            assert "Dense retrieval on: " in stats.split("\n\n")[0]
            bot.stub.assert_no_errors()

    run(body)


def test_stats_with_no_questions_yet(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            stats = (await bot.private("/stats", user_id=ADMIN_ID, language_code="en")).result["text"]
            assert "Today: 0 questions, 0 answered, 0% not found; median — ms" in stats
            bot.stub.assert_no_errors()

    run(body)
