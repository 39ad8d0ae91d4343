"""Bring the store in line with a corpus directory: add, replace and remove documents.

Unchanged files are recognised by size and modification time, then by content hash, so
refreshing an unchanged corpus reads nothing and writes nothing. A file that cannot be read
is reported by name and its previously indexed documents stay as they were.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.analysis import analyze
from retrieval.documents import (
    MAX_FILE_BYTES,
    CorpusError,
    Document,
    content_hash,
    corpus_files,
    read_file_documents,
)
from retrieval.passages import split_passages
from retrieval.store import FileState, NewDocument, Store

# Bumped whenever normalization, stopwords, stemming or passage splitting change what a text's
# stored passages and terms are (3: غ/ج and Persian letters folded).
ANALYSIS_VERSION = "3"


@dataclass
class RefreshReport:
    """What a refresh changed, for the CLI and the admin's /reindex reply."""

    documents: int = 0
    passages: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def modified(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def passages_of(document: Document) -> list[tuple[int, int, list[str]]]:
    """(start, end, terms) for each passage of a document; the title is not indexed."""
    return [
        (span.start, span.end, analyze(document.body[span.start : span.end]))
        for span in split_passages(document.body)
    ]


async def refresh_store(store: Store, corpus_dir: Path) -> RefreshReport:
    """Apply every change in `corpus_dir` to the store in one transaction."""
    started = time.perf_counter()
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    report = RefreshReport()
    # Terms made by an older analysis chain would never match a new question's terms: then
    # every file is read again, as if changed.
    reanalyze = await store.get_meta("analysis_version") != ANALYSIS_VERSION
    known = {} if reanalyze else await store.file_states()
    docs_by_file = await store.doc_ids_by_file()
    owner = {doc_id: file for file, ids in docs_by_file.items() for doc_id in ids}
    present: set[str] = set()
    replace_files: list[str] = []
    new_docs: list[NewDocument] = []
    new_states: list[FileState] = []
    for path in corpus_files(corpus_dir):
        name = path.relative_to(corpus_dir).as_posix()
        present.add(name)
        try:
            stat = path.stat()
            old = known.get(name)
            if old and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                continue
            if stat.st_size > MAX_FILE_BYTES:
                raise CorpusError(f"{name}: file too large ({stat.st_size // 1_000_000} MB)")
            data = path.read_bytes()
            digest = content_hash(data)
            state = FileState(name, stat.st_size, stat.st_mtime_ns, digest)
            if old and old.sha256 == digest:
                new_states.append(state)
                continue
            docs = list(read_file_documents(corpus_dir, path, data))
            _check_ids(docs, name, owner)
        except CorpusError as exc:
            report.errors.append(str(exc))
            continue
        except OSError as exc:
            report.errors.append(f"{name}: cannot read ({exc.strerror})")
            continue
        for doc in docs:
            owner[doc.doc_id] = name
            new_docs.append(NewDocument(doc, name, passages_of(doc)))
        previous = set(docs_by_file.get(name, []))
        current = {doc.doc_id for doc in docs}
        report.added += sorted(current - previous)
        report.changed += sorted(current & previous)
        report.removed += sorted(previous - current)
        replace_files.append(name)
        new_states.append(state)
    gone = [name for name in docs_by_file.keys() | known.keys() if name not in present]
    for name in gone:
        report.removed += docs_by_file.get(name, [])
    if replace_files or gone or new_states or not known:
        await store.apply_changes(
            remove_files=replace_files + gone,
            add=new_docs,
            file_states=new_states,
            corpus_dir=str(corpus_dir),
        )
    if reanalyze:
        await store.set_meta("analysis_version", ANALYSIS_VERSION)
    report.documents, report.passages = await store.counts()
    report.seconds = time.perf_counter() - started
    return report


def _check_ids(docs: list[Document], name: str, owner: dict[str, str]) -> None:
    for doc in docs:
        other = owner.get(doc.doc_id)
        if other and other != name:
            raise CorpusError(f"{name}: doc id {doc.doc_id!r} is already used by {other}")
