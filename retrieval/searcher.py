"""The seam between answering and whatever holds the postings: `PassageSearcher`.

Answering asks a searcher four things, all about terms already analysed by our own chain
(retrieval/analysis.py): the best passages for some terms, how much a term tells (idf),
whether the corpus has a term at all (vocabulary), and a passage's text by position. Today's
implementation is the in-process postings index (`retrieval.index.SearchIndex`); a remote
engine (OpenSearch, say) would implement the same protocol, fed the pre-analysed terms so both
see the same words, and be judged against it by rank (README "How it works"), never by score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class Hit:
    """A passage and its score for a query."""

    position: int
    score: float


@dataclass(frozen=True)
class Hits:
    """The best passages for a query as arrays, best first: answering weighs them in bulk."""

    positions: np.ndarray  # int64, passage positions (the searcher's passage ids)
    scores: np.ndarray  # float64
    held: np.ndarray  # bool [term, hit]: whether the hit's passage holds the query's term


@runtime_checkable
class PassageSearcher(Protocol):
    """Top-k passages for analysed terms, idf, vocabulary, passage by position."""

    def __len__(self) -> int:
        """How many passages there are (positions run from 0 to this)."""
        ...

    def hits(self, terms: list[str], limit: int) -> Hits:
        """The best `limit` passages holding at least one of the (distinct) `terms`, best first,
        equal scores by position, with which terms each one holds."""
        ...

    def idf(self, term: str) -> float:
        """How much `term` tells: positive, larger for rarer terms, also for an unseen one."""
        ...

    def known(self, term: str) -> bool:
        """Whether any passage holds `term`."""
        ...

    def passage_text(self, position: int) -> str:
        """The text of the passage at `position`."""
        ...
