"""What every handler shares: the engine, the settings, the question limiter, the reindexer,
the feed poller, the question log and the button signer.

It lives in `application.bot_data["services"]`; handlers reach it with `services(context)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from telegram.ext import ContextTypes

from bot import heap
from bot.button_signing import ButtonSigner
from bot.config import Settings
from bot.ratelimit import QuestionLimiter
from corpus import BUNDLED_CORPUS
from retrieval.engine import Engine, QueryLog
from retrieval.models import RefreshReport, WebConfig, WebReport

logger = logging.getLogger(__name__)

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


class FeedPoller:
    """Runs every fetch of the bot, one at a time: the periodic poll and the admins' additions."""

    def __init__(self, engine: Engine, config: WebConfig, reindexer: Reindexer):
        self.engine = engine
        self.config = config
        self.reindexer = reindexer
        self._task: asyncio.Task[None] | None = None
        self._poll: asyncio.Task[WebReport] | None = None

    @property
    def writable(self) -> bool:
        return self.engine.corpus_dir.resolve() != BUNDLED_CORPUS.resolve()

    async def run(self, *, urls: tuple[str, ...] = (), poll: bool = False) -> WebReport:
        """Fetch (add `urls`, poll the due feeds), then index what was written: one corpus
        change at a time with uploads and removals (`Reindexer.writing`)."""
        async with self.reindexer.writing:
            report = await self.engine.collect_news(self.config, urls=urls, poll=poll)
            if report.written:
                await self.reindexer.refresh()
            return report

    def start(self) -> None:
        """Poll in the background every `poll_minutes` (0: never), first right away."""
        if self.config.poll_minutes > 0 and self.writable:
            self._task = asyncio.create_task(self._poll_forever(), name="feed poller")

    async def stop(self) -> None:
        """Stop polling; a poll under way may finish (its requests are bounded by the timeout)
        so that no connection is left half open."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._poll is not None and not self._poll.done():
            try:
                await asyncio.wait_for(self._poll, self.config.timeout + 5)
            except Exception:  # timed out (then cancelled) or failed: the log has it already
                logger.warning("stopped with a feed poll unfinished")

    async def _poll_forever(self) -> None:
        while True:
            try:
                self._poll = asyncio.create_task(self.run(poll=True), name="feed poll")
                report = await asyncio.shield(self._poll)
                if report.feeds_polled:
                    logger.info(
                        "polled %d feeds: %d new, %d updated articles, %d unchanged, %d failures",
                        report.feeds_polled, len(report.added), len(report.updated),
                        report.not_modified, len(report.failed),
                    )  # fmt: skip
            except Exception:  # the next poll tries again; answering goes on regardless
                logger.exception("polling the feeds failed")
            await asyncio.sleep(self.config.poll_minutes * 60)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    limiter: QuestionLimiter
    reindexer: Reindexer
    feeds: FeedPoller
    query_log: QueryLog
    buttons: ButtonSigner
    max_upload_bytes: int

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data["services"]
