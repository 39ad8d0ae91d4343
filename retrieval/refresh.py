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
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from retrieval import duplicates, outlet_state
from retrieval.analysis import analyze
from retrieval.documents import Document, Skipped
from retrieval.file_changes import FileStamp, file_changes
from retrieval.models import CorpusError, RefreshReport
from retrieval.outlets import Cut, OutletCounts, OutletProfile, count_edges, outlet_key, strip_furniture
from retrieval.passages import split_passages
from retrieval.progress import Progress
from retrieval.sources.base import CorpusFile
from retrieval.sources.corpus_files import walk_corpus
from retrieval.store import Store
from retrieval.store_corpus import FileState, NewDocument

# Bumped whenever normalization, stopwords, stemming or passage splitting change what a text's
# stored passages and terms are (3: غ/ج and Persian letters folded; 4: more English and
# "regarding" stopwords; 5: بم، فيم، مم, Egyptian, Gulf, Maghrebi question words, al/el; 6: Persian
# and Urdu kaf, yeh and heh; 7: HTML entities, dates from URLs and datelines, outlet furniture;
# 8: no sentence end after a one-letter title, "د. أحمد"; 9: a byline after a deck's lines cut;
# 10: shingle counts in near-duplicate fingerprints, for contained reprints; 11: outlet heads
# after a deck's items or ended by their marker, captions paragraphs, footers with teasers; 12:
# a columnist's contact lines closing the text, gallery buttons after its last sentence; 13: a
# tag line glued to the last line with no full stop before it).
ANALYSIS_VERSION = "13"
log = logging.getLogger(__name__)
# Reading and analysing files is CPU work: from this many changed files on, it runs in worker
# processes, one per core (a first build of a large corpus); fewer are read in a thread.
PARALLEL_FROM_FILES = 8
MAX_WORKERS = 8
# The problems the last refresh reported by file (store meta), to tell new ones from known ones
# and to report again those of files not read this time.
_REPORTED_META = "reported_problems"
_LEGACY_BAD_LINE_RE = re.compile(r"(.+?\.jsonl)(?: line \d+|: \d+ more bad lines)")


def passages_of(document: Document) -> list[tuple[int, int, list[str]]]:
    """(start, end, terms) for each passage of a document; the title is not indexed."""
    return [
        (span.start, span.end, analyze(document.body[span.start : span.end]))
        for span in split_passages(document.body)
    ]


@dataclass(frozen=True)
class FileRead:
    """A changed file as a refresh applies it: its new state and documents (cleaned, analysed,
    then with its outlet's furniture cut), their edge counts for furniture learning and
    fingerprints, and the parts skipped; or why it could not be read."""

    name: str
    state: FileState | None = None
    documents: list[NewDocument] | None = None  # None: same content as stored
    edges: dict[str, OutletCounts] = field(default_factory=dict)
    fingerprints: dict[str, duplicates.Fingerprint] = field(default_factory=dict)
    error: str | None = None
    skipped: list[str] = field(default_factory=list)


def _analysed(document: Document, name: str) -> tuple[NewDocument, duplicates.Fingerprint | None]:
    passages = passages_of(document)
    return NewDocument(document, name, passages), duplicates.fingerprint(
        [term for _, _, terms in passages for term in terms]
    )


def _read_source(source: CorpusFile, stored_sha256: str | None) -> FileRead:
    """A file's new state and, unless its content is the stored one, its documents analysed."""
    name = source.name
    try:
        stat = source.path.stat()
        state = FileState(name, stat.st_size, stat.st_mtime_ns, source.fingerprint())
        if state.sha256 == stored_sha256:
            return FileRead(name, state)
        documents: list[Document] = []
        skipped: list[str] = []
        for item in source.documents():
            if isinstance(item, Skipped):
                skipped.append(str(item))
            else:
                documents.append(item)
    except CorpusError as exc:
        return FileRead(name, error=str(exc))
    except OSError as exc:
        return FileRead(name, error=f"{name}: cannot read ({exc.strerror})")
    analysed = [_analysed(doc, name) for doc in documents]
    fingerprints = {new.document.doc_id: found for new, found in analysed if found}
    new_documents = [new for new, _ in analysed]
    return FileRead(name, state, new_documents, count_edges(documents), fingerprints, skipped=skipped)


