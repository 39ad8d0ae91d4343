"""How a store stands, read without changing anything (safe next to a running bot): schema,
integrity, passage vectors, and what a refresh would apply. `corpusbot doctor` words it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from retrieval.file_changes import file_changes
from retrieval.models import CorpusError, Freshness, StoreHealth, VectorHealth
from retrieval.refresh import ANALYSIS_VERSION, reported_problems
from retrieval.sources.base import CorpusFile
from retrieval.sources.corpus_files import walk_corpus
from retrieval.store import Store, schema_problem


async def inspect_store(path: Path, corpus: Path | None) -> StoreHealth:
    """The health of the store at `path`, opened read-only; `corpus` defaults to the one it was
    built from, else the bundled corpus."""
    if not path.exists():
        return StoreHealth(path, "missing")
    try:
        store = await Store.open_read_only(path)
    except sqlite3.Error as exc:
        return StoreHealth(path, "cannot_open", str(exc))
    try:
        return await _inspect(store, path, corpus)
    finally:
        await store.close()


async def _inspect(store: Store, path: Path, corpus: Path | None) -> StoreHealth:
    try:
        version = await store.get_meta("schema_version")
    except sqlite3.DatabaseError as exc:
        return StoreHealth(path, "not_corpusbot", str(exc))
    if problem := schema_problem(path, version):
        return StoreHealth(path, "schema", problem)
    try:
        intact, reason = await store.integrity_ok(), ""
    except sqlite3.DatabaseError as exc:
        intact, reason = False, str(exc)
    if not intact:
        return StoreHealth(path, "integrity", reason)
    documents, passages = await store.counts()
    indexed_at = await store.get_meta("indexed_at") or "never"
    if corpus is None:
        recorded = await store.get_meta("corpus_dir")
        corpus = Path(recorded) if recorded else None
    return StoreHealth(
        path,
        documents=documents,
        passages=passages,
        indexed_at=indexed_at,
        vectors=await _vectors(store),
        freshness=await freshness(store, corpus),
        skipped=await reported_problems(store),
    )


async def _vectors(store: Store) -> VectorHealth | None:
    """None when dense retrieval is off: the vectors are then unused."""
    from retrieval.embedder import dense_enabled, load_embedder
    from retrieval.embedding import stored_progress
    from retrieval.vectors import usable_vectors

    embedder = load_embedder() if dense_enabled() else None
    if embedder is None:
        return None
    stored = await store.embeddings(embedder.name)
    damaged = len(stored) - len(usable_vectors(stored, embedder.dim))
    if damaged:
        return VectorHealth(len(stored), damaged, embedder.dim)
    progress = await stored_progress(store, set(stored))
    return VectorHealth(len(stored), 0, embedder.dim, progress.covered, progress.line())


async def freshness(store: Store, corpus: Path | None) -> Freshness:
    """Files added, changed or removed since the last refresh, by the refresh's own rule."""
    if corpus is None:
        from corpus import BUNDLED_CORPUS

        corpus = BUNDLED_CORPUS
    if not corpus.is_dir():
        return Freshness(corpus, found=False)
    walk = walk_corpus(corpus)
    if walk.unreadable:
        return Freshness(corpus, unreadable=dict(walk.unreadable))
    files = {source.name: source for source in walk.sources}
    if not files:
        return Freshness(corpus)
    known = await store.file_states()
    analysis = await store.get_meta("analysis_version")
    if known and analysis != ANALYSIS_VERSION:
        return Freshness(corpus, files=len(files), analysis=analysis or "?")
    changes = file_changes({name: source.stamp() for name, source in sorted(files.items())}, known)
    changed = [name for name in changes.touched if _changed(files[name], known[name].sha256)]
    return Freshness(corpus, True, len(files), None, changes.new, changed, changes.removed)


def _changed(source: CorpusFile, sha256: str) -> bool:
    """Whether a touched file's content differs from what was indexed, by the fingerprint the
    refresh compares (a file too large to index counts as changed: the refresh will say so)."""
    try:
        return source.fingerprint() != sha256
    except CorpusError:
        return True
