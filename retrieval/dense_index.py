"""The dense index: question-to-passage cosine similarities over the vectors at hand, aligned
with a SearchIndex's passage positions (composed with it by the engine; see retrieval/indexes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from retrieval.embedder import Embedder
from retrieval.order_stats import nth_highest, nth_highest_repeated


@dataclass(frozen=True)
class DenseIndex:
    """Vectors aligned with a SearchIndex: one per article (headline and lead; zero rows where
    none is needed) and one per passage embedded so far. A passage without a vector of its own
    is scored by its article's, so a large corpus gets dense retrieval long before every
    passage is embedded."""

    embedder: Embedder
    articles: np.ndarray  # [document row, dim], rows in the index's doc_ids order
    doc_rows: np.ndarray  # per passage position, its article's row
    positions: np.ndarray  # the passages that have a vector of their own...
    passages: np.ndarray  # ...and those vectors, [len(positions), dim]

    def scores(self, question: str) -> np.ndarray:
        """Cosine similarity of the question to every passage (or to its article)."""
        query = self.embedder.query(question)
        if len(self.positions) == len(self.doc_rows):
            return self.passages @ query  # every passage has its own vector, in position order
        scores = (self.articles @ query)[self.doc_rows]
        if len(self.positions):
            scores[self.positions] = self.passages @ query
        return scores

    def runner_up(self, scores: np.ndarray, n: int) -> float:
        """The n-th highest of `scores` (one per passage), for how far the best stands out;
        while passages share their article's vector, the n-th best article's (the passages
        of one article, alike by construction, would otherwise leave no margin at all)."""
        if len(self.positions) < len(self.doc_rows) and len(scores):
            scores = self._per_run(scores)
        return nth_highest(scores, n)

    def nth_best(self, scores: np.ndarray, n: int) -> float:
        """The n-th highest of `scores` (one per passage); while no passage has a vector of its
        own, found among the articles' scores, each counted once per passage."""
        if len(self.positions) or not len(scores):
            return nth_highest(scores, n)
        return nth_highest_repeated(scores[self._article_starts], self._run_lengths, n)

    def _per_run(self, scores: np.ndarray) -> np.ndarray:
        """The best of `scores` in each article's run of passages: its first where no passage
        has a vector of its own (the run then holds one value)."""
        if len(self.positions):
            return np.maximum.reduceat(scores, self._article_starts)
        return scores[self._article_starts]

    @cached_property
    def _article_starts(self) -> np.ndarray:
        """Where each article's run of passage positions starts (fixed for the index)."""
        return np.flatnonzero(np.diff(self.doc_rows, prepend=-1))

    @cached_property
    def _run_lengths(self) -> np.ndarray:
        """How many passages each run of `_article_starts` holds."""
        return np.diff(self._article_starts, append=len(self.doc_rows))

    @cached_property
    def leads(self) -> np.ndarray | None:
        """Per passage position, the position of the lead passage whose article vector it is
        scored by (headline and lead: `retrieval.vectors.LEAD_WORDS`), or its own where it has a
        vector of its own or is the lead; None once every passage has its own."""
        if len(self.positions) == len(self.doc_rows):
            return None
        leads = np.repeat(self._article_starts, self._run_lengths)
        leads[self.positions] = self.positions
        return leads

    def passage_vectors(self) -> dict[int, np.ndarray]:
        """Position -> the passage's own vector, for the passages that have one."""
        return dict(zip(self.positions.tolist(), self.passages, strict=True))
