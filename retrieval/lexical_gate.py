"""Whether BM25 alone has decided an Arabic question, so that embedding it (most of a new question's
CPU time) cannot change the answer: the gate before dense reranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from retrieval.candidates import Candidate
from retrieval.ranking_config import ARABIC_RANKING, ArabicRanking


def lead_margin(found: Sequence[Candidate], reprints: Mapping[str, tuple[str, ...]] | None = None) -> float:
    """How far the best passage outscores the best passage of any other story, as a share of
    its score (1.0 when no other story is a candidate). Another passage of the same article is
    no rival, nor is a reprint of it (`reprints`): the answer cites that story either way."""
    if not found or found[0].hit.score <= 0:
        return 0.0
    best = found[0]
    story = {best.doc_id, *(reprints or {}).get(best.doc_id, ())}
    rival = next((c.hit.score for c in found[1:] if c.doc_id not in story), 0.0)
    return (best.hit.score - max(rival, 0.0)) / best.hit.score


def lexically_decisive(
    found: Sequence[Candidate],
    ranking: ArabicRanking = ARABIC_RANKING,
    *,
    by_article: bool = False,
    reprints: Mapping[str, tuple[str, ...]] | None = None,
) -> bool:
    """Whether the BM25 candidates (best first) leave nothing for the question's vector to
    decide: the best holds `decisive_coverage` of the question and leads every other story by
    `decisive_margin`, or by `decisive_margin_by_article` when passages are scored by their
    article's vector (`by_article`: it cannot tell an article's passages apart, only articles)."""
    margin = ranking.decisive_margin_by_article if by_article else ranking.decisive_margin
    return (
        bool(found)
        and found[0].evidence.coverage >= ranking.decisive_coverage
        and lead_margin(found, reprints) >= margin
    )
