"""Questions from private chats, groups and channels, and the /start, /help and /about commands.

Handlers only translate: they pull the question out of the update, ask the engine, log the
question in the store and send the rendered answer. Edited messages are never handled (no
handler accepts them), so a question is answered once, however often it is edited.
"""

from __future__ import annotations

import logging
import re
import time

from telegram import InlineKeyboardMarkup, Message, MessageEntity, ReplyParameters, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.callbacks import answer_keyboard
from bot.display import DISPLAY, shorten
from bot.freshness import freshness_html
from bot.question_log import log_question, logged_outcome
from bot.render_html import escape, line_start, render_answer_html, rtl_lines
from bot.services import PAGE_SIZE, services
from bot.texts import text, user_language
from retrieval.engine import question_language, reply_language
from retrieval.models import QuestionError

logger = logging.getLogger(__name__)


def command_argument(message: Message) -> str:
    """The text after a leading `/command` or `/command@Bot`."""
    content = message.text or ""
    entity = next(
        (e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None
    )
    return content[entity.length :].strip() if entity else content.strip()


def mentions_bot(message: Message, username: str) -> bool:
    """Whether the message @-mentions this bot."""
    wanted = f"@{username}".lower()
    mentions = message.parse_entities([MessageEntity.MENTION])
    return any(mention.lower() == wanted for mention in mentions.values())


def without_mention(content: str, username: str) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", content, flags=re.IGNORECASE).strip()


def is_reply_to_bot(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


async def send_parts(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    parts: list[str],
    *,
    reply_to: int | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send a multi-message reply: the first part replies to `reply_to`, the last has the buttons.
    Returns the last message sent."""
    sent = None
    for number, part in enumerate(parts, start=1):
        sent = await context.bot.send_message(
            chat_id,
            part,
            reply_parameters=(
                ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to and number == 1
                else None
            ),
            reply_markup=keyboard if number == len(parts) else None,
        )
    return sent


async def reply(
    update: Update, context: ContextTypes.DEFAULT_TYPE, html_text: str, *, quote: bool | None = None
) -> None:
    """A short reply in the same chat; quoted outside private chats unless told otherwise."""
    chat, message = update.effective_chat, update.effective_message
    if quote is None:
        quote = chat.type != ChatType.PRIVATE
    await send_parts(
        context, chat.id, [html_text], reply_to=message.message_id if quote and message else None
    )


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, *, quote: bool
) -> None:
    """Answer `question` in the update's chat (replying to its message when `quote`) and log it."""
    started = time.perf_counter()
    svc = services(context)
    chat, message = update.effective_chat, update.effective_message
    asker = update.effective_user.id if update.effective_user else chat.id
    question = question.strip()
    lang = question_language(question)
    reply_to = message.message_id if quote else None

    verdict = svc.limiter.check(asker)
    if not verdict.allowed:
        if verdict.notify:
            notice = text("rate_limited", lang, seconds=verdict.wait_seconds)
            await send_parts(context, chat.id, [line_start("", lang) + notice], reply_to=reply_to)
        log_question(
            update_id=update.update_id,
            chat_type=chat.type,
            lang=lang,
            outcome="rate_limited",
            started=started,
            question=question,
        )
        return
    try:
        answer = await svc.engine.ask(question, PAGE_SIZE + 1)
    except QuestionError as exc:
        if exc.reason == "too_long":
            notice = line_start("", lang) + text("too_long", lang, length=exc.length, limit=exc.limit)
        else:
            notice = text("ask_usage", lang)
        await send_parts(context, chat.id, [notice], reply_to=reply_to)
        return

    lang = reply_language(answer.lang, answer.question)
    shown = answer.shown[:PAGE_SIZE]
    query_id = svc.query_log.add(
        question=answer.question,
        lang=answer.lang,
        chat_type=chat.type,
        user_id=update.effective_user.id if update.effective_user else None,
        answered=answer.answered,
        took_ms=answer.took_ms,
        top_doc_id=shown[0].doc_id if shown else None,
        results=len(shown),
    )
    if not shown and answer.no_words:
        parts = [line_start("", lang) + text("no_words", lang)]
    else:
        parts = render_answer_html(answer, lang, shown)
    has_more = len(answer.shown) > PAGE_SIZE
    sign = svc.buttons.for_chat(chat.id)
    keyboard = answer_keyboard(query_id, shown, lang, page=0, has_more=has_more, sign=sign) if shown else None
    await send_parts(context, chat.id, parts, reply_to=reply_to, keyboard=keyboard)
    log_question(
        update_id=update.update_id,
        chat_type=chat.type,
        lang=answer.lang,
        outcome=logged_outcome(answer),
        started=started,
        results=len(shown),
        engine_ms=answer.took_ms,
        question=question,
    )


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question: the user gets the answer."""
    await answer_question(update, context, update.effective_message.text or "", quote=False)


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/ask question` (or `/ask@Bot question`) in any chat: the answer, as a reply."""
    message = update.effective_message
    question = command_argument(message)
    if not question:
        await reply(update, context, text("ask_usage", user_language(update)))
        return
    await answer_question(update, context, question, quote=update.effective_chat.type != ChatType.PRIVATE)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group message that mentions the bot or replies to it gets an answer; others, silence."""
    message = update.effective_message
    username = context.bot.username
    if mentions_bot(message, username):
        question = without_mention(message.text or "", username)
    elif is_reply_to_bot(message, context.bot.id):
        question = message.text or ""
    else:
        return
    if not question.strip():
        await reply(update, context, text("ask_usage", user_language(update)))
        return
    await answer_question(update, context, question, quote=True)


async def on_channel_post(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A channel post that mentions the bot gets an answer in the channel, replying to the post."""
    message = update.effective_message
    username = context.bot.username
    if not mentions_bot(message, username):
        return
    question = without_mention(message.text or "", username)
    if question:
        await answer_question(update, context, question, quote=True)


async def on_group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown command addressed to this bot by name in a group gets a pointer to /help."""
    command = (update.effective_message.text or "").split(maxsplit=1)[0]
    if command.lower().endswith(f"@{context.bot.username}".lower()):
        await reply(update, context, text("unknown_command", user_language(update)))


async def on_private_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown command in a private chat gets a pointer to /help."""
    await reply(update, context, text("unknown_command", user_language(update)))


async def on_private_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo, voice message... in a private chat: a reminder that questions are text."""
    await reply(update, context, text("text_only", user_language(update)))


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A greeting in both languages and the help text."""
    greeting = f"{line_start('', 'ar')}{text('start', 'ar')}\n\n{text('start', 'en')}"
    await reply(update, context, greeting)
    await on_help(update, context)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot knows, how to ask, and examples, in Arabic and English."""
    mention = escape(f"@{context.bot.username}")
    arabic = rtl_lines(text("help", "ar", mention=mention), "ar")
    await reply(update, context, f"{arabic}\n\n{text('help', 'en', mention=mention)}")


async def on_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The corpus: how many articles and passages, their dates and outlets."""
    lang = user_language(update)
    summary = await services(context).engine.about()
    if summary.first_date:
        dates = text("dates_range", lang, first=summary.first_date, last=summary.last_date)
    else:
        dates = text("dates_unknown", lang)
    comma = "، " if lang == "ar" else ", "
    listed = DISPLAY.listed_outlets
    outlets = comma.join(
        f"{escape(shorten(name, DISPLAY.source))} ({count})" for name, count in summary.outlets[:listed]
    )
    if len(summary.outlets) > listed:
        outlets += f"{comma}… (+{len(summary.outlets) - listed})"
    about = text(
        "about",
        lang,
        documents=summary.documents,
        passages=summary.passages,
        dates=dates,
        outlets=outlets or text("unknown_source", lang),
    )
    about += "\n" + await freshness_html(context, summary.last_date, lang)
    await reply(update, context, rtl_lines(about, lang))
