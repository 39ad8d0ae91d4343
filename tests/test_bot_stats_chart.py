"""/stats as a picture: admins get the per-day chart (a PNG, with its legend as the caption)
above the text figures; anyone else gets neither; no activity or a failed upload leaves the text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from async_runner import run
from bot_harness import ADMIN_ID, GENEVA_AR, UNRELATED_AR, Bot, running_bot
from botapi_stub import ApiCall
from png_reader import SIGNATURE, decode_png, png_size

from bot.stats_chart import ANSWERED, ARTICLES, CHART, NOT_FOUND, PALETTE
from bot.texts import text


def sent_photos(bot: Bot) -> list[ApiCall]:
    """Every sendPhoto call so far, failed ones included."""
    return [call for call in bot.stub.calls if call.method.lower() == "sendphoto"]


async def assert_no_chart_sent(bot: Bot) -> None:
    """Once every update so far is handled: no picture went out, and nothing broke an API rule."""
    await bot.settle()
    assert not sent_photos(bot)
    bot.stub.assert_no_errors()


def test_admin_stats_sends_the_chart_then_the_figures(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            await bot.private(GENEVA_AR)
            await bot.private(UNRELATED_AR)
            stats = await bot.private("/stats", user_id=ADMIN_ID, language_code="en")
            photo = await bot.next_call("sendPhoto", chat_id=ADMIN_ID)
            assert photo.index < stats.index  # the picture first, the figures beneath it

            png = photo.files["photo"].content
            assert png.startswith(SIGNATURE)
            width, height = png_size(png)
            assert width == 2 * CHART.margin + CHART.days * CHART.slot and 0 < height < width
            image = decode_png(png)
            today = image.column(CHART.margin + (CHART.days - 1) * CHART.slot + CHART.slot // 2)
            # Today: one answered and one "not found" question, half the tallest bar each;
            # the five bundled articles were indexed today.
            half = CHART.panel // 2
            assert today.count(PALETTE[ANSWERED]) == half and today.count(PALETTE[NOT_FOUND]) == half
            assert today.count(PALETTE[ARTICLES]) == CHART.panel
            yesterday = image.column(CHART.margin + (CHART.days - 2) * CHART.slot + CHART.slot // 2)
            assert not {PALETTE[ANSWERED], PALETTE[NOT_FOUND], PALETTE[ARTICLES]} & set(yesterday)

            now = datetime.now(UTC).date()
            first, last = (now - timedelta(days=CHART.days - 1)).isoformat(), now.isoformat()
            assert photo.result["caption"] == text("stats_chart", "en", first=first, last=last)
            assert "🟩 answered, 🟧 not found" in photo.result["caption"]
            assert "Today: 2 questions, 1 answered, 50% not found" in stats.result["text"]
            bot.stub.assert_no_errors()

    run(body)


def test_arabic_admin_gets_an_arabic_legend(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            await bot.private("/stats", user_id=ADMIN_ID, language_code="ar")
            caption = (await bot.next_call("sendPhoto", chat_id=ADMIN_ID)).result["caption"]
            assert "🟩 أجيب عنها" in caption and caption.startswith("\u200f")
            bot.stub.assert_no_errors()

    run(body)


def test_non_admin_stats_gets_no_chart(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            await bot.private(GENEVA_AR)
            refusal = text("admin_only", "ar")
            assert (await bot.private("/stats")).result["text"] == refusal
            group = bot.stub.inject_group_message("/stats", chat_id=-100777)
            assert (await bot.reply_to(group)).result["text"] == refusal
            await assert_no_chart_sent(bot)

    run(body)


def test_no_activity_sends_the_figures_alone(tmp_path: Path) -> None:
    async def body() -> None:
        empty = tmp_path / "empty-corpus"
        empty.mkdir()
        async with running_bot(tmp_path, corpus=empty) as bot:
            stats = await bot.private("/stats", user_id=ADMIN_ID, language_code="en")
            assert "Today: 0 questions" in stats.result["text"]
            await assert_no_chart_sent(bot)

    run(body)


def test_a_rejected_chart_upload_still_leaves_the_figures(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            bot.stub.fail_next("sendPhoto", status=400, description="Bad Request: PHOTO_INVALID_DIMENSIONS")
            stats = await bot.private("/stats", user_id=ADMIN_ID, language_code="en")
            assert "Today: 0 questions" in stats.result["text"]
            assert [call.fault for call in sent_photos(bot)] == [True]
            bot.stub.assert_no_errors()

    run(body)
