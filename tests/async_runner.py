"""Run an async test body in a fresh event loop, strictly: tasks left pending after it, or
resource, runtime and python-telegram-bot warnings raised during it, fail the test."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Awaitable, Callable

from telegram.warnings import PTBUserWarning


def run(body: Callable[[], Awaitable[None]]) -> None:
    """Run `body` in a fresh event loop; fail on tasks left pending or on PTB/resource warnings."""

    async def main() -> None:
        await body()
        current = asyncio.current_task()
        leftovers = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
        assert not leftovers, f"tasks still pending after shutdown: {leftovers}"

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(main())
        gc.collect()
    noisy = [w for w in caught if issubclass(w.category, (ResourceWarning, RuntimeWarning, PTBUserWarning))]
    assert not noisy, [str(w.message) for w in noisy]
