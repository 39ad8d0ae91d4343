"""The buttons under an answer: the full passage of a snippet, 👍/👎 feedback, and paging
through more results by editing the answer in place.

Callback data must fit Telegram's 64 bytes, so it carries only numbers: the query log id (the
question is read back from the store) and the passage's integer pid, plus a short tag of the
passage id so that a button pressed after a reindex is recognised as stale. Each ends in a MAC
binding it to its chat (bot/button_signing.py); a press that fails it changes and shows nothing.

    p:<query id>:<pid>:<tag>:<mac>          full passage
    f:<query id>:<pid>:<tag>:<u|d>:<mac>    feedback
    m:<query id>:<page>:<mac>               a page of results
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.render_html import render_page_html, render_passage_html
from bot.services import PAGE_SIZE, services
from bot.texts import text, user_language
from retrieval.engine import reply_language
from retrieval.models import LoggedQuery, PassageRecord, Result

logger = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64
PASSAGE_PATTERN = r"^p:(\d+):(\d+):([0-9a-f]{8})$"
FEEDBACK_PATTERN = r"^f:(\d+):(\d+):([0-9a-f]{8}):([ud])$"
PAGE_PATTERN = r"^m:(\d+):(\d+)$"


def passage_tag(passage_id: str) -> str:
    return hashlib.sha1(passage_id.encode("utf-8")).hexdigest()[:8]


def answer_keyboard(
    query_id: int,
    results: tuple[Result, ...],
    lang: str,
    *,
    page: int,
    has_more: bool,
    sign: Callable[[str], str],
) -> InlineKeyboardMarkup:
    """One row per snippet (full passage, 👍, 👎), then previous/more; `sign` signs the data
    for the chat the keyboard goes to."""
    rows = []
    for result in results:
        tag = passage_tag(result.passage_id)
        rows.append(
            [
                InlineKeyboardButton(
                    f"📄 {result.rank}", callback_data=sign(f"p:{query_id}:{result.pid}:{tag}")
                ),
                InlineKeyboardButton("👍", callback_data=sign(f"f:{query_id}:{result.pid}:{tag}:u")),
                InlineKeyboardButton("👎", callback_data=sign(f"f:{query_id}:{result.pid}:{tag}:d")),
            ]
        )
    paging = []
    if page > 0:
        back = text("button_back", lang)
        paging.append(InlineKeyboardButton(back, callback_data=sign(f"m:{query_id}:{page - 1}")))
    if has_more:
        more = text("button_more", lang)
        paging.append(InlineKeyboardButton(more, callback_data=sign(f"m:{query_id}:{page + 1}")))
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows)


async def _logged(context: ContextTypes.DEFAULT_TYPE, query_id: int) -> tuple[LoggedQuery | None, str]:
    logged = await services(context).query_log.logged(query_id)
    lang = reply_language(logged.lang, logged.question) if logged else "ar"
    return logged, lang


async def _passage(context: ContextTypes.DEFAULT_TYPE, pid: int, tag: str) -> PassageRecord | None:
    record = await services(context).engine.passage(pid)
    return record if record and passage_tag(record.passage_id) == tag else None


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every button press: its action when the data was signed for this chat; otherwise (forged,
    copied from another chat, or from an older version of the bot) a polite "ask again"."""
    query = update.callback_query
    chat = query.message.chat if query.message else None  # buttons are only on our messages
    payload = services(context).buttons.verify(query.data or "", chat.id) if chat else None
    for pattern, action in BUTTON_ACTIONS:
        if payload is not None and (match := re.match(pattern, payload)):
            await action(update, context, match)
            return
    await query.answer(text("stale", user_language(update)), show_alert=True)


async def on_full_passage(update: Update, context: ContextTypes.DEFAULT_TYPE, match: re.Match[str]) -> None:
    """Sends the passage a snippet was taken from, with its neighbours, under the answer."""
    query = update.callback_query
    query_id, pid, tag = int(match[1]), int(match[2]), match[3]
    _, lang = await _logged(context, query_id)
    record = await _passage(context, pid, tag)
    if record is None:
        await query.answer(text("stale", lang), show_alert=True)
        return
    await query.answer()
    message = query.message
    reply = (
        ReplyParameters(message.message_id, allow_sending_without_reply=True)
        if isinstance(message, Message)
        else None
    )
    for part in render_passage_html(record.text, record.citation, lang):
        await context.bot.send_message(message.chat.id, part, reply_parameters=reply)
        reply = None


async def on_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE, match: re.Match[str]) -> None:
    """Stores 👍/👎 for a snippet and thanks the user with a short notice."""
    query = update.callback_query
    query_id, pid, tag, vote = int(match[1]), int(match[2]), match[3], match[4]
    logged, lang = await _logged(context, query_id)
    record = await _passage(context, pid, tag)
    if logged is None or record is None:
        await query.answer(text("stale", lang), show_alert=True)
        return
    await services(context).engine.record_feedback(
        query_id=query_id,
        passage_id=record.passage_id,
        user_id=query.from_user.id,
        value=1 if vote == "u" else -1,
    )
    await query.answer(text("thanks_up" if vote == "u" else "thanks_down", lang))


async def on_page(update: Update, context: ContextTypes.DEFAULT_TYPE, match: re.Match[str]) -> None:
    """Replaces the answer with the next (or previous) page of results."""
    query = update.callback_query
    query_id, page = int(match[1]), int(match[2])
    logged, lang = await _logged(context, query_id)
    if logged is None:
        await query.answer(text("stale", lang), show_alert=True)
        return
    engine = services(context).engine
    answer = await engine.ask(logged.question, PAGE_SIZE * (page + 1) + 1)
    shown = answer.shown[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    if not shown:
        await query.answer(text("no_more", lang))
        return
    await query.answer()
    page_html = render_page_html(answer, lang, shown, heading="more_heading" if page else "answer_heading")
    keyboard = answer_keyboard(
        query_id,
        shown,
        lang,
        page=page,
        has_more=len(answer.shown) > (page + 1) * PAGE_SIZE,
        sign=services(context).buttons.for_chat(query.message.chat.id),
    )
    try:
        await query.edit_message_text(page_html, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


BUTTON_ACTIONS = (
    (PASSAGE_PATTERN, on_full_passage),
    (FEEDBACK_PATTERN, on_feedback),
    (PAGE_PATTERN, on_page),
)
