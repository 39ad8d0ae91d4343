"""Groups and channels: the bot answers /ask, /ask@Bot, mentions and replies to itself, as a
reply to the asker's message, and stays silent otherwise."""

from __future__ import annotations

from pathlib import Path

from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, RLM, running_bot

from bot.texts import text

GROUP = -100200300
CHANNEL = -100900800


def test_group_triggers_are_answered_as_replies(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            triggers = [
                f"/ask {GENEVA_AR}",
                f"/ask@{bot.username} {GENEVA_AR}",
                f"@{bot.username} {GENEVA_AR}",
                f"{GENEVA_AR} @{bot.username.lower()}",
            ]
            for trigger in triggers:
                update = bot.stub.inject_group_message(trigger, chat_id=GROUP)
                answer = (await bot.reply_to(update)).result
                assert answer["reply_to_message"]["message_id"] == update["message"]["message_id"], trigger
                assert GENEVA_HEADLINE in answer["text"], trigger

            # A reply to one of the bot's messages is a question too.
            reply = bot.stub.inject_reply(answer, "ما موقف موسكو من توسع حلف الناتو؟")
            followup = (await bot.reply_to(reply)).result
            assert followup["reply_to_message"]["message_id"] == reply["message"]["message_id"]
            rows = await bot.query_rows()
            assert [row[2] for row in rows] == ["supergroup"] * 5
            assert rows[2][0] == GENEVA_AR  # the mention is not part of the logged question
            bot.stub.assert_no_errors()

    run(body)


def test_group_messages_not_addressed_to_the_bot_get_silence(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            mark = len(bot.stub.calls)
            other = bot.stub.inject_group_message("صباح الخير", chat_id=GROUP, user_id=5)
            bot.stub.inject_group_message(GENEVA_AR, chat_id=GROUP)
            bot.stub.inject_group_message(f"/ask@OtherBot {GENEVA_AR}", chat_id=GROUP)
            bot.stub.inject_group_message("/frobnicate", chat_id=GROUP)
            bot.stub.inject_group_message("@someone_else جنيف؟", chat_id=GROUP)
            bot.stub.inject_reply(other["message"], "جنيف؟")  # a reply to another user, not to the bot
            bot.stub.inject_sticker(chat_id=GROUP)
            bot.stub.inject_edited_message(other["message"], f"@{bot.username} {GENEVA_AR}")
            assert await bot.settle(since=mark) == []
            assert (await bot.query_rows()) == []

            # ... while an empty /ask, or an unknown command addressed to the bot, gets a hint.
            empty = bot.stub.inject_group_message("/ask", chat_id=GROUP)
            hint = (await bot.reply_to(empty)).result
            assert hint["text"].startswith("اكتب السؤال بعد الأمر")
            assert hint["reply_to_message"]["message_id"] == empty["message"]["message_id"]
            unknown = bot.stub.inject_group_message(f"/frobnicate@{bot.username}", chat_id=GROUP)
            assert (await bot.reply_to(unknown)).result["text"] == text("unknown_command", "ar")
            bot.stub.assert_no_errors()

    run(body)


def test_channel_posts_with_ask_or_a_mention_are_answered_in_the_channel(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            mark = len(bot.stub.calls)
            bot.stub.inject_channel_post("خبر عاجل عن جنيف", chat_id=CHANNEL)
            assert await bot.settle(since=mark) == []

            for post_text in (f"/ask {GENEVA_AR}", f"@{bot.username} {GENEVA_AR}"):
                post = bot.stub.inject_channel_post(post_text, chat_id=CHANNEL)
                answer = (await bot.reply_to(post)).result
                assert answer["chat"]["id"] == CHANNEL
                assert answer["reply_to_message"]["message_id"] == post["channel_post"]["message_id"]
                assert answer["text"].startswith(RLM + "🔎") and GENEVA_HEADLINE in answer["text"]
            assert [row[2:4] for row in await bot.query_rows()] == [("channel", None)] * 2
            bot.stub.assert_no_errors()

    run(body)
