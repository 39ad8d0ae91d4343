"""Loading the search index without rebuilding it: the arrays saved in the store are read back
and brought up to date with the store's documents by a delta (the passages of changed, added and
removed documents), or built from the stored passage terms when nothing usable is saved. Any
new state is saved again, so the next start loads arrays instead of tokenizing anything.

A refresh passes the index that is serving as `previous`: only what changed is read from the
store, and the old index keeps answering until the new one is returned.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from dataclasses import dataclass, replace

import numpy as np

from retrieval.index import SearchIndex
from retrieval.index_arrays import IndexData, IndexDataError
from retrieval.store import Store
from retrieval.store_snapshot import StoreSnapshot
from retrieval.stored_documents import StoredDocuments

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Loaded:
    data: IndexData
    documents: StoredDocuments
    changed: bool


async def load_search_index(store: Store, previous: SearchIndex | None = None) -> SearchIndex:
    """The search index for the store's current passages (see the module's docstring)."""
    loaded = await asyncio.to_thread(_load, store.snapshot(), previous)
    index = await asyncio.to_thread(SearchIndex, loaded.documents, (), loaded.data)
    if loaded.changed:
        blobs = await asyncio.to_thread(loaded.data.to_blobs)
        try:
            await store.save_index_blobs(blobs)
        except (sqlite3.Error, OSError) as exc:
            # The index serves all the same; the next start updates the older saved one.
            log.warning("could not save the search index: %s", exc)
    return index


def _load(snapshot: StoreSnapshot, previous: SearchIndex | None) -> _Loaded:
    with snapshot:
        if previous is None:
            # Every document's row is read at a start: the hashes in them sign the documents.
            documents = snapshot.documents()
            signatures = snapshot.document_signatures(documents.content_hashes())
            data = _saved(snapshot)
        else:
            signatures = snapshot.document_signatures()
            data, documents = previous.data, None
        if data is not None and len(data.passages) and not data.signatures:
            data = None  # built from passages alone (tests): nothing to diff against
        if data is not None:
            stale = [d for d, s in data.signatures.items() if signatures.get(d) != s]
            fresh = sorted(d for d, s in signatures.items() if data.signatures.get(d) != s)
            if 2 * len(fresh) > len(signatures):
                data = None  # mostly new (a first build): streaming every row is cheaper
        if data is None:
            data = IndexData.build(snapshot.passage_rows())
            data = replace(data, signatures=signatures)
            return _Loaded(data, documents if documents is not None else snapshot.documents(), changed=True)
        if documents is None:
            documents = previous.documents.updated(set(stale), snapshot.documents(fresh))
        if not stale and not fresh:
            return _Loaded(data, documents, changed=False)
        table = data.passages
        gone = set(stale)
        stale_numbers = [i for i, doc_id in enumerate(table.doc_ids) if doc_id in gone]
        removed = table.pids[np.isin(table.doc_index, stale_numbers)]
        added = list(snapshot.passage_rows(fresh))
        updated = replace(data.updated(removed, added), signatures=signatures)
        return _Loaded(updated, documents, changed=True)


def _saved(snapshot: StoreSnapshot) -> IndexData | None:
    blobs = snapshot.index_blobs()
    if not blobs:
        return None
    try:
        return IndexData.from_blobs(blobs)
    except IndexDataError as exc:
        log.warning("rebuilding the search index: %s", exc)
        return None
