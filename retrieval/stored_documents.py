"""The search index's documents by doc id, each article body decoded when it is first looked up.

A question reads the bodies of a few articles, but a start used to turn all of them into Python
strings: on the 20,000-article store, 35 million characters and a fifth of a second of a cold
`corpusbot ask`. The rows are read with the body as its stored UTF-8 bytes instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from retrieval.documents import Document
from retrieval.store_corpus import DOCUMENT_COLUMNS, document_from_row

# DOCUMENT_COLUMNS with the body as bytes: what `StoredDocuments` is made of.
RAW_COLUMNS = DOCUMENT_COLUMNS.replace("body", "CAST(body AS BLOB)", 1)
_BODY = DOCUMENT_COLUMNS.split(", ").index("body")
_DATE = DOCUMENT_COLUMNS.split(", ").index("date")
_TITLE = DOCUMENT_COLUMNS.split(", ").index("title")
_HASH = DOCUMENT_COLUMNS.split(", ").index("content_hash")


class StoredDocuments(Mapping[str, Document]):
    """Documents by doc id, from rows of RAW_COLUMNS or as Documents; a row becomes its Document
    when first looked up, which then takes the row's place (its bytes are freed)."""

    def __init__(self, entries: dict[str, tuple | Document]):
        self._entries = entries

    @classmethod
    def of(cls, documents: Iterable[Document]) -> StoredDocuments:
        return cls({doc.doc_id: doc for doc in documents})

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> StoredDocuments:
        return cls({row[0]: row for row in rows})

    def __getitem__(self, doc_id: str) -> Document:
        entry = self._entries[doc_id]
        if isinstance(entry, Document):
            return entry
        row = list(entry)
        row[_BODY] = row[_BODY].decode("utf-8")
        document = self._entries[doc_id] = document_from_row(tuple(row))
        return document

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def title(self, doc_id: str) -> str:
        """A document's title, without decoding its body (ranking reads the titles of a few
        hundred candidates, and shows a few of them)."""
        entry = self._entries[doc_id]
        return entry.title if isinstance(entry, Document) else entry[_TITLE]

    def content_hashes(self) -> dict[str, str]:
        """Every document's content hash by doc id, without decoding a body."""
        return {
            doc_id: entry.content_hash if isinstance(entry, Document) else entry[_HASH]
            for doc_id, entry in self._entries.items()
        }

    def dates(self) -> Iterator[str]:
        """Every document's date, without decoding a body."""
        for entry in self._entries.values():
            yield entry.date if isinstance(entry, Document) else entry[_DATE]

    def updated(self, gone: set[str], fresh: StoredDocuments) -> StoredDocuments:
        """These documents without those in `gone`, followed by `fresh`."""
        kept = {doc_id: entry for doc_id, entry in self._entries.items() if doc_id not in gone}
        return StoredDocuments(kept | fresh._entries)
