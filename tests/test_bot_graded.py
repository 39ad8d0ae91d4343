"""The graded reply in the bot: closest passages under a heading that says so, with buttons,
and the words the articles lack, in private chats, groups and inline mode (issue 16)."""

from pathlib import Path

from async_runner import run
from bot_harness import running_bot

from bot.texts import text

AFTER_THE_ARTICLES_AR = "هل تم تبادل السجناء بين روسيا وامريكا في ديسمبر 2022"
AFTER_THE_ARTICLES_EN = "Was there a prisoner swap between Russia and the US in December 2022?"


def test_closest_passages_in_a_private_chat_say_so_in_the_askers_language(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            arabic = (await bot.private(AFTER_THE_ARTICLES_AR)).result
            english = (await bot.private(AFTER_THE_ARTICLES_EN, language_code="en")).result
            assert (
                "لا مقال يجيب عن هذا بالضبط" in arabic["text"] and "ليس في المقالات: 2022" in arabic["text"]
            )
            assert "No article answers this exactly" in english["text"]
            assert "Not in the articles:" in english["text"] and "2022" in english["text"]
            assert "1. " in arabic["text"] and "📰" in arabic["text"]
            assert arabic["reply_markup"]["inline_keyboard"][0][0]["text"] == "📄 1"  # same buttons
            assert [row[4] for row in await bot.query_rows()] == [0, 0]  # logged as not answered
            bot.stub.assert_no_errors()

    run(body)


def test_closest_passages_in_a_group_and_inline(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            update = bot.stub.inject_group_message(f"/ask {AFTER_THE_ARTICLES_AR}")
            reply = (await bot.reply_to(update)).result
            assert "لا مقال يجيب عن هذا بالضبط" in reply["text"] and "2022" in reply["text"]
            bot.stub.inject_inline_query(AFTER_THE_ARTICLES_AR)
            results = (await bot.next_call("answerInlineQuery")).params["results"]
            assert results and all(r["description"].startswith(text("inline_closest", "ar")) for r in results)
            assert all(
                text("inline_closest", "ar") in r["input_message_content"]["message_text"] for r in results
            )
            bot.stub.assert_no_errors()

    run(body)
