"""bot/updates.py: updates of different chats are handled concurrently, those of one chat in the
order they came, so a user's answers never overtake each other."""

from __future__ import annotations

from pathlib import Path

from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, RLM, USER_ID, plain, running_bot

from bot.updates import PerChatUpdateProcessor


def test_one_chat_is_answered_in_order_while_chats_are_handled_concurrently(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            processor = bot.app.update_processor
            assert isinstance(processor, PerChatUpdateProcessor) and processor.max_concurrent_updates > 1
            # A question (answered in a worker thread, then logged) and right after it a command
            # answered at once: handled concurrently, /about would overtake the answer.
            since = len(bot.stub.calls)
            for user in (USER_ID, USER_ID + 1):
                bot.stub.inject_private_message(GENEVA_AR, user_id=user)
                bot.stub.inject_private_message("/about", user_id=user)
            await bot.settle(since)
            for user in (USER_ID, USER_ID + 1):
                texts = [plain(c.params["text"]) for c in bot.stub.sent_messages(user)]
                assert len(texts) == 2 and GENEVA_HEADLINE in texts[0], texts
                assert texts[1].lstrip(RLM).startswith("📚")  # /about
            bot.stub.assert_no_errors()

    run(body)
