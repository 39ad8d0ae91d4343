"""The SQLite store (through aiosqlite): opening it, its schema and migrations, its metadata.

One connection serves every part, each in a module of its own job: corpus rows and file
states (store_corpus), passage vectors (store_vectors), the saved index (store_index_blobs,
read back through store_snapshot), the question log and feedback (store_questions) and their
statistics (store_stats). Everything the search index needs is here, so serving never re-reads
the corpus; each change to the corpus is applied in one transaction, so a failed refresh
leaves the previous state whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import aiosqlite

from retrieval.models import StoreError
from retrieval.store_corpus import CorpusRows
from retrieval.store_index_blobs import IndexBlobs
from retrieval.store_questions import QuestionRows
from retrieval.store_snapshot import MMAP_BYTES, StoreSnapshot
from retrieval.store_stats import QuestionStats
from retrieval.store_vectors import PassageVectors

# 2: embeddings (passage vectors for English questions); 3: index_blobs; 4: document_first_seen
SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 5000  # how long a statement waits for another process's lock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, file TEXT NOT NULL, content_hash TEXT NOT NULL, title TEXT NOT NULL,
    source TEXT NOT NULL, date TEXT NOT NULL, date_inferred INTEGER NOT NULL, url TEXT NOT NULL,
    lang TEXT NOT NULL, author TEXT NOT NULL, credit TEXT NOT NULL, body TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE TABLE IF NOT EXISTS passages (
    pid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, terms TEXT NOT NULL,
    UNIQUE (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY, asked_at TEXT NOT NULL, question TEXT NOT NULL, lang TEXT NOT NULL,
    chat_type TEXT NOT NULL, user_id INTEGER, answered INTEGER NOT NULL, took_ms REAL NOT NULL,
    top_doc_id TEXT, results INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS queries_asked_at ON queries(asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY, query_id INTEGER, passage_id TEXT NOT NULL, user_id INTEGER,
    value INTEGER NOT NULL, at TEXT NOT NULL, UNIQUE (query_id, passage_id, user_id)
);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_blobs (
    name TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (name, chunk)
);
CREATE TABLE IF NOT EXISTS document_first_seen (doc_id TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS documents_first_seen AFTER INSERT ON documents BEGIN
    INSERT OR IGNORE INTO document_first_seen(doc_id, at) VALUES (new.doc_id, new.indexed_at);
END;
"""

# Run once on a store of an older schema version (the key: the version that brings the change),
# after _SCHEMA has created what is new.
_SET_META = "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"
_MIGRATIONS = {
    # A changed file's documents are deleted and inserted again, so `indexed_at` is the last
    # rewrite; the trigger keeps the first. Older stores know no better than `indexed_at`.
    4: "INSERT OR IGNORE INTO document_first_seen(doc_id, at) SELECT doc_id, indexed_at FROM documents",
}


def schema_problem(path: Path, version: str | None) -> str | None:
    """Why a store of schema `version` cannot be used by this corpusbot (older ones are migrated)."""
    if version is None or int(version) > SCHEMA_VERSION:
        return f"{path} has schema version {version}, this corpusbot knows {SCHEMA_VERSION}"
    return None


RESTORE_ADVICE = 'stop the bot and restore the latest backup (README "Backups and restore")'


def damaged_store(path: Path, reason: object) -> StoreError:
    """The error for a store whose pages or rows cannot be read back as they were written."""
    return StoreError(f"{path} is damaged ({reason}): {RESTORE_ADVICE}", "damaged")


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether a read failed on the file's contents (not on a lock held by another process)."""
    return isinstance(exc, sqlite3.DatabaseError) and getattr(exc, "sqlite_errorname", "") not in (
        "SQLITE_BUSY",
        "SQLITE_LOCKED",
    )


class Store(CorpusRows, PassageVectors, IndexBlobs, QuestionRows, QuestionStats):
    """One open SQLite database. Use `await Store.open(path)` and `await store.close()`."""

    @classmethod
    async def open(cls, path: Path, *, check_meanwhile: bool = False) -> Store:
        """Open (or create) the store at `path`. Its pages are checked first (`_quick_check`),
        or with `check_meanwhile` on the connection's thread while the caller reads the store
        through snapshots (a tenth of a cold `ask`, a C loop that leaves the interpreter free):
        `checked()` waits for the check's verdict, and every write waits for it."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for database {path}: {exc.strerror}") from None
        try:
            db = await aiosqlite.connect(path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from None
        store = cls(db, path)
        try:
            await store._prepare(check_meanwhile)
        except sqlite3.DatabaseError as exc:
            await db.close()
            raise StoreError(f"{path} is not a usable corpusbot database ({exc})") from None
        except StoreError:
            await db.close()
            raise
        return store

    @classmethod
    async def open_read_only(cls, path: Path) -> Store:
        """A Store on `path` for reading only (`doctor`, next to a running bot): no schema set-up,
        no writes; in WAL mode it neither blocks the bot nor waits for it."""
        db = await aiosqlite.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return cls(db, Path(path))

    async def _prepare(self, check_meanwhile: bool) -> None:
        await self._db.execute("PRAGMA foreign_keys = ON")
        await self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await self._db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        tables = {row[0] async for row in await self._db.execute("SELECT name FROM sqlite_master")}
        version = None
        if "meta" in tables:
            version = await self.get_meta("schema_version")
            if problem := schema_problem(self.path, version):
                raise StoreError(problem, "schema")
            if not check_meanwhile or version != str(SCHEMA_VERSION):  # a migration writes
                await self._quick_check()
        elif tables:
            raise StoreError(f"{self.path} is a SQLite database, but not a corpusbot one")
        await self._db.execute("PRAGMA journal_mode = WAL")
        await self._db.executescript(_SCHEMA)
        # Written only when it changes: opening an up-to-date store writes nothing.
        if version != str(SCHEMA_VERSION):
            async with self._transaction() as db:  # the migrations and the version they reach
                for step, sql in _MIGRATIONS.items():
                    if version is not None and int(version) < step:
                        await db.execute(sql)
                await db.execute(_SET_META, ("schema_version", str(SCHEMA_VERSION)))
        elif check_meanwhile and "meta" in tables:
            self._check = asyncio.ensure_future(self._quick_check())

    async def _quick_check(self) -> None:
        """Every page's structure, on every open: damage found now is an error with its reason,
        not a bot that answers "not found" to everything. It reads every page but compares no
        index with its table, a small part of what opening costs anyway; the full
        integrity_check is `corpusbot doctor`'s."""
        async with self._db.execute(f"PRAGMA quick_check({_CHECK_ERRORS})") as cursor:
            problems = [row[0] async for row in cursor]
        if problems != ["ok"]:
            # One line: quick_check's report spans lines, headed "*** in database main ***".
            lines = [
                line for problem in problems for line in problem.splitlines() if not line.startswith("***")
            ]
            raise damaged_store(self.path, "; ".join(lines))

    async def close(self) -> None:
        with contextlib.suppress(StoreError, sqlite3.Error):
            await self.checked()  # collected, not left to warn; its verdict is the opener's
        await self._db.close()

    async def get_meta(self, key: str) -> str | None:
        async with self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        async with self._transaction() as db:
            await db.execute(_SET_META, (key, value))

    async def integrity_ok(self) -> bool:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return bool(row) and row[0] == "ok"

    def snapshot(self) -> StoreSnapshot:
        """A read-only view of the store as committed now, for reading in a worker thread."""
        return StoreSnapshot(self.path)


_CHECK_ERRORS = 3  # problems quick_check reports before it stops
