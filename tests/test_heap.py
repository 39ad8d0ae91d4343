"""bot/heap.py: what is alive at a settle is frozen out of the collector's passes while the bot
runs; the next settle frees the cycles dropped meanwhile, and the bot thaws when it stops."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from async_runner import run
from bot_harness import running_bot

from bot import heap


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_settle_freezes_the_living_and_the_next_one_frees_dropped_cycles() -> None:
    cycle = Cycle()
    alive = weakref.ref(cycle)
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert alive() is not None  # frozen: a full collection does not look at it
        heap.settle()
        assert alive() is None
    finally:
        heap.thaw()
    assert gc.get_freeze_count() == 0


def test_the_running_bot_is_frozen_reindexing_settles_and_stopping_thaws(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            assert gc.get_freeze_count() > 0
            cycle = Cycle()
            alive = weakref.ref(cycle)
            heap.settle()
            del cycle
            await bot.app.bot_data["services"].reindexer.refresh()
            assert alive() is None
        assert gc.get_freeze_count() == 0

    run(body)
