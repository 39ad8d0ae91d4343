"""The buttons under an answer (full passage, feedback, more results) and inline mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, RLM, UNRELATED_AR, USER_ID, copy_corpus, running_bot

from bot.texts import text


def buttons(message: dict) -> dict[str, str]:
    """Button text -> callback data (first occurrence)."""
    found: dict[str, str] = {}
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            found.setdefault(button["text"], button["callback_data"])
    return found


def test_full_passage_button_sends_the_whole_passage_under_the_answer(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            answer = (await bot.private(GENEVA_AR)).result
            first_snippet = bot.engine.answer(GENEVA_AR, 4).results[0]
            bot.stub.inject_callback_query(answer, buttons(answer)["📄 1"])
            passage = (await bot.next_call(chat_id=USER_ID)).result
            assert passage["reply_to_message"]["message_id"] == answer["message_id"]
            assert passage["text"].startswith(RLM + "📄 الفقرة كاملة")
            assert first_snippet.passage.split("\n")[0][:200] in passage["text"]
            assert len(passage["text"]) >= len(first_snippet.snippet)
            await bot.next_call("answerCallbackQuery")
            bot.stub.assert_no_errors()

    run(body)


def test_feedback_is_stored_and_acknowledged(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            answer = (await bot.private(GENEVA_AR)).result
            rows = answer["reply_markup"]["inline_keyboard"]
            up, down = rows[0][1]["callback_data"], rows[0][2]["callback_data"]
            bot.stub.inject_callback_query(answer, up)
            ack = await bot.next_call("answerCallbackQuery")
            assert ack.params["text"] == text("thanks_up", "ar")
            top = bot.engine.answer(GENEVA_AR, 4).results[0]
            assert bot.feedback_rows() == [(1, top.passage_id, USER_ID, 1)]
            bot.stub.inject_callback_query(answer, down)  # a change of mind replaces the vote
            assert (await bot.next_call("answerCallbackQuery")).params["text"] == text("thanks_down", "ar")
            assert bot.feedback_rows() == [(1, top.passage_id, USER_ID, -1)]
            bot.stub.inject_callback_query(answer, up, user_id=USER_ID + 1)
            await bot.next_call("answerCallbackQuery")
            assert len(bot.feedback_rows()) == 2
            bot.stub.assert_no_errors()

    run(body)


PORT_TOWNS = ["الشمال", "الجنوب", "الشرق", "الغرب", "الوسط", "الساحل", "الجبل"]


def test_more_results_pages_by_editing_the_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # Arabic only: no passage embeddings needed
    corpus = copy_corpus(tmp_path)
    for number, town in enumerate(PORT_TOWNS):  # seven articles that all answer the question
        article = f"ميناء {town}\n\nافتتحت زيلاندوفيا ميناء {town} الجديد لتصدير الفوسفات.\n"
        (corpus / f"port{number}.txt").write_text(article, encoding="utf-8")
    question = "أي ميناء افتتحت زيلاندوفيا لتصدير الفوسفات؟"

    async def body() -> None:
        async with running_bot(tmp_path, corpus=corpus) as bot:
            answer = (await bot.private(question)).result
            first_page = answer["text"]  # (the stub edits its stored message, `answer`, in place)
            assert f"{RLM}3. " in first_page and f"{RLM}4. " not in first_page
            more = buttons(answer)[text("button_more", "ar")]
            bot.stub.inject_callback_query(answer, more)
            edited = (await bot.next_call("editMessageText")).result
            assert edited["message_id"] == answer["message_id"]
            assert edited["text"].startswith(RLM + "🔎 نتائج أخرى من المقالات:")
            assert f"{RLM}4. " in edited["text"] and f"{RLM}1. " not in edited["text"]
            labels = buttons(edited)
            assert "📄 4" in labels and text("button_back", "ar") in labels
            bot.stub.inject_callback_query(edited, labels[text("button_more", "ar")])
            last = (await bot.next_call("editMessageText")).result
            assert f"{RLM}7. " in last["text"] and text("button_more", "ar") not in buttons(last)
            bot.stub.inject_callback_query(last, buttons(last)[text("button_back", "ar")])
            back = (await bot.next_call("editMessageText")).result
            assert f"{RLM}4. " in back["text"] and f"{RLM}7. " not in back["text"]
            pages = (first_page, edited["text"], last["text"])
            shown = {town for town in PORT_TOWNS for page in pages if town in page}
            assert shown == set(PORT_TOWNS)  # every article, on one page or another
            bot.stub.assert_no_errors()

    run(body)


def test_stale_buttons_say_so(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            answer = (await bot.private(GENEVA_AR)).result
            pid = buttons(answer)["📄 1"].split(":")[2]
            sign = bot.app.bot_data["services"].buttons.for_chat(USER_ID)
            # a passage that changed since, a question no longer logged, and buttons of older
            # versions of the bot (unsigned) or of none
            for data in (sign(f"p:1:{pid}:00000000"), sign("m:999:1"), "m:1:1", "from-an-old-version"):
                bot.stub.inject_callback_query(answer, data, check_button=False)
                notice = await bot.next_call("answerCallbackQuery")
                assert notice.params["text"] == text("stale", "ar") and notice.params["show_alert"] is True
            bot.stub.assert_no_errors()

    run(body)


def test_inline_query_offers_ready_to_send_cited_snippets(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.stub.inject_inline_query(GENEVA_AR)
            call = await bot.next_call("answerInlineQuery")
            results = call.params["results"]
            assert 1 <= len(results) <= 10
            assert len({r["id"] for r in results}) == len(results)
            contents = [r["input_message_content"] for r in results]
            assert all(c["parse_mode"] == "HTML" for c in contents)
            assert any(GENEVA_HEADLINE in c["message_text"] for c in contents)
            assert all("<b>" in c["message_text"] and "📰" in c["message_text"] for c in contents)

            bot.stub.inject_inline_query(UNRELATED_AR)
            nothing = await bot.next_call("answerInlineQuery")
            assert nothing.params["results"] == []
            assert nothing.params["button"]["text"] == text("inline_not_found", "ar")

            bot.stub.inject_inline_query("   ", language_code="en")
            empty = await bot.next_call("answerInlineQuery")
            assert empty.params["results"] == []
            assert empty.params["button"]["text"] == text("inline_hint", "en")
            assert [row[2] for row in await bot.query_rows()] == ["inline", "inline"]
            bot.stub.assert_no_errors()

    run(body)
