"""How current the corpus is, for /about and /stats: the newest article's date and the last
time a feed was fetched (by the bot's own polling or by `corpusbot poll`)."""

from __future__ import annotations

from telegram.ext import ContextTypes

from bot.services import services
from bot.texts import text


async def freshness_html(context: ContextTypes.DEFAULT_TYPE, newest: str, lang: str) -> str:
    feeds, last_poll = await services(context).engine.followed_feeds()
    return text(
        "freshness",
        lang,
        newest=newest or text("dates_unknown", lang),
        last_poll=last_poll.replace("T", " ") if last_poll else text("never", lang),
        feeds=len(feeds),
    )
