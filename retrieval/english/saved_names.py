"""The name index saved in the store beside the search index, so the first English question of
a process does not take the skeleton of every word of the corpus (seconds at 20,000 articles):
built when the search index changes, read back when it does not, parsed on first use."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3

from retrieval.english.names import NameIndex
from retrieval.index import SearchIndex
from retrieval.store import NAME_BLOBS, Store

log = logging.getLogger(__name__)


def signature(index: SearchIndex) -> bytes:
    """What the name index was built from: the index's documents and their versions."""
    state = json.dumps(sorted(index.data.signatures.items()), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(state).hexdigest().encode("ascii")


async def saved_name_blobs(store: Store, index: SearchIndex) -> dict[str, bytes]:
    """The name index's blobs for `index`: read from the store when saved for it, else built
    and saved now. Keys as NameIndex.to_blobs names them."""
    wanted = signature(index)

    def read() -> dict[str, bytes]:
        with store.snapshot() as snapshot:
            return snapshot.index_blobs(names=True)

    saved = await asyncio.to_thread(read)
    if saved.get(NAME_BLOBS + "signature") == wanted:
        return {name.removeprefix(NAME_BLOBS): data for name, data in saved.items()}
    blobs = await asyncio.to_thread(lambda: NameIndex(index.written_words()).to_blobs())
    try:
        await store.save_name_blobs(
            {NAME_BLOBS + name: data for name, data in blobs.items()} | {NAME_BLOBS + "signature": wanted}
        )
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not save the name index: %s", exc)  # built again at the next start
    return blobs
