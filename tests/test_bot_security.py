"""Attacks on the running bot, each performed for real: a forged webhook update claiming an
admin's id, forged and replayed button data, and admin commands sent in a group."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
from pathlib import Path

import aiohttp
from async_runner import run
from bot_harness import (
    ADMIN_ID,
    GENEVA_AR,
    GENEVA_DOC,
    GENEVA_HEADLINE,
    TOKEN,
    UNRELATED_AR,
    USER_ID,
    Bot,
    plain,
    running_bot,
)
from botapi_stub import BotApiStub
from test_bot_serve import free_port, serve_env, start_serve

from bot.texts import text

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def stored_doc_ids(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return [row[0] for row in conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]


# --- 1. the webhook ------------------------------------------------------------------------


def test_forged_webhook_update_without_secret_is_rejected(tmp_path: Path) -> None:
    """`serve --webhook-url` with no secret configured: someone who finds the URL posts an update
    claiming to be the admin running /remove. It is refused with 403 and nothing is removed."""

    async def body() -> None:
        async with BotApiStub() as stub:
            env = {**serve_env(stub, tmp_path), "CORPUSBOT_ADMIN_IDS": str(ADMIN_ID)}
            corpus, db = Path(env["CORPUSBOT_CORPUS"]), Path(env["CORPUSBOT_DB"])
            port = free_port()
            args = ["--webhook-url", "https://bot.example.com/hook", "--port", str(port)]
            process = await start_serve(env, tmp_path, *args)
            log = b""
            try:
                while b"serving as" not in log:  # the webhook server listens from then on
                    line = await asyncio.wait_for(process.stderr.readline(), 60)
                    assert line, log.decode()
                    log += line
                registered = await stub.wait_for("setWebhook")
                secret = registered.params.get("secret_token")
                url = f"http://127.0.0.1:{port}/hook"
                # Updates built as Telegram would send them (the stub never pushes them).
                forged = stub.inject_private_message(f"/remove {GENEVA_DOC}", user_id=ADMIN_ID)
                sentinel = stub.inject_private_message("/about", user_id=USER_ID)
                async with aiohttp.ClientSession() as session:
                    for headers in ({}, {SECRET_HEADER: "guess"}):
                        async with session.post(url, json=forged, headers=headers) as response:
                            assert response.status == 403
                    assert secret and len(secret) >= 32  # generated, and given to Telegram
                    async with session.post(url, json=sentinel, headers={SECRET_HEADER: secret}) as response:
                        assert response.status == 200
                await stub.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == USER_ID)
                assert not [c for c in stub.calls if c.params.get("chat_id") == ADMIN_ID]
                assert (corpus / f"{GENEVA_DOC}.txt").exists()
                assert GENEVA_DOC in stored_doc_ids(db)
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                _, stderr = await asyncio.wait_for(process.communicate(), 30)
            log = (log + stderr).decode()
            assert process.returncode == 0, log
            assert "generated a random one" in log
            assert secret not in log and TOKEN not in log
            stub.assert_no_errors()

    run(body)


# --- 11. admin commands in groups ----------------------------------------------------------

GROUP_ID = -100424242


def test_admin_commands_in_a_group_neither_post_questions_nor_change_the_corpus(tmp_path: Path) -> None:
    """An admin sends /stats, /sources, /remove, /reindex and the feed commands in a group (by
    mistake, or someone posting as the admin's account): /stats would show everyone's questions
    to the group. Each gets one line pointing to the private chat; nothing is listed, removed,
    reindexed or fetched."""

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            await bot.private(GENEVA_AR)  # someone's private question, which /stats would list
            mark = len(bot.stub.calls)
            commands = ("/stats", "/sources", f"/remove {GENEVA_DOC}", "/reindex")
            feed_commands = ("/feeds", "/addfeed http://127.0.0.1:9/feed.xml", "/dropfeed 1")
            for command in commands + feed_commands:
                bot.stub.inject_group_message(command, chat_id=GROUP_ID, user_id=ADMIN_ID)
            sent = [plain(call.params["text"]) for call in await bot.settle(mark)]
            assert not [message for message in sent if GENEVA_AR in message or GENEVA_DOC in message]
            await bot.app.bot_data["services"].reindexer.refresh()  # after any removal under way
            assert (bot.corpus / f"{GENEVA_DOC}.txt").exists()
            assert GENEVA_DOC in {doc.doc_id for doc in await bot.engine.store.document_summaries()}
            assert sent == [text("admin_private_only", "ar")] * 7
            # In the private chat the same admin is obeyed: /stats lists the question.
            assert GENEVA_AR in plain((await bot.private("/stats", user_id=ADMIN_ID)).result["text"])
            bot.stub.assert_no_errors()

    run(body)


# --- 3. forged button data -----------------------------------------------------------------

OTHER_USER = USER_ID + 1


def callback_data(message: dict) -> list[str]:
    return [button["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for button in row]


async def victim_and_attacker_answers(bot: Bot) -> tuple[dict, dict]:
    """The victim's private answer (with its buttons), then the attacker's own, under which the
    attacker presses buttons with whatever data a modified client sends."""
    victim = (await bot.private(GENEVA_AR)).result
    attacker = (await bot.private(UNRELATED_AR, user_id=OTHER_USER)).result
    return victim, attacker


async def press_and_see_only_refusals(bot: Bot, attacker: dict, forged: list[str]) -> None:
    mark = len(bot.stub.calls)
    for data in forged:
        bot.stub.inject_callback_query(attacker, data, user_id=OTHER_USER, check_button=False)
    assert not await bot.settle(mark)  # nothing sent, nothing edited
    shown = bot.stub.get_message(OTHER_USER, attacker["message_id"])
    assert GENEVA_HEADLINE not in plain(shown["text"])
    notices = [c for c in bot.stub.calls[mark:] if c.method == "answerCallbackQuery"]
    assert [c.params["text"] for c in notices] == [text("stale", "ar")] * len(forged)


def test_forged_page_button_does_not_show_another_users_answer(tmp_path: Path) -> None:
    """Query ids are sequential: the attacker presses `m:<victim's id>:0` (unsigned) and the
    victim's real buttons replayed from the victim's chat. Each is refused politely; the
    attacker's message is not edited and no one else's answer or passage is sent."""

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            victim, attacker = await victim_and_attacker_answers(bot)
            victim_query_id = callback_data(victim)[0].split(":")[1]
            unsigned = f"m:{victim_query_id}:0"  # as older versions sent it
            await press_and_see_only_refusals(bot, attacker, [unsigned, *callback_data(victim)])
            signed_for_victim = bot.app.bot_data["services"].buttons.for_chat(USER_ID)
            await press_and_see_only_refusals(bot, attacker, [signed_for_victim(unsigned)])  # "back"
            bot.stub.assert_no_errors()

    run(body)


def test_forged_feedback_votes_do_not_count_in_stats(tmp_path: Path) -> None:
    """The attacker votes on the victim's answer with the victim's 👎 replayed and with forged
    `f:` data: no vote is stored and /stats counts none. The victim's own vote still counts."""

    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            victim, attacker = await victim_and_attacker_answers(bot)
            _, up, down = callback_data(victim)[:3]
            unsigned_down = down.rsplit(":", 1)[0]
            mark = len(bot.stub.calls)
            for data in (down, unsigned_down, unsigned_down.replace(":d", ":u")):
                bot.stub.inject_callback_query(attacker, data, user_id=OTHER_USER, check_button=False)
            await bot.settle(mark)
            assert bot.feedback_rows() == []
            bot.stub.inject_callback_query(victim, up)
            assert (await bot.next_call("answerCallbackQuery", text=text("thanks_up", "ar"))).ok
            stats = (await bot.private("/stats", user_id=ADMIN_ID, language_code="en")).result["text"]
            assert "Feedback (7 days): 👍 1 · 👎 0" in stats
            bot.stub.assert_no_errors()

    run(body)
