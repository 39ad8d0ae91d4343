"""The SQLite store (through aiosqlite): documents, passages, the files they came from, the
query log and feedback.

Everything the search index needs is here, so serving never re-reads the corpus. Each change
to the corpus is applied in one transaction: a failed refresh leaves the previous state whole.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiosqlite

from retrieval.documents import Document
from retrieval.models import Citation

# 2: embeddings (passage vectors for English questions); 3: index_blobs; 4: document_first_seen
SCHEMA_VERSION = 4

# Blobs of the saved name index (retrieval/english/saved_names.py) start with this.
NAME_BLOBS = "names."

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
_MIGRATIONS = {
    # A changed file's documents are deleted and inserted again, so `indexed_at` is the last
    # rewrite; the trigger keeps the first. Older stores know no better than `indexed_at`.
    4: "INSERT OR IGNORE INTO document_first_seen(doc_id, at) SELECT doc_id, indexed_at FROM documents",
}


class StoreError(Exception):
    """The database file cannot be used (not a database, corrupt, newer schema)."""


RESTORE_ADVICE = 'stop the bot and restore the latest backup (README "Backups and restore")'


def damaged_store(path: Path, reason: object) -> StoreError:
    """The error for a store whose pages or rows cannot be read back as they were written."""
    return StoreError(f"{path} is damaged ({reason}): {RESTORE_ADVICE}")


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether a read failed on the file's contents (not on a lock held by another process)."""
    return isinstance(exc, sqlite3.DatabaseError) and getattr(exc, "sqlite_errorname", "") not in (
        "SQLITE_BUSY",
        "SQLITE_LOCKED",
    )


@dataclass(frozen=True)
class FileState:
    """What the store knows about a corpus file, to skip unchanged files cheaply."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class StoredPassage:
    """A passage row: where it lies in its document's body and its index terms."""

    pid: int
    doc_id: str
    ordinal: int
    start: int
    end: int
    terms: list[str]

    @property
    def passage_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"


