"""The store's corpus rows: documents, their passages with index terms, and the state of each
corpus file, replaced file by file in one transaction per refresh."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.dates import TEXT, URL
from retrieval.documents import Document
from retrieval.models import Citation, CorpusSummary, DocumentSummary, PassageRecord
from retrieval.store_connection import StoreConnection, now_iso

DOCUMENT_COLUMNS = (
    "doc_id, title, body, source, date, date_inferred, url, lang, author, credit, file, content_hash"
)
_INSERT_BATCH = 500
# The date_inferred column says where an inferred date was read, in the same column so that a
# store stays readable by versions that know it as a flag: 0 given (or none), 1 inferred (the
# article's front matter says so), 2 from the URL, 3 from the article's text.
_DATE_CODES = {"": 1, URL: 2, TEXT: 3}
_DATE_SOURCES = {code: where for where, code in _DATE_CODES.items()}


def _date_code(doc: Document) -> int:
    return _DATE_CODES.get(doc.date_from, 1) if doc.date_inferred else 0


def _date_source(code: int) -> str:
    return _DATE_SOURCES.get(code, "")


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


def document_from_row(r: tuple) -> Document:
    return Document(
        doc_id=r[0],
        title=r[1],
        body=r[2],
        source=r[3],
        date=r[4],
        date_inferred=bool(r[5]),
        date_from=_date_source(r[5]),
        url=r[6],
        lang=r[7],
        author=r[8],
        credit=r[9],
        path=r[10],
        content_hash=r[11],
    )


class CorpusRows(StoreConnection):
    """Documents, passages and file states (a part of `Store`)."""

    async def file_states(self) -> dict[str, FileState]:
        async with self._db.execute("SELECT path, size, mtime_ns, sha256 FROM files") as cursor:
            return {row[0]: FileState(*row) async for row in cursor}

    async def doc_ids_by_file(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        async with self._db.execute("SELECT file, doc_id FROM documents ORDER BY doc_id") as cursor:
            rows = await cursor.fetchall()  # in one go: row by row, 20,000 took 300 thread hops
        for file, doc_id in rows:
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
        async with self._transaction() as db:
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
                        _date_code(doc),
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

    async def _insert(self, documents: list[tuple], passages: list[tuple]) -> None:
        await self._db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", documents)
        await self._db.executemany(
            "INSERT INTO passages(doc_id, ordinal, start, end, terms) VALUES (?,?,?,?,?)", passages
        )

    async def documents(self) -> list[Document]:
        async with self._db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY doc_id") as cursor:
            return [document_from_row(r) async for r in cursor]

    async def passages(self) -> list[StoredPassage]:
        sql = "SELECT pid, doc_id, ordinal, start, end, terms FROM passages ORDER BY pid"
        async with self._db.execute(sql) as cursor:
            return [StoredPassage(r[0], r[1], r[2], r[3], r[4], r[5].split()) async for r in cursor]

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
        doc_id, ordinal, text, title, source, date, code, url = row
        citation = Citation(doc_id, title, source, date, bool(code), url, date_from=_date_source(code))
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

    async def counts(self) -> tuple[int, int]:
        """Number of documents and passages."""
        async with self._db.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM passages)"
        ) as cursor:
            row = await cursor.fetchone()
        return (row[0], row[1]) if row else (0, 0)

    async def passage_texts(self):
        """(doc_id, title, body, [passage text, ...]) of every document."""
        spans: dict[str, list[tuple[int, int]]] = {}
        async with self._db.execute("SELECT doc_id, start, end FROM passages ORDER BY pid") as cursor:
            async for doc_id, start, end in cursor:
                spans.setdefault(doc_id, []).append((start, end))
        async with self._db.execute("SELECT doc_id, title, body FROM documents") as cursor:
            async for doc_id, title, body in cursor:
                yield doc_id, title, body, [body[start:end] for start, end in spans.get(doc_id, ())]
