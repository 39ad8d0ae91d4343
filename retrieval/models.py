"""What the engine takes, returns and raises: plain dataclasses and error types shared by the CLI
and the bot, which import nothing else from retrieval/ but `retrieval.engine`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

# --- errors: each carries a stable `reason` code for callers to branch on -------------------


class EngineError(Exception):
    """An error the engine reports; `reason` is a code (e.g. "too_long"), the message is for people."""

    reason = "error"

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class QuestionError(EngineError, ValueError):
    """A question that cannot be asked: reason "empty" or "too_long" (then `length`, `limit`)."""

    def __init__(self, message: str, reason: str, *, length: int = 0, limit: int = 0):
        super().__init__(message, reason)
        self.length = length
        self.limit = limit


class CorpusError(EngineError):
    """A corpus file (or line of one) that cannot be read as a document, or a corpus change
    refused. Reasons of a file's bytes: "empty", "binary", "not_utf8" (then `position`, the
    first bad byte); of an edit: "read_only", "not_writable", "bad_name", "bad_type",
    "name_is_folder", "disk_full", "not_saved", "linked_file"; otherwise "invalid"."""

    reason = "invalid"

    def __init__(self, message: str, reason: str | None = None, *, position: int = 0, file: str = ""):
        super().__init__(message, reason)
        self.position = position
        self.file = file  # the corpus file it is about, when that is not in the message


class StoreError(EngineError):
    """The database file cannot be used (not a database, corrupt, newer schema)."""

    reason = "unusable"


class RefreshInProgress(EngineError, RuntimeError):
    """A refresh was asked for while another one is running."""

    reason = "busy"


# --- corpus edits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusEdit:
    """A file written into the corpus, with what it replaced (None: it is new), so it can be undone."""

    path: Path
    previous: bytes | None
    doc_ids: tuple[str, ...]

    @property
    def replaced(self) -> bool:
        return self.previous is not None


# --- answers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reprint:
    """Another article that carries the same story (agency copy, a second scrape)."""

    doc_id: str
    source: str
    url: str = ""


@dataclass(frozen=True)
class Citation:
    """Where a snippet comes from."""

    doc_id: str
    title: str
    source: str
    date: str
    date_inferred: bool = False
    url: str = ""
    also_in: tuple[Reprint, ...] = ()
    date_from: str = ""  # where an inferred date was read: "url", "text", or "" (unsaid)

    def other_outlets(self) -> list[str]:
        """The outlets of the reprints, each once, without the cited article's own."""
        return list(dict.fromkeys(r.source for r in self.also_in if r.source and r.source != self.source))


@dataclass(frozen=True)
class Result:
    """One cited snippet: verbatim sentences of a passage with the matched words' spans."""

    rank: int
    passage_id: str
    pid: int
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    citation: Citation
    passage: str  # what the snippet was taken from: the passage with the passages either side
    # Spans of the snippet holding what the question asks for (a date, a place, a person, a
    # number or a duration); they are among `highlights` too.
    answer_spans: tuple[tuple[int, int], ...] = ()

    @property
    def doc_id(self) -> str:
        return self.citation.doc_id


@dataclass(frozen=True)
class Answer:
    """The engine's reply to one question. `outcome` is "answer" (`results` answer it),
    "closest" (no passage answers it well enough: `closest` are the nearest) or "not_found";
    `answered` is True for the first only, and `reason` says why (retrieval.decision)."""

    question: str
    lang: str
    answered: bool
    took_ms: float
    results: tuple[Result, ...] = ()
    matched_terms: tuple[str, ...] = field(default=())
    # English questions: (English words, Arabic they were matched as), e.g. ("arms control",
    # "الحد من التسلح"), so a reader sees why an Arabic snippet answers the question.
    matched_on: tuple[tuple[str, str], ...] = field(default=())
    # Arabizi questions: the Arabic-script reading retrieval ran on ("" otherwise).
    read_as: str = ""
    outcome: str = "not_found"
    reason: str = ""
    closest: tuple[Result, ...] = ()
    # Specific words of the question (names, numbers, years, rare terms) that the articles, or
    # the passages shown, do not hold.
    missing: tuple[str, ...] = ()
    # ... of which the articles hold these elsewhere: only the passages shown lack them.
    not_in_shown: tuple[str, ...] = ()
    # The question holds no Arabic or Latin letter ("???", "👍"): the bot asks for words. Not in
    # `to_json`, whose output stays as it was.
    no_words: bool = False

    @property
    def shown(self) -> tuple[Result, ...]:
        """The passages a reply shows: the answer's, or the closest ones."""
        return self.results or self.closest

    def to_json(self) -> dict[str, Any]:
        """The public `ask --json` object (see README); new keys may be added, none removed."""
        return {
            "question": self.question,
            "lang": self.lang,
            "answered": self.answered,
            "took_ms": round(self.took_ms, 2),
            "answers": [_result_json(r) for r in self.results],
            "matched_on": [list(pair) for pair in self.matched_on],
            "read_as": self.read_as,
            "outcome": self.outcome,
            "reason": self.reason,
            "closest": [_result_json(r) for r in self.closest],
            "missing": list(self.missing),
            "not_in_shown": list(self.not_in_shown),
        }


