"""The error handler (registered last): log what failed with its context, tell the user in a
line, keep serving. Also the log formatting that keeps the bot token out of every log line."""

from __future__ import annotations

import logging

from telegram import ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.retry import may_have_run
from bot.texts import text, user_language

logger = logging.getLogger("bot.errors")


def describe(update: object) -> str:
    """Which update failed, without its text: id, kind, chat and user."""
    if not isinstance(update, Update):
        return "no update (a job or a background task)"
    kind = next(
        (
            name
            for name in ("message", "channel_post", "callback_query", "inline_query", "edited_message")
            if getattr(update, name, None) is not None
        ),
        "other",
    )
    chat = update.effective_chat
    user = update.effective_user
    return (
        f"update {update.update_id} ({kind}, chat {chat.id if chat else '-'} {chat.type if chat else ''}, "
        f"user {user.id if user else '-'})"
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the failure; the user sees a short apology instead of silence, unless the request
    that failed timed out waiting for Telegram's answer: it may have been delivered (likely the
    reply itself), and an apology under a delivered answer would be wrong. It is not sent again
    either (bot/retry.py): a rare lost message rather than a duplicate."""
    if may_have_run(context.error):
        logger.warning(
            "no answer from the Bot API in time while handling %s (%s); it may have been carried "
            "out, so it is neither repeated nor apologised for",
            describe(update),
            context.error,
        )
        return
    logger.error("error while handling %s", describe(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    notice = text("error", user_language(update))
    try:
        if update.callback_query:
            await update.callback_query.answer(notice, show_alert=True)
        elif update.effective_message and update.effective_chat:
            quote = update.effective_chat.type != ChatType.PRIVATE
            await context.bot.send_message(
                update.effective_chat.id,
                notice,
                reply_parameters=(
                    ReplyParameters(update.effective_message.message_id, allow_sending_without_reply=True)
                    if quote
                    else None
                ),
            )
    except TelegramError as exc:
        logger.warning("could not tell the user about the error: %s", exc)


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces the bot token wherever it appears (URLs in tracebacks...)."""

    def __init__(self, secret: str, fmt: str | None = None):
        super().__init__(fmt)
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        formatted = super().format(record)
        return formatted.replace(self.secret, "<token>") if self.secret else formatted


def setup_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(token, "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
