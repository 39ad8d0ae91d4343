"""Keep the garbage collector's full passes short while the bot runs.

A full collection walks every object the collector tracks: the modules of the bot,
python-telegram-bot and aiohttp, the index, its caches. In the serving bot that stopped the
event loop for 70-100 ms several times a minute under load, the worst of its latencies. What is
alive once the bot has started, or once a reindex has swapped its index in, stays alive: it is
frozen out of those passes (`gc.freeze`). Unfreezing and collecting first, at each settle, frees
whatever cycles the replaced index left behind.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect, then freeze what is still alive (one full pass now instead of many later)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Back to ordinary collection, when the bot stops."""
    gc.unfreeze()