def _result_json(r: Result) -> dict[str, Any]:
    return {
        "rank": r.rank,
        "doc_id": r.citation.doc_id,
        "passage_id": r.passage_id,
        "title": r.citation.title,
        "source": r.citation.source,
        "date": r.citation.date,
        "url": r.citation.url,
        "snippet": r.snippet,
        "score": round(r.score, 4),
        "date_inferred": r.citation.date_inferred,
        "date_from": r.citation.date_from,
        "highlights": [list(span) for span in r.highlights],
        "answer_spans": [list(span) for span in r.answer_spans],
        "also_in": [{"doc_id": p.doc_id, "source": p.source, "url": p.url} for p in r.citation.also_in],
    }


# --- the corpus, the question log and statistics ----------------------------------------------


@dataclass
class RefreshReport:
    """What a refresh changed, for the CLI and the admin's /reindex reply."""

    documents: int = 0
    passages: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The errors no earlier refresh reported: what a cron job should hear about once.
    new_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def modified(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def errors_of(self, name: str) -> list[str]:
        """The errors about the corpus file `name` (the whole file, or lines of it)."""
        return [error for error in self.errors if error.startswith((f"{name}:", f"{name} line "))]


@dataclass(frozen=True)
class LoggedQuery:
    """A logged question: its buttons page through its results and reply in its language."""

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
    """One day of `Engine.daily_activity`."""

    day: date
    questions: int
    answered: int
    articles: int  # documents first indexed that day

    @property
    def not_found(self) -> int:
        return self.questions - self.answered


@dataclass(frozen=True)
class QueryStats:
    """Logged questions over a period (see `Engine.stats`)."""

    questions: int
    answered: int
    by_lang: dict[str, int]
    by_chat_type: dict[str, int]
    median_ms: float | None
    most_asked: list[tuple[str, int]]
    unanswered: list[tuple[str, int]]
    feedback_up: int
    feedback_down: int


# --- news from feeds and pages ------------------------------------------------------------


@dataclass
class WebReport:
    """What one `add` or poll did, for the CLI, the bot and the log."""

    feeds_polled: int = 0
    not_modified: int = 0  # feeds answered 304
    added: list[str] = field(default_factory=list)  # corpus paths of new articles
    updated: list[str] = field(default_factory=list)
    feeds_added: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "URL: why", feeds and pages alike

    @property
    def written(self) -> bool:
        return bool(self.added or self.updated)


@dataclass(frozen=True)
class FeedState:
    """A followed feed as the registry holds it (times are ISO strings, "" for never)."""

    id: int
    url: str
    title: str
    etag: str
    last_modified: str
    added_at: str
    last_fetch: str
    last_success: str
    status: str  # "new", "ok", "partial" (some entries failed) or "error"
    error: str
    failures: int
    next_fetch: str
    last_new: int  # articles added or updated by the last successful fetch
    articles: int = 0  # articles from this feed in the corpus

    def due(self, at: datetime) -> bool:
        return not self.next_fetch or self.next_fetch <= at.isoformat(timespec="seconds")


# --- health, for `corpusbot doctor` ------------------------------------------------------------


@dataclass(frozen=True)
class VectorHealth:
    """Stored vectors of the current model: how many are not what it makes, and how far
    embedding has got."""

    stored: int
    damaged: int  # not `dim` finite numbers of unit length
    dim: int
    covered: bool = False  # every passage has a vector, its own or its article's
    progress: str = ""  # how far embedding has got, in words

    @property
    def usable(self) -> bool:
        return not self.damaged


@dataclass(frozen=True)
class Freshness:
    """The corpus against the store: what a refresh would apply. `analysis` is the store's
    analysis version when it is not this corpusbot's (every file would be read again)."""

    corpus: Path
    found: bool = True
    files: int = 0
    analysis: str | None = None
    pending: list[str] = field(default_factory=list)  # not indexed
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # folder -> why (then nothing else)

    @property
    def up_to_date(self) -> bool:
        return not (self.pending or self.changed or self.removed)


@dataclass(frozen=True)
class StoreHealth:
    """`problem` is "" (usable) or a reason code, "missing", "cannot_open", "not_corpusbot",
    "schema" or "integrity", with `detail` saying more."""

    path: Path
    problem: str = ""
    detail: str = ""
    documents: int = 0
    passages: int = 0
    indexed_at: str = ""
    vectors: VectorHealth | None = None
    freshness: Freshness | None = None
    skipped: list[str] = field(default_factory=list)  # what the last refresh could not index


# --- fetching feeds and pages: every tuned number in one frozen config (environment: README
# "Configuration"), made by the bot's and the CLI's settings and passed to the engine ---------

USER_AGENT = "corpusbot/0.1 (Arabic news question-answering bot; reads feeds and article pages)"


class WebConfigError(ValueError):
    """A malformed web setting; the message names it."""


@dataclass(frozen=True)
class WebConfig:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for one whole request, body included
    max_bytes: int = 5 * 1024 * 1024  # a page or feed larger than this is refused
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # loopback and private addresses (CORPUSBOT_FETCH_ALLOW_PRIVATE)
    min_article_chars: int = 300  # less extracted text than this: not an article
    min_arabic_share: float = 0.5  # of the letters of an article, else "another language"
    max_new_per_poll: int = 100  # articles fetched from one feed in one poll (the newest first)
    backoff_minutes: float = 15.0  # after a failure; doubled each further failure...
    max_backoff_minutes: float = 24 * 60.0  # ...up to a day
    poll_minutes: float = 15.0  # the bot's own polling (CORPUSBOT_POLL_MINUTES); 0: off

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebConfig:
        env = os.environ if env is None else env
        allow = env.get("CORPUSBOT_FETCH_ALLOW_PRIVATE", "").strip().lower()
        if allow not in ("", "0", "1", "true", "false", "yes", "no"):
            raise WebConfigError(f"CORPUSBOT_FETCH_ALLOW_PRIVATE must be 0 or 1, got {allow!r}")
        return cls(
            allow_private=allow in ("1", "true", "yes"),
            poll_minutes=_number(
                env, "CORPUSBOT_POLL_MINUTES", cls.poll_minutes, "minutes (e.g. 15; 0 = off)"
            ),
            host_delay=_number(env, "CORPUSBOT_FETCH_DELAY", cls.host_delay, "seconds (e.g. 1)"),
        )


def _number(env: Mapping[str, str], name: str, default: float, meaning: str) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not 0 <= value < 100_000:
        raise WebConfigError(f"{name} must be {meaning}, got {raw!r}")
    return value


@dataclass(frozen=True)
class DenseProgress:
    """How far embedding has got, for `index`, /stats and `doctor`."""

    articles: int  # articles with a vector (those still needing one count as missing)
    articles_needed: int  # articles with a passage not embedded yet
    passages: int  # passages with a vector of their own
    passages_total: int

    @property
    def covered(self) -> bool:
        """Every passage has a vector, its own or its article's: dense retrieval is on."""
        return self.passages == self.passages_total or self.articles >= self.articles_needed

    def line(self) -> str:
        state = "on" if self.covered else "not yet on (BM25 answers alone)"
        return (
            f"{state}: {self.passages} of {self.passages_total} passages embedded, "
            f"the others by their article's headline and lead ({self.articles} of "
            f"{self.articles_needed} articles embedded)"
            if self.passages < self.passages_total
            else f"{state}: all {self.passages_total} passages embedded"
        )
