"""Bring the store in line with a corpus directory: add, replace and remove documents.

Unchanged files are recognised by size and modification time, then by content hash, so
refreshing an unchanged corpus reads nothing and writes nothing. A file or folder that cannot
be read is reported by name and its previously indexed documents stay as they were; a bad line
of a JSON Lines file is reported by number and the file's other lines are indexed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.analysis import analyze
from retrieval.documents import (
    MAX_FILE_BYTES,
    Document,
    content_hash,
    file_hash,
    jsonl_documents,
    read_file_documents,
    walk_corpus,
)
from retrieval.file_changes import FileStamp, file_changes, file_stamp
from retrieval.models import CorpusError, RefreshReport
from retrieval.passages import split_passages
from retrieval.progress import Progress
from retrieval.sources.corpus_files import is_export, read_export
from retrieval.store import Store
from retrieval.store_corpus import FileState, NewDocument

# Bumped whenever normalization, stopwords, stemming or passage splitting change what a text's
# stored passages and terms are (3: غ/ج and Persian letters folded; 4: more English and
# "regarding" stopwords; 5: بم، فيم، مم, Egyptian, Gulf, Maghrebi question words, al/el; 6: Persian
# and Urdu kaf, yeh and heh).
ANALYSIS_VERSION = "6"
log = logging.getLogger(__name__)
# Reading and analysing files is CPU work: from this many changed files on, it runs in worker
# processes, one per core (a first build of a large corpus); fewer are read in a thread.
PARALLEL_FROM_FILES = 8
MAX_WORKERS = 8
# Bad lines of one JSON Lines file listed one by one; past this, counted.
LISTED_BAD_LINES = 100
# The problems the last refresh reported (store meta), to tell new ones from known ones.
_REPORTED_META = "reported_problems"
_BAD_LINE_RE = re.compile(r"(.+?\.jsonl)(?: line \d+|: \d+ more bad lines)")


def passages_of(document: Document) -> list[tuple[int, int, list[str]]]:
    """(start, end, terms) for each passage of a document; the title is not indexed."""
    return [
        (span.start, span.end, analyze(document.body[span.start : span.end]))
        for span in split_passages(document.body)
    ]


@dataclass(frozen=True)
class _FileRead:
    """A changed file's new state and documents, or why it could not be read."""

    state: FileState | None = None
    documents: list[NewDocument] | None = None  # None: same content as stored
    error: str | None = None
    bad_lines: list[str] = field(default_factory=list)


def _read_file(corpus_dir: Path, path: Path, name: str, stored_sha256: str | None) -> _FileRead:
    try:
        if is_export(path):
            state, docs, skipped = read_export(corpus_dir, path, stored_sha256)
            news = None if docs is None else [NewDocument(doc, name, passages_of(doc)) for doc in docs]
            return _FileRead(state, news, bad_lines=list(skipped))
        stat = path.stat()
        if path.suffix.lower() == ".jsonl":
            state = FileState(name, stat.st_size, stat.st_mtime_ns, file_hash(path))
            return _FileRead(state) if stored_sha256 == state.sha256 else _read_jsonl(path, name, state)
        if stat.st_size > MAX_FILE_BYTES:
            raise CorpusError(f"{name}: file too large ({stat.st_size // 1_000_000} MB)")
        data = path.read_bytes()
        digest = content_hash(data)
        state = FileState(name, stat.st_size, stat.st_mtime_ns, digest)
        if stored_sha256 == digest:
            return _FileRead(state)
        documents = read_file_documents(corpus_dir, path, data)
        return _FileRead(state, [NewDocument(doc, name, passages_of(doc)) for doc in documents])
    except CorpusError as exc:
        return _FileRead(error=str(exc))
    except OSError as exc:
        return _FileRead(error=f"{name}: cannot read ({exc.strerror})")


def _read_jsonl(path: Path, name: str, state: FileState) -> _FileRead:
    """A JSON Lines file read line by line (no size limit): its good lines' documents and its
    bad lines by number."""
    documents: list[NewDocument] = []
    bad_lines: list[str] = []
    with path.open("rb") as lines:
        for item in jsonl_documents(lines, name):
            if isinstance(item, CorpusError):
                bad_lines.append(str(item))
            else:
                documents.append(NewDocument(item, name, passages_of(item)))
    if not documents and not bad_lines:
        raise CorpusError(f"{name}: empty file")
    if len(bad_lines) > LISTED_BAD_LINES:
        more = len(bad_lines) - LISTED_BAD_LINES
        bad_lines[LISTED_BAD_LINES:] = [f"{name}: {more} more bad lines skipped"]
    return _FileRead(state, documents, bad_lines=bad_lines)


