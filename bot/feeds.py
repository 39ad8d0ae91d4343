"""News from feeds and pages in the bot: polling every CORPUSBOT_POLL_MINUTES while it serves,
and the admin commands /addfeed URL, /feeds, /dropfeed N, plus a link sent by an admin, which
the bot offers to add with a button.

Fetching is asynchronous and extraction runs in worker threads, so answering never waits for
the web; new articles are indexed by the Reindexer's incremental refresh, one at a time with
/reindex and uploads.
"""

from __future__ import annotations

import logging
import re
import secrets

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.admin import refuse_unless_admin
from bot.display import shorten
from bot.handlers import command_argument, reply, send_parts
from bot.render_html import escape, line_start, pack_blocks, rtl_lines
from bot.services import services
from bot.texts import text, user_language
from retrieval.models import WebReport

logger = logging.getLogger(__name__)

LINK_PATTERN = r"^\s*https?://\S+\s*$"
ADD_LINK_PATTERN = r"^addlink:([0-9a-f]{16})$"
MAX_PENDING_LINKS = 100
_STATUS_ICONS = {"ok": "✅", "partial": "⚠️", "error": "❌", "new": "🆕"}


async def _refused(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> bool:
    """Refuse as every admin command does (non-admins; admins outside their private chat), and
    a read-only corpus; True when refused."""
    if await refuse_unless_admin(update, context):
        return True
    if not services(context).feeds.writable:
        await reply(update, context, text("corpus_read_only", lang))
        return True
    return False


def report_html(report: WebReport, lang: str) -> str:
    """What adding a feed or page did: feeds added, articles added and updated, failures."""
    lines = [text("feed_added", lang, url=escape(url)) for url in report.feeds_added]
    lines.append(text("add_counts", lang, added=len(report.added), updated=len(report.updated)))
    lines += [f"• {escape(shorten(failure, 300))}" for failure in report.failed[:10]]
    return "\n".join(lines)


async def add_and_report(update: Update, context: ContextTypes.DEFAULT_TYPE, url: str, lang: str) -> None:
    await reply(update, context, text("add_started", lang, url=escape(url)))
    try:
        report = await services(context).feeds.run(urls=(url,))
    except Exception as exc:  # the corpus is unchanged; the admin is told why
        logger.exception("adding %s failed", url)
        await reply(update, context, text("add_failed", lang, reason=escape(str(exc) or type(exc).__name__)))
        return
    await reply(update, context, rtl_lines(report_html(report, lang), lang))


async def on_addfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: `/addfeed URL` follows a feed (or adds one article page) in the background."""
    lang = user_language(update)
    if await _refused(update, context, lang):
        return
    url = command_argument(update.effective_message)
    if not re.match(LINK_PATTERN, url):
        await reply(update, context, text("addfeed_usage", lang))
        return
    context.application.create_task(add_and_report(update, context, url.strip(), lang), update=update)


async def on_feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: every feed with its number, status, last fetch, article count and last error."""
    lang = user_language(update)
    if await _refused(update, context, lang):
        return
    feeds, _ = await services(context).engine.followed_feeds()
    if not feeds:
        await reply(update, context, text("feeds_empty", lang))
        return
    lines = [line_start("", lang) + text("feeds_heading", lang, count=len(feeds))]
    for feed in feeds:
        line = text(
            "feed_line",
            lang,
            number=feed.id,
            icon=_STATUS_ICONS.get(feed.status, "•"),
            url=escape(feed.url),
            title=escape(shorten(feed.title, 80)) or "—",
            last_fetch=feed.last_fetch.replace("T", " ") or text("never", lang),
            articles=feed.articles,
        )
        if feed.error:
            line += "\n" + text("feed_error", lang, error=escape(shorten(feed.error, 300)))
        lines.append(rtl_lines(line, lang))
    await send_parts(context, update.effective_chat.id, pack_blocks(lines, sep="\n"))


async def on_dropfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: `/dropfeed N` stops following feed N; its articles stay."""
    lang = user_language(update)
    if await _refused(update, context, lang):
        return
    argument = command_argument(update.effective_message)
    if not argument.isdigit():
        await reply(update, context, text("dropfeed_usage", lang))
        return
    dropped = await services(context).engine.drop_feed(int(argument))
    if dropped is None:
        await reply(update, context, text("dropfeed_unknown", lang, number=escape(argument)))
        return
    await reply(
        update, context, text("dropfeed_done", lang, url=escape(dropped.url), articles=dropped.articles)
    )


async def on_admin_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sent a bare link: offer to add it (a button), rather than search for it."""
    lang = user_language(update)
    if not services(context).feeds.writable:
        await reply(update, context, text("corpus_read_only", lang))
        return
    pending: dict[str, str] = context.bot_data.setdefault("pending_links", {})
    while len(pending) >= MAX_PENDING_LINKS:
        pending.pop(next(iter(pending)))
    token = secrets.token_hex(8)
    url = (update.effective_message.text or "").strip()
    pending[token] = url
    button = InlineKeyboardButton(text("button_add_link", lang), callback_data=f"addlink:{token}")
    await context.bot.send_message(
        update.effective_chat.id,
        text("link_offer", lang, url=escape(url)),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


async def on_add_link_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "add" button under a link an admin sent: fetch and index it."""
    query = update.callback_query
    lang = user_language(update)
    if not services(context).is_admin(query.from_user.id):
        await query.answer(text("admin_only", lang), show_alert=True)
        return
    token = re.match(ADD_LINK_PATTERN, query.data or "").group(1)
    url = context.bot_data.get("pending_links", {}).pop(token, None)
    await query.answer()
    if url is None:
        await query.edit_message_text(text("link_expired", lang))
        return
    await query.edit_message_reply_markup(None)
    context.application.create_task(add_and_report(update, context, url, lang), update=update)
