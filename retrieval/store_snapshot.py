"""A consistent read-only view of the store for worker threads: what loading the search index
reads (documents, passage rows, the saved index's blobs), all from one read transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

from retrieval.store_index_blobs import SIDE_BLOBS
from retrieval.stored_documents import RAW_COLUMNS, StoredDocuments

_IN_BATCH = 500
# Reads map the file rather than copy each page through a read() call: a start reads most of
# the store (quick_check every page, every document, the saved index), and at 20,000 articles
# the copies were a sixth of a cold `ask`'s CPU. SQLite caps the map at its compiled limit (2 GB).
MMAP_BYTES = 1 << 40


class StoreSnapshot:
    """Synchronous reads from one read transaction on its own connection, so that a worker
    thread can load the index without blocking the event loop, and everything it reads belongs
    to the same committed state. Use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> StoreSnapshot:
        uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
        self._db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        self._db.execute("BEGIN")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._db is not None:
            self._db.execute("COMMIT")
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("StoreSnapshot used outside its with block")
        return self._db

    def document_signatures(self, hashes: Mapping[str, str] | None = None) -> dict[str, str]:
        """Per document, what changes whenever its passages are rewritten: its content hash,
        first passage id and passage count, and the analysis version that made their terms (a
        re-analysis rewrites every passage of unchanged text, and SQLite hands the same passage
        ids out again once all rows are gone). `hashes`: every document's content hash, when
        the caller has read its row in this snapshot already (a start reads every row anyway:
        56 -> 36 ms of CPU at 20,000 articles); else read here."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'analysis_version'").fetchone()
        version = row[0] if row else ""
        if hashes is None:
            hashes = dict(self.db.execute("SELECT doc_id, content_hash FROM documents ORDER BY doc_id"))
        sql = "SELECT doc_id, MIN(pid), COUNT(pid) FROM passages GROUP BY doc_id"
        runs = {r[0]: f"{r[1]}:{r[2]}" for r in self.db.execute(sql)}
        return {doc_id: f"{h}:{runs.get(doc_id, 'None:0')}:{version}" for doc_id, h in hashes.items()}

    def passage_rows(self, doc_ids: list[str] | None = None) -> Iterator[tuple]:
        """(pid, doc_id, ordinal, start, end, terms) in pid order, of every passage or of those
        of `doc_ids`; terms as stored, one string of space-separated terms."""
        columns = "pid, doc_id, ordinal, start, end, terms"
        if doc_ids is None:
            yield from self.db.execute(f"SELECT {columns} FROM passages ORDER BY pid")
            return
        rows = []
        for i in range(0, len(doc_ids), _IN_BATCH):
            batch = doc_ids[i : i + _IN_BATCH]
            marks = ",".join("?" * len(batch))
            rows += self.db.execute(f"SELECT {columns} FROM passages WHERE doc_id IN ({marks})", batch)
        yield from sorted(rows)

    def documents(self, doc_ids: list[str] | None = None) -> StoredDocuments:
        """Every document, or those of `doc_ids`, their bodies decoded when looked up."""
        if doc_ids is None:
            sql = f"SELECT {RAW_COLUMNS} FROM documents ORDER BY doc_id"
            return StoredDocuments.from_rows(self.db.execute(sql))
        found = []
        for i in range(0, len(doc_ids), _IN_BATCH):
            batch = doc_ids[i : i + _IN_BATCH]
            marks = ",".join("?" * len(batch))
            sql = f"SELECT {RAW_COLUMNS} FROM documents WHERE doc_id IN ({marks})"
            found += self.db.execute(sql, batch)
        return StoredDocuments.from_rows(found)

    def index_blobs(self, side: str = "") -> dict[str, bytes]:
        """The saved index's blobs by name (empty when none is saved); with `side` (one of
        SIDE_BLOBS), those saved beside it under that prefix instead."""
        parts: dict[str, list[bytes]] = {}
        if side:
            where, values = "name LIKE ?", (f"{side}%",)
        else:
            where, values = (
                " AND ".join(["name NOT LIKE ?"] * len(SIDE_BLOBS)),
                tuple(f"{p}%" for p in SIDE_BLOBS),
            )
        query = f"SELECT name, data FROM index_blobs WHERE {where} ORDER BY name, chunk"
        for name, data in self.db.execute(query, values):
            parts.setdefault(name, []).append(data)
        return {name: b"".join(chunks) for name, chunks in parts.items()}
