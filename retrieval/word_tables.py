"""The corpus's words filed by skeleton for English names (retrieval/english/names.py) and for
Arabizi readings (retrieval/spelling.py), saved in the store beside the search index: the first
English or Arabizi question of a process took seconds to build them at 20,000 articles. Built
when the search index changes, read back when it does not, parsed when first used."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
from functools import cached_property

from retrieval.english.names import NameIndex
from retrieval.filed_words import FiledWords
from retrieval.index import SearchIndex
from retrieval.spelling import spelling_table
from retrieval.store import NAME_BLOBS, Store

log = logging.getLogger(__name__)
_TABLES = ("names", "spelling")


class WordTables:
    """The saved tables' blobs, parsed on first use."""

    def __init__(self, blobs: dict[str, bytes]):
        self._blobs = blobs

    def _table(self, name: str) -> FiledWords:
        return FiledWords.from_blobs(self._blobs[f"{name}.keys"], self._blobs[f"{name}.words"])

    @cached_property
    def names(self) -> FiledWords:
        return self._table("names")

    @cached_property
    def spelling(self) -> FiledWords:
        return self._table("spelling")


def signature(index: SearchIndex) -> bytes:
    """What the tables were built from: the index's documents and their versions."""
    state = json.dumps(sorted(index.data.signatures.items()), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(state).hexdigest().encode("ascii")


def _build(index: SearchIndex) -> dict[str, bytes]:
    words = index.written_words()
    blobs = {}
    for name, table in (("names", NameIndex(words).filed), ("spelling", spelling_table(words))):
        blobs[f"{name}.keys"], blobs[f"{name}.words"] = table.to_blobs()
    return blobs


async def word_tables(store: Store, index: SearchIndex) -> WordTables:
    """The tables for `index`: read from the store when saved for it, else built and saved."""
    wanted = signature(index)

    def read() -> dict[str, bytes]:
        with store.snapshot() as snapshot:
            return snapshot.index_blobs(names=True)

    saved = {name.removeprefix(NAME_BLOBS): data for name, data in (await asyncio.to_thread(read)).items()}
    if saved.get("signature") == wanted and all(f"{t}.keys" in saved for t in _TABLES):
        return WordTables(saved)
    blobs = await asyncio.to_thread(_build, index)
    try:
        await store.save_name_blobs({NAME_BLOBS + k: v for k, v in (blobs | {"signature": wanted}).items()})
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not save the word tables: %s", exc)  # built again at the next start
    return WordTables(blobs)
