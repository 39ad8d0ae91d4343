"""Term proximity for the top candidates: how much of a question's weight one stretch of a
passage holds together. BM25 scores a passage as a bag of words, so a passage naming الهلال in
one sentence and مدرب in another about something else ties with one saying "مدرب الهلال"; a
question's terms sitting together in one sentence (or window of words) tell the second apart."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.analysis import analyze_spans
from retrieval.candidates import Candidate
from retrieval.index import Hit
from retrieval.passages import sentence_breaks
from retrieval.ranking_config import Ranking


@dataclass(frozen=True)
class TermGroup:
    """One thing the question asks about: its weight and the index terms any of which name it
    (an Arabic question's term alone; an English concept's renderings)."""

    mass: float
    terms: frozenset[str]


def together_share(text: str, groups: Sequence[TermGroup], window: int = 0) -> float:
    """The largest share of the groups' mass that one sentence of `text` holds (or, with
    `window`, one run of that many index terms), counted only where two groups or more meet:
    a single term anywhere is no proximity."""
    total = sum(g.mass for g in groups)
    if total <= 0 or len(groups) < 2:
        return 0.0
    owner = {term: i for i, g in enumerate(groups) for term in g.terms}
    spans = analyze_spans(text)
    found = [(n, t.start, owner[t.term]) for n, t in enumerate(spans) if t.term in owner]
    if len({group for _, _, group in found}) < 2:
        return 0.0
    stretches = _windows(found, window) if window else _sentences(text, found)
    best = 0.0
    for members in stretches:
        if len(members) >= 2:
            best = max(best, sum(groups[i].mass for i in members))
    return best / total


def proximity_rerank(
    found: list[Candidate],
    text_of: Callable[[int], str],
    groups: Sequence[TermGroup],
    ranking: Ranking,
) -> list[Candidate]:
    """The first `proximity_depth` candidates reordered, each raised by `proximity_weight` x
    the best score among them x its passage's `together_share` (sentences, or windows of
    `proximity_window` terms); the rest follow unchanged. Off at weight 0."""
    weight, window = ranking.proximity_weight, ranking.proximity_window
    if not weight or not found or len(groups) < 2:
        return found
    head = found[: ranking.proximity_depth]
    top = max(abs(c.hit.score) for c in head) or 1.0
    rescored = []
    for c in head:
        # A passage the index shows holding fewer than two groups is not read (most of the cost).
        meeting = sum(not g.terms.isdisjoint(c.matched) for g in groups) >= 2
        share = together_share(text_of(c.hit.position), groups, window) if meeting else 0.0
        score = c.hit.score + weight * top * share
        rescored.append(Candidate(Hit(c.hit.position, score), c.doc_id, c.matched, c.evidence))
    rescored.sort(key=lambda c: -c.hit.score)
    return rescored + found[len(head) :]


def _sentences(text: str, found: list[tuple[int, int, int]]) -> list[set[int]]:
    """The groups each sentence holds."""
    breaks = sentence_breaks(text)
    held: dict[int, set[int]] = {}
    for _, start, group in found:
        held.setdefault(bisect_right(breaks, start), set()).add(group)
    return list(held.values())


def _windows(found: list[tuple[int, int, int]], window: int) -> list[set[int]]:
    """The groups each run of `window` index terms starting at a matched term holds."""
    return [
        {group for later, _, group in found[i:] if later < first + window}
        for i, (first, _, _) in enumerate(found)
    ]
