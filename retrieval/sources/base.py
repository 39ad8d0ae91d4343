"""The seam between ingestion and where documents come from: a corpus file, an export of any
size, a fetched page. A source yields documents, and a `Skipped` for each part of it (a row)
that could not be read, so one bad row costs that row only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from retrieval.documents import Document


@dataclass(frozen=True)
class Skipped:
    """A part of a source that was not indexed: where (e.g. `export.csv:17`) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class Source(Protocol):
    """Somewhere documents come from. `documents()` raises CorpusError when nothing of the
    source can be read (a missing column, an unreadable file)."""

    name: str  # for reports: the corpus-relative file name, a URL

    def documents(self) -> Iterator[Document | Skipped]: ...


@dataclass(frozen=True)
class CorpusFile:
    """A file of the corpus directory: its path, its name there (for reports) and its doc id."""

    path: Path
    name: str
    doc_id: str
