"""Whether BM25 alone has decided an Arabic question, so that embedding it (most of a new
question's CPU time) cannot change the answer: the gate before dense reranking."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.candidates import Candidate
from retrieval.ranking_config import ARABIC_RANKING, ArabicRanking


def lead_margin(found: Sequence[Candidate]) -> float:
    """How far the best passage outscores the best passage of any other article, as a share
    of its score (1.0 when no other article is a candidate; another passage of the same
    article is no rival: the answer cites that article either way)."""
    if not found or found[0].hit.score <= 0:
        return 0.0
    best = found[0]
    rival = next((c.hit.score for c in found[1:] if c.doc_id != best.doc_id), 0.0)
    return (best.hit.score - max(rival, 0.0)) / best.hit.score


def lexically_decisive(found: Sequence[Candidate], ranking: ArabicRanking = ARABIC_RANKING) -> bool:
    """Whether the BM25 candidates (best first) leave nothing for the question's vector to
    decide: the best holds `decisive_coverage` of the question and leads by `decisive_margin`."""
    return (
        bool(found)
        and found[0].evidence.coverage >= ranking.decisive_coverage
        and lead_margin(found) >= ranking.decisive_margin
    )
