"""Calls to a Bot API in trouble. Flood control (429) is waited out however often it comes, and
server errors (5xx) and lost connections are retried with a growing pause, each within a total
time (`BotApiPatience` in bot/config.py) after which the request is given up.

Requests Telegram rejected (400 Bad Request, 403 Forbidden...) are not retried, nor requests that
timed out while waiting for the answer, which Telegram may well have carried out: sending those
again could duplicate a message, and the error handler does not apologise for them either
(bot/errors.py). A server error or a dropped connection is retried although Telegram might,
rarely, have carried it out too: a lost answer is worse than a rare duplicate. Polling
(getUpdates) has its own retry loop in PTB, with pauses growing to 30 s; `log_polling_error`
makes each failure one log line.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter

from bot.config import BotApiPatience
from bot.http import NotSent

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


def may_have_run(error: BaseException) -> bool:
    """A request that timed out after it was sent: Telegram may have carried it out."""
    return isinstance(error, TimedOut) and not isinstance(error, NotSent)


def worth_retrying(error: NetworkError) -> bool:
    """A server error or a failed connection, not a rejection or a request that may have run."""
    return not isinstance(error, BadRequest) and not may_have_run(error)


def retry_after_seconds(error: RetryAfter) -> float:
    # Read as PTB's AIORateLimiter reads it: the public attribute warns until PTB 23.
    return error._retry_after.total_seconds()


class _FloodWaitTooLong(Exception):
    """Carries the 429 past AIORateLimiter, which would wait it out once more."""

    def __init__(self, error: RetryAfter):
        super().__init__(str(error))
        self.error = error


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that waits out flood control for up to a total time instead of a number
    of times, and retries server errors and lost connections within `patience` too."""

    def __init__(self, patience: BotApiPatience, **kwargs: Any):
        super().__init__(max_retries=sys.maxsize, **kwargs)  # bounded by time below instead
        self.patience = patience

    def _within_flood_wait_limit(
        self, callback: Callable[..., Coroutine[Any, Any, JSONResult]], endpoint: str
    ) -> Callable[..., Coroutine[Any, Any, JSONResult]]:
        waited = 0.0

        async def attempt(*args: Any, **kwargs: Any) -> JSONResult:
            nonlocal waited
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                waited += retry_after_seconds(error)
                if waited > self.patience.flood_wait_limit:
                    raise _FloodWaitTooLong(error) from error
                logger.info(
                    "%s: flood control, waiting %.0f s (%.0f s so far)",
                    endpoint,
                    retry_after_seconds(error),
                    waited,
                )
                raise

        return attempt

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        attempt = self._within_flood_wait_limit(callback, endpoint)
        patience = self.patience
        outage_limit = patience.start_limit if endpoint == "getMe" else patience.outage_limit
        pause, outage_since = patience.first_pause, None
        while True:
            try:
                return await super().process_request(attempt, args, kwargs, endpoint, data, rate_limit_args)
            except _FloodWaitTooLong as gave_up:
                logger.warning(
                    "%s given up: flood control for over %.0f s", endpoint, patience.flood_wait_limit
                )
                raise gave_up.error from None
            except NetworkError as error:
                if not worth_retrying(error):
                    raise
                now = time.monotonic()
                outage_since = outage_since or now
                if now - outage_since + pause > outage_limit:
                    logger.warning(
                        "%s failed (%s); given up after %.0f s", endpoint, error, now - outage_since
                    )
                    raise
                logger.warning("%s failed (%s); retrying in %.1f s", endpoint, error, pause)
                await asyncio.sleep(pause)
                pause = min(2 * pause, patience.max_pause)


def log_polling_error(error: TelegramError) -> None:
    """A failed getUpdates, as one line: PTB retries it, and a traceback per failure would
    bury the log during a Telegram outage."""
    logger.warning("polling failed (%s: %s); PTB retries with a growing pause", type(error).__name__, error)