def _read_files(
    corpus_dir: Path,
    work: list[tuple[Path, str, str | None]],
    progress: Progress | None,
    parallel: bool = True,
) -> list[_FileRead]:
    """Read and analyse `work` (path, name, stored hash), in order, in parallel when large."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if not parallel or len(work) < PARALLEL_FROM_FILES or workers < 2:
        results = []
        for path, name, sha in work:
            results.append(_read_file(corpus_dir, path, name, sha))
            if progress:
                progress(len(results), len(work))
        return results
    # spawn, not fork: this process runs threads (aiosqlite's, the event loop's).
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_read_file, corpus_dir, path, name, sha) for path, name, sha in work]
            results = []
            for future in futures:
                results.append(_shared_terms(future.result()))
                if progress:
                    progress(len(results), len(work))
            return results
    except BrokenProcessPool:
        # Workers could not start (e.g. a script without an `if __name__ == "__main__"` guard).
        log.warning("indexing in one process: worker processes could not start")
        return _read_files(corpus_dir, work, progress, parallel=False)


def _shared_terms(result: _FileRead) -> _FileRead:
    """The result with each term string stored once: a worker's terms arrive as new copies,
    and a million passages hold tens of millions of them."""
    for new in result.documents or ():
        new.passages[:] = [(start, end, list(map(sys.intern, terms))) for start, end, terms in new.passages]
    return result


async def refresh_store(store: Store, corpus_dir: Path, progress: Progress | None = None) -> RefreshReport:
    """Apply every change in `corpus_dir` to the store in one transaction. Files are read off
    the event loop, so a running bot keeps answering meanwhile."""
    started = time.perf_counter()
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    report = RefreshReport()
    # Terms made by an older analysis chain would never match a new question's terms: then
    # every file is read again, as if changed.
    reanalyze = await store.get_meta("analysis_version") != ANALYSIS_VERSION
    known = {} if reanalyze else await store.file_states()
    reported = json.loads(await store.get_meta(_REPORTED_META) or "[]")
    unchanged: set[str] = set()  # files not read again: their bad lines stand as reported
    docs_by_file = await store.doc_ids_by_file()
    owner = {doc_id: file for file, ids in docs_by_file.items() for doc_id in ids}
    replace_files: list[str] = []
    new_docs: list[NewDocument] = []
    new_states: list[FileState] = []
    walk = walk_corpus(corpus_dir)
    for folder, why in walk.unreadable.items():
        report.errors.append(f"{folder}/: cannot read folder ({why})")
    paths = {path.relative_to(corpus_dir).as_posix(): path for path in walk.files}
    present: dict[str, FileStamp | None] = {}
    for name, path in paths.items():
        try:
            present[name] = file_stamp(path)
        except OSError as exc:
            report.errors.append(f"{name}: cannot read ({exc.strerror})")
            present[name] = None
    changes = file_changes(present, known, docs_by_file, hidden=walk.hides)
    unchanged.update(changes.unchanged)
    work = [(paths[name], name, known[name].sha256 if name in known else None) for name in changes.to_read]
    results = await asyncio.to_thread(_read_files, corpus_dir, work, progress)
    for (_, name, _), result in zip(work, results, strict=True):
        if result.error is not None or result.state is None:
            report.errors.append(result.error or f"{name}: cannot read")
            continue
        report.errors += result.bad_lines
        if result.documents is None:
            new_states.append(result.state)
            unchanged.add(name)
            continue
        current: set[str] = set()
        taken = False
        for new in result.documents:
            doc_id = new.document.doc_id
            if (other := owner.get(doc_id, name)) != name:
                report.errors.append(f"{new.document.path}: doc id {doc_id!r} is already used by {other}")
                taken = True
                continue
            owner[doc_id] = name
            new_docs.append(new)
            current.add(doc_id)
        previous = set(docs_by_file.get(name, []))
        report.added += sorted(current - previous)
        report.changed += sorted(current & previous)
        report.removed += sorted(previous - current)
        replace_files.append(name)
        if not taken:  # else read again next time: the other file may have let go of the id
            new_states.append(result.state)
    gone = changes.removed
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
    report.errors += [error for error in reported if _bad_line_file(error) in unchanged]
    report.new_errors = [error for error in report.errors if error not in reported]
    if set(reported) != set(report.errors):
        await store.set_meta(_REPORTED_META, json.dumps(sorted(set(report.errors)), ensure_ascii=False))
    report.documents, report.passages = await store.counts()
    report.seconds = time.perf_counter() - started
    return report


def _bad_line_file(error: str) -> str | None:
    """The JSON Lines file a bad-line error is about ("big.jsonl line 17: ..."), else None."""
    match = _BAD_LINE_RE.match(error)
    return match.group(1) if match else None
