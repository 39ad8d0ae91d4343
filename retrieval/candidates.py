"""What either retrieval path hands to the decision and to snippets: candidate passages with
their evidence, and the question's term weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from retrieval.analysis import Term
from retrieval.decision import Evidence
from retrieval.english.expand import Concept
from retrieval.index import Hit


@dataclass(frozen=True)
class Candidate:
    """A retrieved passage with the query terms it holds and its evidence for the decision."""

    hit: Hit
    doc_id: str
    matched: frozenset[str]
    evidence: Evidence


class Retrieval(NamedTuple):
    """What `retrieve` found: term weights (for snippets), the passages best first and the
    question as the path read it: for an English question its concepts (to show what the answer
    was matched on), for an Arabic one its analysed words (for its specific words)."""

    weights: dict[str, float]
    found: list[Candidate]
    concepts: tuple[Concept, ...] = ()
    spans: tuple[Term, ...] = ()
