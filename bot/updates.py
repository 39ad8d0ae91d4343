"""Updates handled concurrently, but one chat's in the order they came.

Handled one at a time (python-telegram-bot's default), every question waits for the previous
one's round trips to Telegram and SQLite, and the bot answers fewer than a hundred a second
however idle its core. Handled all at once, two questions sent in a row by one user could be
answered in the wrong order, or a "more results" press overtake the answer it pages. So updates
of different chats run concurrently (up to `max_concurrent_updates`), those of one chat (or of
one user, for inline queries) one after the other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 64


def ordering_key(update: object) -> int | None:
    """The chat whose updates must stay in order (for an inline query: its user)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within each chat."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES):
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}  # lock, updates holding or awaiting it
        self._handling: set[asyncio.Task[Any]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handling.add(task)
        try:
            await self._in_chat_order(update, coroutine)
        finally:
            self._handling.discard(task)

    async def _in_chat_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._chats.get(key) or (asyncio.Lock(), 0)
        self._chats[key] = (lock, users + 1)
        try:
            async with lock:  # asyncio.Lock wakes its waiters first come, first served
                await coroutine
        finally:
            lock, users = self._chats[key]
            if users == 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, users - 1)

    def abandon(self) -> int:
        """Cancel the handling of every update in hand (a stop that cannot wait); how many."""
        for task in self._handling:
            task.cancel()
        return len(self._handling)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
