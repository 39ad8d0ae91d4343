"""A per-user limit on questions: at most `limit` in any `period` seconds.

Outgoing messages are paced separately by python-telegram-bot's AIORateLimiter; this only keeps
one user from monopolising the bot. A user over the limit is told once per period, then ignored
until the period frees a slot, so a flood of questions cannot become a flood of refusals.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

# Users remembered at once (those who asked within the last period): each costs under a kilobyte.
MAX_TRACKED_USERS = 20_000


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    notify: bool = False  # a refused question whose asker has not been told yet in this period
    retry_after: float = 0.0

    @property
    def wait_seconds(self) -> int:
        return max(1, math.ceil(self.retry_after))


class QuestionLimiter:
    """Sliding-window counter of questions per user.

    Only users who asked within the last period are remembered, and at most `max_users` of them
    (past that, the longest quiet are forgotten first), so memory stays bounded however many
    users the bot has ever seen."""

    def __init__(
        self,
        limit: int = 12,
        period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = MAX_TRACKED_USERS,
    ):
        self.limit = limit
        self.period = period
        self.max_users = max_users
        self._clock = clock
        # Ordered by each user's latest counted question, oldest first.
        self._asked: OrderedDict[int, deque[float]] = OrderedDict()
        self._told: dict[int, float] = {}

    def check(self, user_id: int) -> Verdict:
        """Count a question from `user_id` if allowed; say whether to answer it."""
        now = self._clock()
        self._forget_idle(now)
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - self.period:
            asked.popleft()
        if len(asked) < self.limit:
            asked.append(now)
            self._asked.move_to_end(user_id)
            self._told.pop(user_id, None)
            return Verdict(allowed=True)
        retry_after = asked[0] + self.period - now
        told_at = self._told.get(user_id)
        notify = told_at is None or told_at <= now - self.period
        if notify:
            self._told[user_id] = now
        return Verdict(allowed=False, notify=notify, retry_after=retry_after)

    def _forget_idle(self, now: float) -> None:
        """Forget users whose last question is a period old (nothing of theirs counts any more),
        and the longest quiet while one more would exceed `max_users`; oldest first, so each
        call stops at the first user it keeps."""
        while self._asked:
            user_id, asked = next(iter(self._asked.items()))
            idle = not asked or asked[-1] <= now - self.period
            if not idle and len(self._asked) < self.max_users:
                return
            del self._asked[user_id]
            self._told.pop(user_id, None)
