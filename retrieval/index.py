"""The BM25 index over passage terms (rank_bm25's BM25Okapi), built from the store's rows."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from retrieval.documents import Document
from retrieval.store import StoredPassage

# rank_bm25's defaults (k1 1.5, b 0.75, epsilon 0.25).
K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class Hit:
    """A passage and its BM25 score for a query."""

    position: int
    score: float


class SearchIndex:
    """Passages, their documents and a BM25 model; immutable once built, so a refresh builds a
    new one and swaps it in while questions keep being answered from the old one."""

    def __init__(self, documents: list[Document], passages: list[StoredPassage]):
        self.documents = {doc.doc_id: doc for doc in documents}
        self.passages = passages
        self._term_sets = [frozenset(p.terms) for p in passages]
        searchable = any(p.terms for p in passages)
        self._bm25 = BM25Okapi([p.terms for p in passages], k1=K1, b=B) if searchable else None
        # The weight of a term the corpus has never seen: as rare as a term can be.
        self._unseen_idf = math.log((len(passages) + 0.5) / 0.5) if passages else 1.0

    def __len__(self) -> int:
        return len(self.passages)

    def idf(self, term: str) -> float:
        """BM25's idf for a known term; for an unknown one, the idf of a term in no passage."""
        if self._bm25 is None:
            return self._unseen_idf
        return self._bm25.idf.get(term, self._unseen_idf)

    def known(self, term: str) -> bool:
        return self._bm25 is not None and term in self._bm25.idf

    def search(self, terms: list[str], limit: int) -> list[Hit]:
        """The best `limit` passages with a positive score, best first."""
        if self._bm25 is None or not any(self.known(t) for t in terms):
            return []
        scores = self._bm25.get_scores(terms)
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        return [Hit(i, float(scores[i])) for i in ranked if scores[i] > 0]

    def matched_terms(self, position: int, terms: list[str]) -> set[str]:
        return self._term_sets[position].intersection(terms)

    def passage_text(self, position: int) -> str:
        passage = self.passages[position]
        return self.documents[passage.doc_id].body[passage.start : passage.end]
