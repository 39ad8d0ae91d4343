"""A per-user limit on questions: at most `limit` in any `period` seconds.

Outgoing messages are paced separately by python-telegram-bot's AIORateLimiter; this only keeps
one user from monopolising the bot. A user over the limit is told once per period, then ignored
until the period frees a slot, so a flood of questions cannot become a flood of refusals.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    notify: bool = False  # a refused question whose asker has not been told yet in this period
    retry_after: float = 0.0

    @property
    def wait_seconds(self) -> int:
        return max(1, math.ceil(self.retry_after))


class QuestionLimiter:
    """Sliding-window counter of questions per user."""

    def __init__(self, limit: int = 12, period: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.period = period
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}

    def check(self, user_id: int) -> Verdict:
        """Count a question from `user_id` if allowed; say whether to answer it."""
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - self.period:
            asked.popleft()
        if len(asked) < self.limit:
            asked.append(now)
            self._told.pop(user_id, None)
            return Verdict(allowed=True)
        retry_after = asked[0] + self.period - now
        told_at = self._told.get(user_id)
        notify = told_at is None or told_at <= now - self.period
        if notify:
            self._told[user_id] = now
        self._forget_idle(now)
        return Verdict(allowed=False, notify=notify, retry_after=retry_after)

    def _forget_idle(self, now: float) -> None:
        if len(self._asked) > 10_000:
            for user_id in [u for u, q in self._asked.items() if not q or q[-1] <= now - self.period]:
                del self._asked[user_id]
                self._told.pop(user_id, None)
