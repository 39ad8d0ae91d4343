"""bot/heap.py: what is alive at start-up, and after each reindex, is frozen out of the
collector's passes while the bot runs; a replaced index is freed without them; the bot thaws
when it stops."""

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


def test_frozen_objects_are_out_of_collections_until_thawed() -> None:
    cycle = Cycle()
    alive = weakref.ref(cycle)
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert alive() is not None  # frozen: a full collection does not look at it
    finally:
        heap.thaw()
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None


def test_a_reindex_freezes_the_new_index_and_frees_the_old_one_without_a_collection(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            assert gc.get_freeze_count() > 0
            old = bot.engine.index
            bot.engine.answer("محادثات جنيف", 4)  # fills the passage table's cache
            gone = [weakref.ref(old), weakref.ref(old.passages), weakref.ref(old.data)]
            del old
            (bot.corpus / "extra.txt").write_text("عنوان\n\nنص جديد عن محادثات جنيف.", encoding="utf-8")
            gc.disable()
            try:
                await bot.app.bot_data["services"].reindexer.refresh()
                assert [ref() for ref in gone] == [None, None, None]
            finally:
                gc.enable()
        assert gc.get_freeze_count() == 0

    run(body)