@dataclass(frozen=True)
class NewDocument:
    """A document to store with its passages as (start, end, terms)."""

    document: Document
    file: str
    passages: list[tuple[int, int, list[str]]]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One open SQLite database. Use `await Store.open(path)` and `await store.close()`."""

    def __init__(self, db: aiosqlite.Connection, path: Path):
        self._db = db
        self.path = path
        # One connection serves everyone: a write (a logged question, feedback) made while a
        # refresh's transaction is open would commit or roll back with it, so writes take turns.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Store:
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
            await store._prepare()
        except sqlite3.DatabaseError as exc:
            await db.close()
            raise StoreError(f"{path} is not a usable corpusbot database ({exc})") from None
        except StoreError:
            await db.close()
            raise
        return store

    async def _prepare(self) -> None:
        await self._db.execute("PRAGMA foreign_keys = ON")
        await self._db.execute("PRAGMA busy_timeout = 5000")
        tables = {row[0] async for row in await self._db.execute("SELECT name FROM sqlite_master")}
        version = None
        if "meta" in tables:
            version = await self.get_meta("schema_version")
            if version is None or int(version) > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, this corpusbot knows {SCHEMA_VERSION}"
                )
            await self._quick_check()
        elif tables:
            raise StoreError(f"{self.path} is a SQLite database, but not a corpusbot one")
        await self._db.execute("PRAGMA journal_mode = WAL")
        await self._db.executescript(_SCHEMA)
        # Written only when it changes: opening an up-to-date store writes nothing.
        if version != str(SCHEMA_VERSION):
            for step, sql in _MIGRATIONS.items():
                if version is not None and int(version) < step:
                    await self._db.execute(sql)
            await self.set_meta("schema_version", str(SCHEMA_VERSION))

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
        await self._db.close()

    async def get_meta(self, key: str) -> str | None:
        async with self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        await self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
        await self._db.commit()

    async def file_states(self) -> dict[str, FileState]:
        async with self._db.execute("SELECT path, size, mtime_ns, sha256 FROM files") as cursor:
            return {row[0]: FileState(*row) async for row in cursor}

    async def doc_ids_by_file(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        async with self._db.execute("SELECT file, doc_id FROM documents ORDER BY doc_id") as cursor:
            async for file, doc_id in cursor:
                result.setdefault(file, []).append(doc_id)
        return result

    async def apply_changes(
        self,
        *,
        remove_files: Iterable[str],
        add: Iterable[NewDocument],
        file_states: Iterable[FileState],
        corpus_dir: str,
    ) -> None:
        """Replace the documents of changed files and drop those of removed files, atomically."""
        stamp = now_iso()
        db = self._db
        await self._write_lock.acquire()
        try:
            await db.execute("BEGIN IMMEDIATE")
            for file in remove_files:
                await db.execute(
                    "DELETE FROM passages WHERE doc_id IN (SELECT doc_id FROM documents WHERE file = ?)",
                    (file,),
                )
                await db.execute("DELETE FROM documents WHERE file = ?", (file,))
                await db.execute("DELETE FROM files WHERE path = ?", (file,))
            # In batches of documents: one call into SQLite's thread per batch, not per row.
            documents: list[tuple] = []
            passages: list[tuple] = []
            for new in add:
                doc = new.document
                documents.append(
                    (
                        doc.doc_id,
                        new.file,
                        doc.content_hash,
                        doc.title,
                        doc.source,
                        doc.date,
                        int(doc.date_inferred),
                        doc.url,
                        doc.lang,
                        doc.author,
                        doc.credit,
                        doc.body,
                        stamp,
                    )
                )
                passages += [(doc.doc_id, i, s, e, " ".join(t)) for i, (s, e, t) in enumerate(new.passages)]
                if len(documents) >= _INSERT_BATCH:
                    await self._insert(documents, passages)
                    documents, passages = [], []
            await self._insert(documents, passages)
            await db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?,?,?,?)",
                [(f.path, f.size, f.mtime_ns, f.sha256) for f in file_states],
            )
            await db.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_dir', ?)", (corpus_dir,))
            await db.execute("INSERT OR REPLACE INTO meta VALUES ('indexed_at', ?)", (stamp,))
            await db.commit()
        except BaseException:
            await db.rollback()
            raise
        finally:
            self._write_lock.release()

    async def _insert(self, documents: list[tuple], passages: list[tuple]) -> None:
        await self._db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", documents)
        await self._db.executemany(
            "INSERT INTO passages(doc_id, ordinal, start, end, terms) VALUES (?,?,?,?,?)", passages
        )

    async def documents(self) -> list[Document]:
        async with self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY doc_id") as cursor:
            return [_document(r) async for r in cursor]

    async def passages(self) -> list[StoredPassage]:
        sql = "SELECT pid, doc_id, ordinal, start, end, terms FROM passages ORDER BY pid"
        async with self._db.execute(sql) as cursor:
            return [StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5].split()) async for r in cursor]

    async def max_query_id(self) -> int:
        async with self._db.execute("SELECT COALESCE(MAX(id), 0) FROM queries") as cursor:
            row = await cursor.fetchone()
        return row[0] if row else 0

    async def insert_queries(self, rows: list[tuple]) -> None:
        """Logged questions (retrieval/query_log.py), ids included, in one transaction."""
        async with self._write_lock:
            try:
                await self._db.executemany(
                    "INSERT INTO queries(id, asked_at, question, lang, chat_type, user_id, answered, "
                    "took_ms, top_doc_id, results) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise

    async def counts(self) -> tuple[int, int]:
        """Number of documents and passages."""
        async with self._db.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM passages)"
        ) as cursor:
            row = await cursor.fetchone()
        return (row[0], row[1]) if row else (0, 0)

    async def integrity_ok(self) -> bool:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return bool(row) and row[0] == "ok"

    # Passage embeddings (retrieval/english/dense.py), keyed by model and passage text hash so
    # an unchanged passage is never embedded twice, whatever file or position it moves to.

    async def passage_texts(self):
        """(doc_id, title, body, [passage text, ...]) of every document."""
        spans: dict[str, list[tuple[int, int]]] = {}
        async with self._db.execute("SELECT doc_id, start, end FROM passages ORDER BY pid") as cursor:
            async for doc_id, start, end in cursor:
                spans.setdefault(doc_id, []).append((start, end))
        async with self._db.execute("SELECT doc_id, title, body FROM documents") as cursor:
            async for doc_id, title, body in cursor:
                yield doc_id, title, body, [body[start:end] for start, end in spans.get(doc_id, ())]

    async def embeddings(self, model: str) -> dict[str, bytes]:
        """Every stored vector of `model`, by passage key."""
        async with self._db.execute("SELECT key, vector FROM embeddings WHERE model = ?", (model,)) as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def put_embeddings(
        self, model: str, vectors: dict[str, bytes], keep: set[str] | None = None
    ) -> None:
        """Store vectors of `model`; with `keep`, drop this model's vectors whose key is not in it."""
        # Embedding runs beside the bot's other writes (a batch is saved as soon as it is made),
        # so it takes its turn like they do.
        async with self._write_lock:
            try:
                await self._db.executemany(
                    "INSERT OR REPLACE INTO embeddings(model, key, vector) VALUES (?,?,?)",
                    [(model, key, blob) for key, blob in vectors.items()],
                )
                if keep is not None:
                    sql = "SELECT key FROM embeddings WHERE model = ?"
                    async with self._db.execute(sql, (model,)) as cursor:
                        stale = [(model, row[0]) async for row in cursor if row[0] not in keep]
                    await self._db.executemany("DELETE FROM embeddings WHERE model = ? AND key = ?", stale)
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise

    # What the bot reads and writes besides the index: the query it answered, feedback,
    # passages by pid, document lists and question statistics.

    async def logged_query(self, query_id: int) -> LoggedQuery | None:
        """A logged question by id (to page through its results or to judge its language)."""
        async with self._db.execute(
            "SELECT id, question, lang FROM queries WHERE id = ?", (query_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return LoggedQuery(*row) if row else None

    async def add_feedback(self, *, query_id: int, passage_id: str, user_id: int | None, value: int) -> None:
        """Record 👍 (+1) or 👎 (-1) for a passage shown for a query; a new vote replaces the old."""
        async with self._write_lock:
            await self._db.execute(
                "INSERT INTO feedback(query_id, passage_id, user_id, value, at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(query_id, passage_id, user_id) DO UPDATE SET value = excluded.value, "
                "at = excluded.at",
                (query_id, passage_id, user_id, value, now_iso()),
            )
            await self._db.commit()

    async def passage_record(self, pid: int) -> PassageRecord | None:
        """A passage's text, with the passages either side of it (as its snippets are taken
        from), and its document's citation, by the passage's integer id."""
        sql = (
            "SELECT p.doc_id, p.ordinal, substr(d.body, c.start + 1, c.end - c.start), d.title, "
            "d.source, d.date, d.date_inferred, d.url FROM passages p JOIN documents d USING (doc_id) "
            "JOIN (SELECT MIN(n.start) AS start, MAX(n.end) AS end FROM passages n, passages q "
            "WHERE q.pid = ? AND n.doc_id = q.doc_id "
            "AND n.ordinal BETWEEN q.ordinal - 1 AND q.ordinal + 1) c WHERE p.pid = ?"
        )
        async with self._db.execute(sql, (pid, pid)) as cursor:
            row = await cursor.fetchone()
        if not row:
            return None
        doc_id, ordinal, text, title, source, date, inferred, url = row
        citation = Citation(doc_id, title, source, date, bool(inferred), url)
        return PassageRecord(pid, f"{doc_id}#{ordinal}", text, citation)

    async def document_file(self, doc_id: str) -> tuple[str, int] | None:
        """The corpus file (relative path) holding a document, and how many documents it holds."""
        async with self._db.execute(
            "SELECT file, (SELECT COUNT(*) FROM documents o WHERE o.file = d.file) "
            "FROM documents d WHERE doc_id = ?",
            (doc_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return (row[0], row[1]) if row else None

    async def document_summaries(self) -> list[DocumentSummary]:
        """Every document with its citation fields and passage count, by doc id."""
        sql = (
            "SELECT d.doc_id, d.title, d.source, d.date, COUNT(p.pid) FROM documents d "
            "LEFT JOIN passages p USING (doc_id) GROUP BY d.doc_id ORDER BY d.doc_id"
        )
        async with self._db.execute(sql) as cursor:
            return [DocumentSummary(*row) async for row in cursor]

    async def corpus_summary(self) -> CorpusSummary:
        """Counts, date range and outlets of the indexed documents."""
        documents, passages = await self.counts()
        async with self._db.execute("SELECT MIN(date), MAX(date) FROM documents WHERE date != ''") as cursor:
            first, last = await cursor.fetchone() or (None, None)
        async with self._db.execute(
            "SELECT source, COUNT(*) AS n FROM documents WHERE source != '' GROUP BY source "
            "ORDER BY n DESC, source"
        ) as cursor:
            outlets = [(row[0], row[1]) async for row in cursor]
        return CorpusSummary(documents, passages, first or "", last or "", outlets)

    async def query_stats(
        self, since: str, *, top: int = 5, unlisted_chat_types: tuple[str, ...] = ()
    ) -> QueryStats:
        """Questions logged at or after `since` (ISO time). Questions from `unlisted_chat_types`
        (e.g. inline queries, logged as the user types) count in the totals but not in the lists."""
        db = self._db
        async with db.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM queries WHERE asked_at >= ?", (since,)
        ) as cursor:
            total, answered = await cursor.fetchone() or (0, 0)
        by_lang = await self._grouped("lang", since)
        by_chat_type = await self._grouped("chat_type", since)
        async with db.execute(
            "SELECT took_ms FROM queries WHERE asked_at >= ? ORDER BY took_ms LIMIT 1 OFFSET ?",
            (since, max(total - 1, 0) // 2),
        ) as cursor:
            row = await cursor.fetchone()
        median_ms = row[0] if row and total else None
        hidden = ",".join("?" * len(unlisted_chat_types)) or "''"
        lists = {}
        for name, answered_flag in (("most_asked", None), ("unanswered", 0)):
            where = "asked_at >= ? AND chat_type NOT IN (" + hidden + ")"
            params: list[object] = [since, *unlisted_chat_types]
            if answered_flag is not None:
                where += " AND answered = ?"
                params.append(answered_flag)
            async with db.execute(
                f"SELECT question, COUNT(*) AS n FROM queries WHERE {where} GROUP BY question "
                "ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?",
                (*params, top),
            ) as cursor:
                lists[name] = [(row[0], row[1]) async for row in cursor]
        async with db.execute(
            "SELECT COALESCE(SUM(value > 0), 0), COALESCE(SUM(value < 0), 0) FROM feedback WHERE at >= ?",
            (since,),
        ) as cursor:
            up, down = await cursor.fetchone() or (0, 0)
        return QueryStats(
            questions=total,
            answered=answered,
            by_lang=by_lang,
            by_chat_type=by_chat_type,
            median_ms=median_ms,
            most_asked=lists["most_asked"],
            unanswered=lists["unanswered"],
            feedback_up=up,
            feedback_down=down,
        )

    async def daily_activity(self, first_day: date, days: int) -> list[DayActivity]:
        """Per UTC day, from `first_day` on for `days` days (quiet days included): questions
        logged, how many were answered, and documents first indexed that are still indexed."""
        since = first_day.isoformat()
        sql = (
            "SELECT substr(asked_at, 1, 10) AS day, COUNT(*), COALESCE(SUM(answered), 0) FROM queries "
            "WHERE asked_at >= ? GROUP BY day"
        )
        async with self._db.execute(sql, (since,)) as cursor:
            questions = {row[0]: (row[1], row[2]) async for row in cursor}
        sql = (
            "SELECT substr(f.at, 1, 10) AS day, COUNT(*) FROM document_first_seen f "
            "JOIN documents USING (doc_id) WHERE f.at >= ? GROUP BY day"
        )
        async with self._db.execute(sql, (since,)) as cursor:
            articles = {row[0]: row[1] async for row in cursor}
        result = []
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            asked, answered = questions.get(day.isoformat(), (0, 0))
            result.append(DayActivity(day, asked, answered, articles.get(day.isoformat(), 0)))
        return result

    # The saved search index (retrieval/saved_index.py): named blobs, split into chunks so that
    # no single value nears SQLite's size limit. Replaced whole in one transaction.

    async def save_index_blobs(self, blobs: dict[str, bytes | memoryview]) -> None:
        rows = [
            (name, number, memoryview(data)[at : at + _BLOB_CHUNK])  # views: no copy of the index
            for name, data in blobs.items()
            for number, at in enumerate(range(0, max(len(data), 1), _BLOB_CHUNK))
        ]
        async with self._write_lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                await self._db.execute("DELETE FROM index_blobs")
                await self._db.executemany("INSERT INTO index_blobs VALUES (?,?,?)", rows)
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise

    async def save_name_blobs(self, blobs: dict[str, bytes]) -> None:
        """Save the name index (names NAME_BLOBS...) beside the saved search index; it goes
        when the search index is saved again (it was built from that index's words)."""
        rows = [
            (name, number, data[at : at + _BLOB_CHUNK])
            for name, data in blobs.items()
            for number, at in enumerate(range(0, max(len(data), 1), _BLOB_CHUNK))
        ]
        async with self._write_lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                await self._db.execute(f"DELETE FROM index_blobs WHERE name LIKE '{NAME_BLOBS}%'")
                await self._db.executemany("INSERT INTO index_blobs VALUES (?,?,?)", rows)
                await self._db.commit()
            except BaseException:
                await self._db.rollback()
                raise

    def snapshot(self) -> StoreSnapshot:
        """A read-only view of the store as committed now, for reading in a worker thread."""
        return StoreSnapshot(self.path)

    async def _grouped(self, column: str, since: str) -> dict[str, int]:
        async with self._db.execute(
            f"SELECT {column}, COUNT(*) AS n FROM queries WHERE asked_at >= ? GROUP BY {column} "
            "ORDER BY n DESC",
            (since,),
        ) as cursor:
            return {row[0]: row[1] async for row in cursor}


_DOCUMENT_COLUMNS = (
    "doc_id, title, body, source, date, date_inferred, url, lang, author, credit, file, content_hash"
)
_BLOB_CHUNK = 64 << 20
_CHECK_ERRORS = 3  # problems quick_check reports before it stops
_INSERT_BATCH = 500
# Host parameters per "IN (...)" query, well under SQLite's limit.
_IN_BATCH = 500


def _document(r: tuple) -> Document:
    return Document(
        doc_id=r[0],
        title=r[1],
        body=r[2],
        source=r[3],
        date=r[4],
        date_inferred=bool(r[5]),
        url=r[6],
        lang=r[7],
        author=r[8],
        credit=r[9],
        path=r[10],
        content_hash=r[11],
    )


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

    def document_signatures(self) -> dict[str, str]:
        """Per document, what changes whenever its passages are rewritten: its content hash,
        first passage id and passage count."""
        sql = (
            "SELECT d.doc_id, d.content_hash, MIN(p.pid), COUNT(p.pid) FROM documents d "
            "LEFT JOIN passages p USING (doc_id) GROUP BY d.doc_id"
        )
        return {r[0]: f"{r[1]}:{r[2]}:{r[3]}" for r in self.db.execute(sql)}

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

    def documents(self, doc_ids: list[str] | None = None) -> list[Document]:
        if doc_ids is None:
            sql = f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY doc_id"
            return [_document(r) for r in self.db.execute(sql)]
        found = []
        for i in range(0, len(doc_ids), _IN_BATCH):
            batch = doc_ids[i : i + _IN_BATCH]
            marks = ",".join("?" * len(batch))
            sql = f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE doc_id IN ({marks})"
            found += [_document(r) for r in self.db.execute(sql, batch)]
        return found

    def index_blobs(self, names: bool = False) -> dict[str, bytes]:
        """The saved index's blobs by name (empty when none is saved); with `names`, those of
        the saved name index instead (NAME_BLOBS)."""
        parts: dict[str, list[bytes]] = {}
        where = "LIKE" if names else "NOT LIKE"
        query = f"SELECT name, data FROM index_blobs WHERE name {where} '{NAME_BLOBS}%' ORDER BY name, chunk"
        for name, data in self.db.execute(query):
            parts.setdefault(name, []).append(data)
        return {name: b"".join(chunks) for name, chunks in parts.items()}


@dataclass(frozen=True)
class LoggedQuery:
    id: int
    question: str
    lang: str


@dataclass(frozen=True)
class PassageRecord:
    """A stored passage's text, with the passages either side of it, and its document's citation."""

    pid: int
    passage_id: str
    text: str
    citation: Citation


@dataclass(frozen=True)
class DocumentSummary:
    doc_id: str
    title: str
    source: str
    date: str
    passages: int


@dataclass(frozen=True)
class CorpusSummary:
    documents: int
    passages: int
    first_date: str
    last_date: str
    outlets: list[tuple[str, int]]


@dataclass(frozen=True)
class DayActivity:
    """One day of `Store.daily_activity`."""

    day: date
    questions: int
    answered: int
    articles: int  # documents first indexed that day

    @property
    def not_found(self) -> int:
        return self.questions - self.answered


@dataclass(frozen=True)
class QueryStats:
    """Logged questions over a period (see `Store.query_stats`)."""

    questions: int
    answered: int
    by_lang: dict[str, int]
    by_chat_type: dict[str, int]
    median_ms: float | None
    most_asked: list[tuple[str, int]]
    unanswered: list[tuple[str, int]]
    feedback_up: int
    feedback_down: int
