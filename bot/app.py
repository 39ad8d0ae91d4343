"""The Telegram bot's Application: defaults, rate limiting, every handler in one block, command
menus per scope, and running it by long polling or as a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import admin, callbacks, feeds, handlers, heap, inline
from bot.button_signing import ButtonSigner
from bot.config import Settings
from bot.errors import on_error
from bot.http import AiohttpRequest
from bot.ratelimit import QuestionLimiter
from bot.retry import RetryingRateLimiter, log_polling_error
from bot.services import FeedPoller, Reindexer, Services
from bot.shutdown import stop_application
from bot.texts import ADMIN_COMMANDS, PUBLIC_COMMANDS
from bot.updates import PerChatUpdateProcessor
from retrieval.engine import Engine

logger = logging.getLogger(__name__)

# Edited messages and edited channel posts are not asked for: a question is answered once.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CHANNEL_POST, Update.INLINE_QUERY, Update.CALLBACK_QUERY]


@dataclass(frozen=True)
class Webhook:
    """`corpusbot serve --webhook-url URL [--listen --port --secret-token]`."""

    url: str
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None


def webhook_secret(webhook: Webhook) -> str:
    """The configured secret token, else a random one for this run: the bot registers its
    webhook itself, so it can always demand one, and a webhook without one obeys anyone who
    finds its URL."""
    if webhook.secret_token:
        return webhook.secret_token
    logger.info("no webhook secret token configured: generated a random one for this run (not logged)")
    return secrets.token_urlsafe(32)


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    limiter: QuestionLimiter | None = None,
    max_upload_bytes: int = admin.MAX_UPLOAD_BYTES,
) -> Application:
    """The bot for `settings`, answering from `engine` (opened and refreshed by the caller)."""
    # PTB 22 warns in every RetryAfter (a 429) unless durations are opted into as timedeltas,
    # which is what they become in PTB 23; `retry.py` reads them as timedeltas either way.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    patience = settings.patience
    # the API, getUpdates
    requests = (AiohttpRequest(read_timeout=patience.read_timeout), AiohttpRequest(connection_pool_size=1))
    application = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.file_base_url)
        .request(requests[0])
        .get_updates_request(requests[1])
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .rate_limiter(RetryingRateLimiter(patience, overall_max_rate=settings.send_rate))
        .concurrent_updates(PerChatUpdateProcessor())
        .build()
    )
    application.bot_data["http"] = requests  # for running() to close, whatever happens
    reindexer = Reindexer(engine)
    application.bot_data["services"] = Services(
        settings=settings,
        engine=engine,
        limiter=limiter or QuestionLimiter(),
        reindexer=reindexer,
        feeds=FeedPoller(engine, settings.web, reindexer),
        query_log=engine.question_log(),
        buttons=ButtonSigner(settings.token),
        max_upload_bytes=max_upload_bytes,
    )
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    message = filters.UpdateType.MESSAGE
    post = filters.UpdateType.CHANNEL_POST
    private = message & filters.ChatType.PRIVATE
    group = message & filters.ChatType.GROUPS
    admins = filters.User(user_id=application.bot_data["services"].settings.admin_ids)
    application.add_handlers(
        [
            CommandHandler("start", handlers.on_start, filters=message),
            CommandHandler("help", handlers.on_help, filters=message),
            CommandHandler("about", handlers.on_about, filters=message),
            CommandHandler("ask", handlers.on_ask, filters=message | post),
            CommandHandler("reindex", admin.on_reindex, filters=message),
            CommandHandler("sources", admin.on_sources, filters=message),
            CommandHandler("remove", admin.on_remove, filters=message),
            CommandHandler("stats", admin.on_stats, filters=message),
            CommandHandler("addfeed", feeds.on_addfeed, filters=message),
            CommandHandler("feeds", feeds.on_feeds, filters=message),
            CommandHandler("dropfeed", feeds.on_dropfeed, filters=message),
            MessageHandler(private & filters.Regex(feeds.LINK_PATTERN) & admins, feeds.on_admin_link),
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.on_private_text),
            MessageHandler(private & filters.COMMAND, handlers.on_private_command),
            MessageHandler(private & filters.Document.ALL, admin.on_document),
            MessageHandler(private, handlers.on_private_other),
            MessageHandler(group & filters.TEXT & ~filters.COMMAND, handlers.on_group_text),
            MessageHandler(group & filters.COMMAND, handlers.on_group_command),
            MessageHandler(post & filters.TEXT & ~filters.COMMAND, handlers.on_channel_post),
            InlineQueryHandler(inline.on_inline_query),
            CallbackQueryHandler(feeds.on_add_link_button, pattern=feeds.ADD_LINK_PATTERN),
            CallbackQueryHandler(callbacks.on_button),
        ]
    )
    application.add_error_handler(on_error)


async def set_command_menus(application: Application) -> None:
    """Public commands for everyone (Arabic for Arabic-language apps); admins also see theirs,
    through a menu scoped to their private chat with the bot."""
    bot = application.bot
    settings = application.bot_data["services"].settings
    public_en = [BotCommand(name, en) for name, _, en in PUBLIC_COMMANDS]
    public_ar = [BotCommand(name, ar) for name, ar, _ in PUBLIC_COMMANDS]
    admin_en = public_en + [BotCommand(name, en) for name, _, en in ADMIN_COMMANDS]
    admin_ar = public_ar + [BotCommand(name, ar) for name, ar, _ in ADMIN_COMMANDS]
    await bot.set_my_commands(public_en)
    await bot.set_my_commands(public_ar, language_code="ar")
    for admin_id in sorted(settings.admin_ids):
        scope = BotCommandScopeChat(admin_id)
        try:
            await bot.set_my_commands(admin_en, scope=scope)
            await bot.set_my_commands(admin_ar, scope=scope, language_code="ar")
        except TelegramError as exc:  # e.g. the admin has not started a chat with the bot yet
            logger.warning("could not set the admin command menu for %s: %s", admin_id, exc)


@contextlib.asynccontextmanager
async def running(
    application: Application, *, webhook: Webhook | None = None, poll_timeout: float = 10
) -> AsyncIterator[Application]:
    """Run `application` (polling, or the webhook) for the duration of the `async with`."""
    try:
        async with application:
            svc = application.bot_data["services"]
            query_log = svc.query_log
            await query_log.start()
            try:
                await set_command_menus(application)
                await application.start()
                try:
                    if webhook is None:
                        await application.updater.start_polling(
                            allowed_updates=ALLOWED_UPDATES,
                            timeout=poll_timeout,
                            error_callback=log_polling_error,
                        )
                    else:
                        await application.updater.start_webhook(
                            listen=webhook.listen,
                            port=webhook.port,
                            url_path=urlsplit(webhook.url).path.lstrip("/"),
                            webhook_url=webhook.url,
                            secret_token=webhook_secret(webhook),
                            allowed_updates=ALLOWED_UPDATES,
                        )
                    heap.settle()  # what lives now lives until the bot stops (bot/heap.py)
                    svc.feeds.start()
                    yield application
                finally:
                    await svc.feeds.stop()
                    heap.thaw()
                    await stop_application(application)
            finally:
                await query_log.close()  # after the last update: the questions still waiting
    finally:
        # PTB closes its HTTP clients only after a complete start-up: a token Telegram rejects
        # stops it half way, with the clients open.
        for request in application.bot_data.get("http", ()):
            await request.shutdown()


async def open_engine(settings: Settings) -> Engine:
    """Open the store and bring it up to date with the corpus before the bot starts. Passages
    without vectors are embedded in the background: BM25 answers alone until they are."""
    engine = await Engine.open(settings.db_path, settings.corpus_dir, wait_for_dense=False)
    try:
        report = await engine.refresh(wait_for_dense=False)
    except BaseException:
        await engine.close()
        raise
    for error in report.errors:
        logger.warning("skipped %s", error)
    logger.info("corpus %s: %d documents, %d passages", engine.corpus_dir, report.documents, report.passages)
    return engine


async def serve(settings: Settings, webhook: Webhook | None = None) -> None:
    """Run the bot until SIGINT or SIGTERM."""
    engine = await open_engine(settings)
    try:
        application = build_application(settings, engine)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        async with running(application, webhook=webhook):
            logger.info("serving as @%s (%s)", application.bot.username, "webhook" if webhook else "polling")
            await stop.wait()
    finally:
        await engine.close()
