"""What the engine returns: plain dataclasses shared by the CLI and the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
        "highlights": [list(span) for span in r.highlights],
        "answer_spans": [list(span) for span in r.answer_spans],
        "also_in": [{"doc_id": p.doc_id, "source": p.source, "url": p.url} for p in r.citation.also_in],
    }
