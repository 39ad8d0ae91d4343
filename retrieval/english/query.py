"""Rank passages for an English question: weighted BM25 over its Arabic concepts, fused with a
multilingual dense ranking when passage embeddings are available."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.english.expand import Concept
from retrieval.index import Hit, SearchIndex

# Reciprocal-rank fusion (Cormack et al. 2009): score = sum of weight / (RRF_K + rank).
RRF_K = 60
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 1.0
FUSION_DEPTH = 100


def term_scores(index: SearchIndex, term: str) -> np.ndarray:
    """BM25 score of every passage for one term (zeros for a term the corpus lacks)."""
    scorer = getattr(index, "term_scores", None)
    if scorer is not None:
        return np.asarray(scorer(term), dtype=np.float64)
    if not index.known(term):
        return np.zeros(len(index))
    return np.asarray(index._bm25.get_scores([term]), dtype=np.float64)


def concept_scores(index: SearchIndex, concepts: list[Concept]) -> np.ndarray:
    """Each passage's score: per concept, its best rendering's mean BM25 term score, weighted."""
    total = np.zeros(len(index))
    cache: dict[str, np.ndarray] = {}
    for concept in concepts:
        best = np.zeros(len(index))
        for rendering in concept.renderings:
            known = [t for t in rendering.terms if index.known(t)]
            if not known:
                continue
            score = sum(cache.setdefault(t, term_scores(index, t)) for t in known) / len(rendering.terms)
            np.maximum(best, rendering.confidence * score, out=best)
        total += concept.weight * best
    return total


def top_positions(scores: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the `limit` highest positive scores, best first."""
    limit = min(limit, len(scores))
    if limit <= 0:
        return np.zeros(0, dtype=int)
    part = np.argpartition(-scores, limit - 1)[:limit]
    part = part[np.argsort(-scores[part], kind="stable")]
    return part[scores[part] > 0]


def fuse(rankings: list[tuple[np.ndarray, float]], size: int, k: int = RRF_K) -> np.ndarray:
    """Reciprocal-rank fusion of several rankings (positions best first, each with a weight)."""
    fused = np.zeros(size)
    for positions, weight in rankings:
        fused[positions] += weight / (k + 1 + np.arange(len(positions)))
    return fused


@dataclass(frozen=True)
class EnglishRanking:
    """Hits for an English question and the Arabic term weights behind them."""

    hits: list[Hit]
    weights: dict[str, float]


def rank_english(
    index: SearchIndex,
    concepts: list[Concept],
    dense: np.ndarray | None,
    limit: int,
) -> EnglishRanking:
    """Best passages for the concepts, fused with `dense` similarities (one per passage) if given."""
    lexical = concept_scores(index, concepts) if len(index) else np.zeros(0)
    rankings = [(top_positions(lexical, FUSION_DEPTH), LEXICAL_WEIGHT)]
    if dense is not None and len(dense) == len(index):
        rankings.append((top_positions(dense + 2.0, FUSION_DEPTH), DENSE_WEIGHT))
    fused = fuse(rankings, len(index))
    hits = [Hit(int(p), float(fused[p])) for p in top_positions(fused, limit)]
    return EnglishRanking(hits, term_weights(index, concepts))


def term_weights(index: SearchIndex, concepts: list[Concept]) -> dict[str, float]:
    """Arabic term → weight for snippets and highlights: idf, scaled by concept and trust."""
    weights: dict[str, float] = {}
    for concept in concepts:
        for rendering in concept.renderings:
            for term in rendering.terms:
                if index.known(term):
                    w = concept.weight * rendering.confidence * max(index.idf(term), 0.0)
                    weights[term] = max(weights.get(term, 0.0), w)
    return weights


def concept_coverage(index: SearchIndex, concepts: list[Concept], position: int) -> float:
    """Share of the question's concept weight (by idf) that passage `position` matches."""
    total = matched = 0.0
    for concept in concepts:
        idfs = [index.idf(t) for t in concept.terms]
        if not idfs:
            continue
        mass = concept.weight * max(max(idfs), 0.0)
        total += mass
        if index.matched_terms(position, concept.terms):
            matched += mass
    return matched / total if total else 0.0
