"""A large refresh reads files in worker processes; the store it writes is the same."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys

from corpus import BUNDLED_CORPUS
from retrieval import refresh
from retrieval.store import Store


async def stored(db, corpus, progress=None):
    store = await Store.open(db)
    try:
        report = await refresh.refresh_store(store, corpus, progress)
        passages = [(p.doc_id, p.ordinal, p.start, p.end, p.terms) for p in await store.passages()]
        return report, passages
    finally:
        await store.close()


def test_parallel_reading_writes_what_sequential_reading_writes(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    (corpus / "broken.jsonl").write_text("not json\n", encoding="utf-8")
    sequential = asyncio.run(stored(tmp_path / "a.sqlite3", corpus))
    monkeypatch.setattr(refresh, "PARALLEL_FROM_FILES", 1)
    seen = []
    parallel = asyncio.run(stored(tmp_path / "b.sqlite3", corpus, lambda *progress: seen.append(progress)))
    assert parallel[1] == sequential[1] and len(parallel[1]) > 20
    assert parallel[0].added == sequential[0].added and len(parallel[0].errors) == 1
    assert seen[-1] == (6, 6)


SCRIPT_WITHOUT_MAIN_GUARD = """
import asyncio, sys
from pathlib import Path
from retrieval import refresh
from retrieval.store import Store

refresh.PARALLEL_FROM_FILES = 1

async def main():
    store = await Store.open(Path(sys.argv[1]))
    try:
        report = await refresh.refresh_store(store, Path(sys.argv[2]))
        print(report.documents)
    finally:
        await store.close()

asyncio.run(main())
"""


def test_workers_that_cannot_start_fall_back_to_one_process(tmp_path):
    """Spawned workers re-import the main script; without a main guard they fail to start."""
    script = tmp_path / "script.py"
    script.write_text(SCRIPT_WITHOUT_MAIN_GUARD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "s.sqlite3"), str(corpus)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "5"
    assert "indexing in one process" in done.stderr
