"""The seam between ingestion and where documents come from: a corpus file, an export of any
size, a fetched page. A source yields documents, and a `Skipped` for each part of it (a row)
that could not be read, so one bad row costs that row only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from retrieval.documents import CorpusError, Document, Skipped, file_hash
from retrieval.file_changes import FileStamp, file_stamp

__all__ = ["CorpusFile", "Skipped", "Source"]


class Source(Protocol):
    """Somewhere documents come from. `documents()` raises CorpusError when nothing of the
    source can be read (a missing column, an unreadable file)."""

    name: str  # for reports: the corpus-relative file name, a URL

    def documents(self) -> Iterator[Document | Skipped]: ...


@dataclass(frozen=True)
class CorpusFile:
    """A file of the corpus directory: its path, its name there (for reports) and its doc id.
    Each kind of file is a subclass that reads its documents."""

    # A kind read whole into memory has a size limit; one read as a stream (rows, lines) has none.
    max_bytes: ClassVar[int | None] = None

    path: Path
    name: str
    doc_id: str

    def documents(self) -> Iterator[Document | Skipped]:
        raise NotImplementedError

    def stamp(self) -> FileStamp:
        """Size and modification time, compared before anything is read (OSError if unreadable)."""
        return file_stamp(self.path)

    def fingerprint(self) -> str:
        """The content hash the store keeps, read as a stream; CorpusError when the file is too
        large to index (refresh reports it; doctor counts it as changed)."""
        self._check_size()
        return file_hash(self.path)

    def read_bytes(self) -> bytes:
        """The whole file, for kinds read into memory; CorpusError when it is too large."""
        self._check_size()
        return self.path.read_bytes()

    def _check_size(self) -> None:
        size = self.path.stat().st_size
        if self.max_bytes is not None and size > self.max_bytes:
            raise CorpusError(f"{self.name}: file too large ({size // 1_000_000} MB)")
