"""Calls to a Bot API that fails for a while: server errors (5xx) and lost connections are retried
a few times with a growing pause, on top of AIORateLimiter's handling of flood control (429).

Requests Telegram rejected (400 Bad Request, 403 Forbidden...) are not retried, nor requests that
timed out while waiting for the answer, which Telegram may well have carried out. A server error
or a dropped connection is retried although Telegram might, rarely, have carried it out too: a
lost answer is worse than a rare duplicate. Polling (getUpdates) has its own retry loop in PTB,
with pauses growing to 30 s; `log_polling_error` makes each failure one log line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter

from bot.http import NotSent

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


def worth_retrying(error: NetworkError) -> bool:
    """A server error or a failed connection, not a rejection or a request that may have run."""
    if isinstance(error, BadRequest):
        return False
    if isinstance(error, TimedOut):  # only when the request never left: connect or pool timeout
        return isinstance(error, NotSent)
    return True


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries server errors and lost connections, `retries` times,
    pausing `first_pause` seconds and doubling the pause each time."""

    def __init__(self, *, retries: int = 5, first_pause: float = 0.5, **kwargs: Any):
        super().__init__(**kwargs)
        self.retries = retries
        self.first_pause = first_pause

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        for attempt in range(self.retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as error:
                if attempt == self.retries or not worth_retrying(error):
                    raise
                pause = self.first_pause * 2**attempt
                logger.warning(
                    "%s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    error,
                    attempt + 1,
                    self.retries,
                    pause,
                )
                await asyncio.sleep(pause)
        raise AssertionError("unreachable")


def log_polling_error(error: TelegramError) -> None:
    """A failed getUpdates, as one line: PTB retries it, and a traceback per failure would
    bury the log during a Telegram outage."""
    logger.warning("polling failed (%s: %s); PTB retries with a growing pause", type(error).__name__, error)
