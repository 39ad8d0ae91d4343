"""A large refresh reads files in worker processes; the store it writes is the same."""

from __future__ import annotations

import asyncio
import shutil

from corpus import BUNDLED_CORPUS
from retrieval import indexer
from retrieval.store import Store


async def stored(db, corpus, progress=None):
    store = await Store.open(db)
    try:
        report = await indexer.refresh_store(store, corpus, progress)
        passages = [(p.doc_id, p.ordinal, p.start, p.end, p.terms) for p in await store.passages()]
        return report, passages
    finally:
        await store.close()


def test_parallel_reading_writes_what_sequential_reading_writes(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    (corpus / "broken.jsonl").write_text("not json\n", encoding="utf-8")
    sequential = asyncio.run(stored(tmp_path / "a.sqlite3", corpus))
    monkeypatch.setattr(indexer, "PARALLEL_FROM_FILES", 1)
    seen = []
    parallel = asyncio.run(stored(tmp_path / "b.sqlite3", corpus, lambda *progress: seen.append(progress)))
    assert parallel[1] == sequential[1] and len(parallel[1]) > 20
    assert parallel[0].added == sequential[0].added and len(parallel[0].errors) == 1
    assert seen[-1] == (6, 6)