def _cut_furniture(
    read: FileRead, profiles: dict[str, OutletProfile]
) -> tuple[FileRead, dict[str, list[Cut]]]:
    """The file's documents with their outlet's furniture cut; only those that lost some are
    split and analysed again (most articles of most outlets have none)."""
    documents = []
    fingerprints = dict(read.fingerprints)
    cuts: dict[str, list[Cut]] = {}
    for new in read.documents or ():
        outlet = outlet_key(new.document)
        cleaned, cut = strip_furniture(new.document, profiles.get(outlet))
        if cut:
            cuts.setdefault(outlet, []).extend(cut)
            new, found = _analysed(cleaned, read.name)
            fingerprints.pop(cleaned.doc_id, None)
            if found:
                fingerprints[cleaned.doc_id] = found
        documents.append(new)
    return replace(read, documents=documents, fingerprints=fingerprints), cuts


def _map_files(
    function: Callable, jobs: list[tuple], progress: Progress | None, parallel: bool = True
) -> list:
    """`function(*job)` for each job, in order, in worker processes when there are many."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if not parallel or len(jobs) < PARALLEL_FROM_FILES or workers < 2:
        results = []
        for job in jobs:
            results.append(function(*job))
            if progress:
                progress(len(results), len(jobs))
        return results
    # spawn, not fork: this process runs threads (aiosqlite's, the event loop's).
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(function, *job) for job in jobs]
            results = []
            for future in futures:
                results.append(_shared_terms(future.result()))
                if progress:
                    progress(len(results), len(jobs))
            return results
    except BrokenProcessPool:
        # Workers could not start (e.g. a script without an `if __name__ == "__main__"` guard).
        log.warning("indexing in one process: worker processes could not start")
        return _map_files(function, jobs, progress, parallel=False)


def _shared_terms(result: FileRead) -> FileRead:
    """The result with each term string stored once: a worker's terms arrive as new copies,
    and a million passages hold tens of millions of them."""
    for new in result.documents or ():
        new.passages[:] = [(start, end, list(map(sys.intern, terms))) for start, end, terms in new.passages]
    return result


def _read_and_learn(
    work: list[tuple[CorpusFile, str | None]],
    sources: dict[str, CorpusFile],
    state: outlet_state.FurnitureState,
    progress: Progress | None,
) -> tuple[list[FileRead], outlet_state.FurnitureState, list[str]]:
    """Read and analyse the changed files (`work`: source, stored hash), learn each outlet's
    furniture from the whole corpus (`sources`; reading again the files of outlets whose markers
    changed) and cut it from what was read. Returns each file's read, the new furniture state
    and the names read again."""
    present = set(sources)
    reads = _map_files(_read_source, work, progress)
    fresh = {read.name: read.edges for read in reads if read.documents is not None}
    profiles = outlet_state.learn(state, fresh, present)
    again = outlet_state.files_to_reread(
        state, outlet_state.changed_outlets(state.profiles, profiles), set(fresh), present
    )
    if again:
        reads += _map_files(_read_source, [(sources[name], None) for name in again], None)
        fresh = {read.name: read.edges for read in reads if read.documents is not None}
        profiles = outlet_state.learn(state, fresh, present)
    results, cuts = [], {}
    for read in reads:
        if read.documents is not None:
            read, cuts[read.name] = _cut_furniture(read, profiles)
        results.append(read)
    return results, outlet_state.updated(state, profiles, fresh, cuts, present), again


async def refresh_store(store: Store, corpus_dir: Path, progress: Progress | None = None) -> RefreshReport:
    """Apply every change in `corpus_dir` to the store in one transaction. Files are read off
    the event loop, so a running bot keeps answering meanwhile; the corpus's files come as
    Sources (retrieval/sources/corpus_files.py), so no file format is known here."""
    started = time.perf_counter()
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    report = RefreshReport()
    # Terms made by an older analysis chain would never match a new question's terms: then
    # every file is read again, as if changed.
    reanalyze = await store.get_meta("analysis_version") != ANALYSIS_VERSION
    known = {} if reanalyze else await store.file_states()
    reported = _problems_by_file(await store.get_meta(_REPORTED_META))
    problems: dict[str, list[str]] = {}  # by file (a folder: "name/"), in the order found
    unchanged: set[str] = set()  # files not read again: their problems stand as reported
    docs_by_file = await store.doc_ids_by_file()
    owner = {doc_id: file for file, ids in docs_by_file.items() for doc_id in ids}
    replace_files: list[str] = []
    new_docs: list[NewDocument] = []
    new_states: list[FileState] = []
    walk = walk_corpus(corpus_dir)
    for folder, why in walk.unreadable.items():
        problems[f"{folder}/"] = [f"{folder}/: cannot read folder ({why})"]
    sources = {source.name: source for source in walk.sources}
    present: dict[str, FileStamp | None] = {}
    for name, source in sources.items():
        try:
            present[name] = source.stamp()
        except OSError as exc:
            problems[name] = [f"{name}: cannot read ({exc.strerror})"]
            present[name] = None
    changes = file_changes(present, known, docs_by_file, hidden=walk.hides)
    unchanged.update(changes.unchanged)
    work = [(sources[name], known[name].sha256 if name in known else None) for name in changes.to_read]
    gone = changes.removed
    furniture = None
    results: list[FileRead] = []
    if work or gone:
        furniture = outlet_state.FurnitureState.from_json(await store.get_meta(outlet_state.META_KEY))
        results, furniture, _ = await asyncio.to_thread(_read_and_learn, work, sources, furniture, progress)
    for result in results:
        name = result.name
        found = problems.setdefault(name, [])
        if result.error is not None or result.state is None:
            found.append(result.error or f"{name}: cannot read")
            continue
        found += result.skipped
        if result.documents is None:
            new_states.append(result.state)
            unchanged.add(name)
            continue
        current: set[str] = set()
        taken = False
        for new in result.documents:
            doc_id = new.document.doc_id
            if (other := owner.get(doc_id, name)) != name:
                found.append(f"{new.document.path}: doc id {doc_id!r} is already used by {other}")
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
    for name in gone:
        report.removed += docs_by_file.get(name, [])
    if replace_files or gone or new_states or not known:
        await store.apply_changes(
            remove_files=replace_files + gone,
            add=new_docs,
            file_states=new_states,
            corpus_dir=str(corpus_dir),
        )
    if furniture is not None:
        await store.set_meta(outlet_state.META_KEY, furniture.to_json())
        stale = {doc_id for name in replace_files + gone for doc_id in docs_by_file.get(name, [])}
        fresh = {
            doc_id: f
            for result in results
            if result.name in replace_files
            for doc_id, f in result.fingerprints.items()
        }
        await _update_near_duplicates(store, stale, fresh)

    if reanalyze:
        await store.set_meta("analysis_version", ANALYSIS_VERSION)
    for name, known_problems in reported.items():
        if name in unchanged:
            problems.setdefault(name, []).extend(known_problems)
    problems = {name: found for name, found in problems.items() if found}
    report.errors = [problem for found in problems.values() for problem in found]
    before = {problem for found in reported.values() for problem in found}
    report.new_errors = [error for error in report.errors if error not in before]
    if problems != reported:
        await store.set_meta(_REPORTED_META, json.dumps(problems, ensure_ascii=False, sort_keys=True))
    report.documents, report.passages = await store.counts()
    report.seconds = time.perf_counter() - started
    return report


async def reported_problems(store: Store) -> list[str]:
    """What the last refresh skipped, in its order (for `corpusbot doctor`)."""
    by_file = _problems_by_file(await store.get_meta(_REPORTED_META))
    return [problem for found in by_file.values() for problem in found]


def _problems_by_file(saved: str | None) -> dict[str, list[str]]:
    """The problems the last refresh reported, by file. A store written before they were kept
    by file holds a plain list, of which only the bad lines of JSON Lines files were known by
    file then; so they are now, the rest counts as no file's."""
    problems = json.loads(saved or "{}")
    if isinstance(problems, dict):
        return problems
    by_file: dict[str, list[str]] = {}
    for problem in problems:
        match = _LEGACY_BAD_LINE_RE.match(problem)
        by_file.setdefault(match.group(1) if match else "", []).append(problem)
    return by_file


async def _update_near_duplicates(
    store: Store, stale: set[str], fresh: dict[str, duplicates.Fingerprint]
) -> None:
    """Replace the fingerprints of the documents read again or removed and find the pairs the
    new ones make; the pairs of unchanged documents stay as they were."""
    if not stale and not fresh:
        return
    saved = await store.get_meta(duplicates.FINGERPRINTS_KEY)
    fingerprints = await asyncio.to_thread(duplicates.decode_fingerprints, saved)
    for doc_id in stale:
        fingerprints.pop(doc_id, None)
    fingerprints.update(fresh)
    old = duplicates.decode_pairs(await store.get_meta(duplicates.PAIRS_KEY))
    pairs = await asyncio.to_thread(duplicates.updated_pairs, old, fingerprints, set(fresh), stale)
    encoded = await asyncio.to_thread(duplicates.encode_fingerprints, fingerprints)
    await store.set_meta(duplicates.FINGERPRINTS_KEY, encoded)
    await store.set_meta(duplicates.PAIRS_KEY, duplicates.encode_pairs(pairs))
