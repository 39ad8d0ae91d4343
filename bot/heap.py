"""Keep the garbage collector's full passes short while the bot runs.

A full collection walks every object the collector tracks: the modules of the bot,
python-telegram-bot and aiohttp, the index, its caches. In the serving bot that stopped the
event loop for 70-100 ms several times a minute under load, the worst of its latencies. What is
alive once the bot has started, or once a reindex has swapped its index in, stays alive: it is
frozen out of those passes (`gc.freeze`).

A reindex freezes without collecting first (that pass alone held answers up by ~70 ms). The
index it replaces is freed by reference counting, having no cycles (tests/test_heap.py); what
stays behind until the bot stops is only the cyclic garbage of objects that were in flight at
a reindex and have died since, a few kilobytes a reindex.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """At start-up: collect, then freeze what is still alive."""
    gc.collect()
    gc.freeze()


def keep() -> None:
    """After a reindex: freeze what is alive now, the new index with it, without a full pass."""
    gc.freeze()


def thaw() -> None:
    """Back to ordinary collection, when the bot stops."""
    gc.unfreeze()
