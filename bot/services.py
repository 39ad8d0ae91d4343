"""What every handler shares: the engine, the settings, the question limiter, the reindexer,
the question log and the button signer.

It lives in `application.bot_data["services"]`; handlers reach it with `services(context)`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from telegram.ext import ContextTypes

from bot import heap
from bot.button_signing import ButtonSigner
from bot.config import Settings
from bot.ratelimit import QuestionLimiter
from retrieval.engine import Engine, QueryLog
from retrieval.models import RefreshReport

PAGE_SIZE = 3  # results per answer message; "more results" shows the next PAGE_SIZE


class Reindexer:
    """Runs engine refreshes one at a time. `/reindex` runs in the background (`task`) so the
    bot keeps answering from the current index, and every admin who asks while it runs gets its
    report; uploads and removals change the corpus one at a time (`writing`) and wait their turn."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.task: asyncio.Task[RefreshReport] | None = None
        self.writing = asyncio.Lock()
        self._lock = asyncio.Lock()

    @property
    def running(self) -> bool:
        """A `/reindex` is under way (its report is still to come)."""
        return self.task is not None and not self.task.done()

    def reindex(self) -> asyncio.Task[RefreshReport]:
        """The `/reindex` under way, or a new one: whoever asks awaits the same report."""
        if not self.running:
            self.task = asyncio.create_task(self.refresh())
        return self.task

    async def refresh(self) -> RefreshReport:
        async with self._lock:
            report = await self.engine.refresh()
            heap.keep()  # the new index is long-lived (bot/heap.py)
            return report


@dataclass
class Services:
    settings: Settings
    engine: Engine
    limiter: QuestionLimiter
    reindexer: Reindexer
    query_log: QueryLog
    buttons: ButtonSigner
    max_upload_bytes: int

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data["services"]
