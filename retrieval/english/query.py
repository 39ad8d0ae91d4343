"""Rank passages for an English question: weighted BM25 over its Arabic concepts, fused with a
multilingual dense ranking when passage embeddings are available."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from retrieval.english.expand import Concept
from retrieval.index import Hit, SearchIndex
from retrieval.ranking_config import ENGLISH_RANKING, EnglishRanking


@dataclass(frozen=True)
class ConceptMatch:
    """How every passage matches a question's concepts, computed once per question."""

    scores: np.ndarray  # per concept, its best rendering's mean BM25 term score, weighted
    coverage: np.ndarray  # share of the concepts' idf mass whose terms the passage holds
    present: dict[str, np.ndarray]  # known term -> which passages hold it

    def matched(self, position: int) -> frozenset[str]:
        return frozenset(t for t, held in self.present.items() if held[position])


def match_concepts(index: SearchIndex, concepts: list[Concept]) -> ConceptMatch:
    """Score and coverage of every passage for the concepts (one BM25 pass per distinct term),
    worked out for the passages holding one of their terms: any other scores 0 and covers
    nothing (at 113,000 passages, arrays of them all made this half an English answer)."""
    terms = list(dict.fromkeys(t for c in concepts for t in c.terms if index.known(t)))
    present = {t: index.scorer.holding(t) for t in terms}
    holding = np.flatnonzero(np.logical_or.reduce([*present.values(), np.zeros(len(index), bool)]))
    per_term = {t: index.term_scores(t)[holding] for t in terms}
    held_by = {t: mask[holding] for t, mask in present.items()}
    size = len(holding)
    total_scores, covered = np.zeros(size), np.zeros(size)
    total_mass = 0.0
    for concept in concepts:
        best = np.zeros(size)
        factors = spelling_factors(index, concept, index.scorer.term_idf)
        for rendering in concept.renderings:
            known = [t for t in rendering.terms if t in per_term]
            if known:
                score = sum(per_term[t] * factors.get(t, 1.0) for t in known) / len(rendering.terms)
                np.maximum(best, rendering.confidence * score, out=best)
        total_scores += concept.weight * best
        if concept.terms:
            # A concept the corpus never mentions still counts: its idf is that of an unseen term.
            mass = concept.weight * max(index.idf(t) for t in concept.terms)
            total_mass += mass
            held = [held_by[t] for t in concept.terms if t in held_by]
            if held:
                covered += mass * np.logical_or.reduce(held)
    coverage = covered / total_mass if total_mass else covered
    scores = _spread(total_scores, holding, len(index))
    return ConceptMatch(scores, _spread(coverage, holding, len(index)), present)


def _spread(values: np.ndarray, positions: np.ndarray, size: int) -> np.ndarray:
    """`values` at `positions` of an array of `size` zeros."""
    spread = np.zeros(size)
    spread[positions] = values
    return spread


def concept_scores(index: SearchIndex, concepts: list[Concept]) -> np.ndarray:
    """Each passage's score: per concept, its best rendering's mean BM25 term score, weighted."""
    return match_concepts(index, concepts).scores


def top_positions(scores: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the `limit` highest positive scores, best first."""
    limit = min(limit, len(scores))
    if limit <= 0:
        return np.zeros(0, dtype=int)
    part = np.argpartition(-scores, limit - 1)[:limit]
    part = part[np.argsort(-scores[part], kind="stable")]
    return part[scores[part] > 0]


@dataclass(frozen=True)
class DenseScores:
    """Every passage's cosine to the question, with their mean and spread: fusion and the
    evidence of the hits both standardize by them, computed once."""

    cosines: np.ndarray
    mean: float
    spread: float

    @classmethod
    def of(cls, cosines: np.ndarray) -> DenseScores:
        return cls(cosines, float(cosines.mean()), float(cosines.std()) or 1.0)


def fuse(
    lexical: np.ndarray,
    dense: DenseScores | None,
    dense_weight: float = ENGLISH_RANKING.dense_weight,
    lexical_share: float = 1.0,
) -> np.ndarray:
    """One score per passage: lexical scaled to its best, plus `dense_weight` x the dense
    z-score (rather than reciprocal-rank fusion, which flattens a dominant lexical match on
    names)."""
    top = float(lexical.max()) if len(lexical) else 0.0
    fused = lexical / top * lexical_share if top > 0 else np.zeros_like(lexical)
    if dense is None or len(dense.cosines) != len(lexical) or not len(dense.cosines):
        return fused
    return fused + dense_weight * (dense.cosines - dense.mean) / dense.spread


@dataclass(frozen=True)
class EnglishHits:
    """Hits for an English question, best first, with how the concepts match every passage."""

    hits: list[Hit]
    match: ConceptMatch


def rank_english(
    index: SearchIndex,
    concepts: list[Concept],
    dense: DenseScores | None,
    limit: int,
    ranking: EnglishRanking = ENGLISH_RANKING,
) -> EnglishHits:
    """Best passages for the concepts, fused with `dense` cosines (one per passage) if given."""
    match = match_concepts(index, concepts)
    share = min(1.0, float(match.coverage.max(initial=0.0)) / ranking.full_lexical_coverage)
    fused = fuse(match.scores, dense, ranking.dense_weight, share)
    if dense is None or len(dense.cosines) != len(index):
        # Lexical only: the passages that hold a concept's term, whose score may be 0 or less
        # where rank_bm25's idf is negative (a term in most passages of a tiny corpus).
        held = np.logical_or.reduce([*match.present.values(), np.zeros(len(index), bool)])
        positions = top_positions(np.where(held, fused - fused.min() + 1.0, 0.0), limit)
    else:
        positions = top_positions(fused - fused.min() + 1.0, limit)
    return EnglishHits([Hit(int(p), float(fused[p])) for p in positions], match)


_SPELLING_SOURCES = ("lexicon", "name")


def spelling_factors(index: SearchIndex, concept: Concept, idf: Callable[[str], float]) -> dict[str, float]:
    """Factors that bring the `idf` of a concept's one-word lexicon and name renderings down to
    the most common one's: they spell one word, so none may weigh more than another (as Lucene's
    synonym queries share one document frequency). A misspelling the corpus has once ("بادين" for Biden,
    beside the usual "بايدن") otherwise outweighs every passage with the usual spelling: own
    English hit@1 .94 -> .96, answer-in-snippet .66 -> .70; xquad-dev English .839 -> .840,
    .628 -> .631. Dictionary senses are left alone (xquad-dev English snippet .631 -> .628)."""
    singles = {
        r.terms[0]
        for r in concept.renderings
        if len(r.terms) == 1 and r.source in _SPELLING_SOURCES and index.known(r.terms[0])
    }
    idfs = {t: idf(t) for t in singles}
    if len(idfs) < 2 or min(idfs.values()) <= 0:
        return {}
    floor = min(idfs.values())
    return {t: floor / value for t, value in idfs.items()}


def term_weights(index: SearchIndex, concepts: list[Concept]) -> dict[str, float]:
    """Arabic term → weight for snippets and highlights: idf, scaled by concept and trust."""
    weights: dict[str, float] = {}
    for concept in concepts:
        factors = spelling_factors(index, concept, index.idf)
        for rendering in concept.renderings:
            for term in rendering.terms:
                if index.known(term):
                    idf = max(index.idf(term), 0.0) * factors.get(term, 1.0)
                    w = concept.weight * rendering.confidence * idf
                    weights[term] = max(weights.get(term, 0.0), w)
    return weights
