"""The BM25 index over passage terms: rank_bm25's BM25Okapi scores, computed by the fast scorer
(retrieval/scoring.py) over arrays that are built once and then loaded or updated (index_arrays).
Answering reaches the postings through the `PassageSearcher` seam it implements."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from retrieval.analysis import analyze, index_terms
from retrieval.documents import Document
from retrieval.index_arrays import IndexData
from retrieval.normalize import distinct_words
from retrieval.ranking_config import BM25_PARAMETERS, Bm25Parameters
from retrieval.scoring import BM25Scorer
from retrieval.searcher import Hit, Hits
from retrieval.store_corpus import StoredPassage
from retrieval.stored_documents import StoredDocuments


@lru_cache(maxsize=1 << 18)
def title_terms(title: str) -> frozenset[str]:
    """A headline's terms (cached: a refresh rebuilds the index for every document's title),
    from its distinct words: no offsets are needed."""
    return frozenset(index_terms(distinct_words((title,))))


class TitleTerms:
    """Headline terms by doc id, analysed when first asked for: a question looks at the titles
    of a few hundred candidates, and analysing all 20,000 up front cost a second per start.
    Their article bodies are left undecoded (`StoredDocuments.title`)."""

    def __init__(self, documents: StoredDocuments):
        self._documents = documents

    def __getitem__(self, doc_id: str) -> frozenset[str]:
        return title_terms(self._documents.title(doc_id))


class SearchIndex:
    """Passages, their documents and a BM25 model; immutable once built, so a refresh builds a
    new one and swaps it in while questions keep being answered from the old one. It is the
    `PassageSearcher` (retrieval/searcher.py) of our own postings."""

    def __init__(
        self,
        documents: Sequence[Document] | StoredDocuments,
        passages: Sequence[StoredPassage],
        data: IndexData | None = None,
        bm25: Bm25Parameters = BM25_PARAMETERS,
    ):
        """From the store's passages (with their terms), or from `data` already built for them;
        scored with the `bm25` parameters."""
        self.documents = (
            documents if isinstance(documents, StoredDocuments) else StoredDocuments.of(documents)
        )
        self.data = data if data is not None else IndexData.from_passages(passages)
        self.passages = self.data.passages
        self.scorer = BM25Scorer(self.data.postings, self.data.vocabulary, k1=bm25.k1, b=bm25.b)
        self.title_terms = TitleTerms(self.documents)
        # doc id -> its near-duplicates (retrieval.duplicates.reprints), set by the engine.
        self.reprints: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.passages)

    def idf(self, term: str) -> float:
        """How much a term tells, for abstention and snippets: Lucene's always-positive idf,
        log(1 + (N - n + 0.5) / (n + 0.5)), so that tiny corpora (where BM25Okapi's idf turns
        negative) still weigh rare words above common ones; an unseen term has n = 0."""
        n = self.scorer.document_frequency(term)
        return math.log(1 + (len(self.passages) - n + 0.5) / (n + 0.5))

    def known(self, term: str) -> bool:
        return self.scorer.known(term)

    def search(self, terms: list[str], limit: int) -> list[Hit]:
        """The best `limit` passages holding at least one query term, by BM25 score."""
        positions, scores = self.scorer.top_k(terms, limit)
        return [Hit(p, s) for p, s in zip(positions.tolist(), scores.tolist(), strict=True)]

    def hits(self, terms: list[str], limit: int) -> Hits:
        """`search` as arrays, with which of the (distinct) `terms` each hit holds."""
        positions, scores = self.scorer.top_k(terms, limit)
        return Hits(positions, scores, self.scorer.holds(positions, terms))

    def doc_ids(self, positions: np.ndarray) -> list[str]:
        """The document of each passage in `positions`."""
        table = self.passages
        return [table.doc_ids[i] for i in table.doc_index[positions].tolist()]

    def term_scores(self, term: str) -> np.ndarray:
        """Every passage's BM25 score for one term (BM25Okapi.get_scores([term]))."""
        return self.scorer.get_scores([term])

    def written_words(self) -> set[str]:
        """Every word of the articles, normalized but not stemmed: what names in English questions
        and Arabizi readings are snapped to (a stem may have lost letters of the word)."""
        return distinct_words(doc.body for doc in self.documents.values())

    def word_frequency(self, word: str) -> int:
        """How many passages hold a written word (as analysed: its stem)."""
        terms = analyze(word)
        return self.scorer.document_frequency(terms[0]) if terms else 0

    def passage_text(self, position: int) -> str:
        passage = self.passages[position]
        return self.documents[passage.doc_id].body[passage.start : passage.end]

    def context_span(self, position: int) -> tuple[int, int]:
        """Where passage `position` lies in its article's body together with the passages just
        before and after it (a document's passages are stored consecutively, in order)."""
        passage = self.passages[position]
        start, end = passage.start, passage.end
        for neighbour, step in ((position - 1, -1), (position + 1, 1)):
            if 0 <= neighbour < len(self.passages):
                other = self.passages[neighbour]
                if other.doc_id == passage.doc_id and other.ordinal == passage.ordinal + step:
                    start, end = min(start, other.start), max(end, other.end)
        return start, end
