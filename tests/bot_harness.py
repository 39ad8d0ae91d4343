"""Run the real corpusbot Application against the Bot API stub, on a temp copy of the bundled
corpus and a temp SQLite store. Shared by the tests/test_bot_*.py modules."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from botapi_stub import ApiCall, BotApiStub
from telegram.ext import Application

from bot.app import build_application, open_engine, running
from bot.config import BotApiPatience, Settings, load_settings
from bot.ratelimit import QuestionLimiter
from corpus import BUNDLED_CORPUS
from retrieval.engine import Engine

TOKEN = "123456:TEST-token_abcdefghijklmnop"
ADMIN_ID = 7001
USER_ID = 1001
SENTINEL_ID = 9999
WAIT = 10.0  # upper bound for wait_for; calls normally arrive in milliseconds
GENEVA_DOC = "003_b556f401f158842d"
GENEVA_HEADLINE = "موسكو وواشنطن: محادثات مكثفة في جنيف للحد من التسلح"
GENEVA_AR = "أين عقدت محادثات الاستقرار الاستراتيجي؟"
GENEVA_EN = "Where were the strategic stability talks held?"
UNRELATED_AR = "ما نتيجة مباراة ريال مدريد أمس؟"
UNRELATED_EN = "What was the score of the Real Madrid match?"
RLM = "\u200f"
# An article the bundled corpus does not have, and a question only it answers.
NEW_ARTICLE = """---
title: زيلاندوفيا تفتتح جسر الصداقة
source: وكالة الاختبار
date: 2021-10-05
---
زيلاندوفيا تفتتح جسر الصداقة

افتتحت مدينة زيلاندوفيا اليوم جسر الصداقة الجديد فوق نهر الفضة بعد ثلاث سنوات من العمل.

وقال رئيس البلدية إن الجسر سيختصر زمن الرحلة بين ضفتي النهر إلى عشر دقائق فقط.
"""
NEW_QUESTION = "متى افتتحت زيلاندوفيا جسر الصداقة؟"


def plain(message_html: str) -> str:
    """What a user sees of an HTML message text (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", message_html))


def copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return corpus


@dataclass
class Bot:
    """A running bot and the stub it talks to."""

    stub: BotApiStub
    app: Application
    engine: Engine
    settings: Settings
    corpus: Path

    @property
    def username(self) -> str:
        return self.stub.username

    async def reply_to(self, update: dict, method: str = "sendMessage", **match: object) -> ApiCall:
        """The next successful `method` call sent to the injected update's chat."""
        message = update.get("message") or update.get("channel_post") or {}
        chat_id = message.get("chat", {}).get("id")
        return await self.next_call(method, chat_id=chat_id, **match)

    async def next_call(
        self,
        method: str = "sendMessage",
        *,
        chat_id: int | None = None,
        timeout: float = WAIT,
        **match: object,
    ) -> ApiCall:
        def wanted(call: ApiCall) -> bool:
            if not call.ok:
                return False
            if chat_id is not None and str(call.params.get("chat_id")) != str(chat_id):
                return False
            return all(call.params.get(key) == value for key, value in match.items())

        return await self.stub.wait_for(method, wanted, timeout=timeout)

    async def private(self, text: str, **kwargs: object) -> ApiCall:
        """A private message and the bot's (first) reply to it."""
        update = self.stub.inject_private_message(text, **kwargs)
        return await self.reply_to(update)

    async def settle(self, since: int = 0) -> list[ApiCall]:
        """Messages the bot sent (from call number `since` on) while handling the updates
        injected so far, besides its reply to the sentinel.

        Once the bot has answered a sentinel injected last, it has taken every earlier update
        from its queue; once the queue is joined, it has finished handling them (concurrently
        across chats): silence is proven without sleeping."""
        sentinel = self.stub.inject_private_message("/about", user_id=SENTINEL_ID)
        await self.reply_to(sentinel)
        await self.app.update_queue.join()
        return [
            c
            for c in self.stub.calls[since:]
            if c.method in ("sendMessage", "editMessageText")
            and str(c.params.get("chat_id")) != str(SENTINEL_ID)
        ]

    async def query_rows(self) -> list[tuple]:
        """The logged questions, those still waiting for the query log's next write included."""
        import sqlite3

        await self.app.bot_data["services"].query_log.flush()

        with contextlib.closing(sqlite3.connect(self.engine.store.path)) as db:
            return db.execute(
                "SELECT question, lang, chat_type, user_id, answered, results FROM queries ORDER BY id"
            ).fetchall()

    def feedback_rows(self) -> list[tuple]:
        import sqlite3

        with contextlib.closing(sqlite3.connect(self.engine.store.path)) as db:
            return db.execute(
                "SELECT query_id, passage_id, user_id, value FROM feedback ORDER BY id"
            ).fetchall()


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path,
    *,
    corpus: Path | None = None,
    bundled: bool = False,
    admin_ids: tuple[int, ...] = (ADMIN_ID,),
    limiter: QuestionLimiter | None = None,
    max_upload_bytes: int | None = None,
    env: dict[str, str] | None = None,
    patience: BotApiPatience | None = None,
) -> AsyncIterator[Bot]:
    """The real Application long-polling a fresh stub, on a temp corpus copy and a temp store
    (or, with `bundled`, on the bundled corpus itself, as when CORPUSBOT_CORPUS is not set);
    `patience`: Bot API retry timings, shortened for fault tests."""
    corpus = BUNDLED_CORPUS if bundled else corpus or copy_corpus(tmp_path)
    async with BotApiStub() as stub:
        settings = load_settings(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": stub.base_url,
                "TELEGRAM_FILE_BASE_URL": stub.base_file_url,
                "CORPUSBOT_ADMIN_IDS": ",".join(map(str, admin_ids)),
                "CORPUSBOT_DB": str(tmp_path / "store.sqlite3"),
                **({} if bundled else {"CORPUSBOT_CORPUS": str(corpus)}),
                **(env or {}),
            },
            env_file=tmp_path / "no.env",
        )
        if patience is not None:
            settings = dataclasses.replace(settings, patience=patience)
        engine = await open_engine(settings)
        try:
            extra = {"max_upload_bytes": max_upload_bytes} if max_upload_bytes else {}
            application = build_application(settings, engine, limiter=limiter, **extra)
            async with running(application, poll_timeout=1):
                yield Bot(stub, application, engine, settings, corpus)
        finally:
            await engine.close()
