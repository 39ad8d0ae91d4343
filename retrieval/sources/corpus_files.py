"""Exports in the corpus directory (`.csv`, `.html`) as Sources: read as a whole when changed,
fingerprinted by streaming, so a file of any size is never held in memory as bytes."""

from __future__ import annotations

from pathlib import Path

from retrieval.documents import Document, doc_id_for, file_hash
from retrieval.sources.base import Skipped, Source
from retrieval.sources.csv_export import CsvExport
from retrieval.sources.html_file import HtmlFile
from retrieval.store_corpus import FileState

_EXPORTS = {".csv": CsvExport, ".html": HtmlFile, ".htm": HtmlFile}


def is_export(path: Path) -> bool:
    return path.suffix.lower() in _EXPORTS


def export_source(corpus_dir: Path, path: Path) -> Source:
    name = path.relative_to(corpus_dir).as_posix()
    return _EXPORTS[path.suffix.lower()](path, name, doc_id_for(corpus_dir, path))


def read_export(
    corpus_dir: Path, path: Path, stored_sha256: str | None
) -> tuple[FileState, list[Document] | None, list[str]]:
    """(new state, documents or None when unchanged, skipped parts) of an export file."""
    stat = path.stat()
    name = path.relative_to(corpus_dir).as_posix()
    state = FileState(name, stat.st_size, stat.st_mtime_ns, file_hash(path))
    if state.sha256 == stored_sha256:
        return state, None, []
    documents, skipped = [], []
    for item in export_source(corpus_dir, path).documents():
        if isinstance(item, Skipped):
            skipped.append(str(item))
        else:
            documents.append(item)
    return state, documents, skipped
