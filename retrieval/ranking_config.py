"""Every tuned number of ranking, in one frozen config per retrieval path (`ArabicRanking`,
`EnglishRanking`) and one for the BM25 model both share (`Bm25Parameters`), passed in so that
the evaluator can sweep them; the answer decision's numbers are in `retrieval/decision.py`.
How the numbers were chosen: docs/tuning.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bm25Parameters:
    """The index's BM25 model (both paths): Lucene's k1 and b, not rank_bm25's defaults."""

    k1: float = 0.9
    b: float = 0.4


@dataclass(frozen=True)
class ArabicRanking:
    """Arabic questions (and Arabizi read wholly into Arabic script).

    The headline is not indexed with the passages (it would count in every passage): a passage
    whose article's headline holds query terms gets `title_weight` of their weight added, after
    BM25 ranked `title_rerank_depth` times the passages needed. With passage embeddings the
    candidates are then reordered by BM25 scaled to the best plus `dense_weight` x cosine.

    A spoken verb prefix of a question word is undone (`retrieval.dialect`) when the corpus
    holds the bare word in `min_snap_frequency` passages at least and `min_snap_ratio` times as
    often as the typed one, whose stem has `min_snap_stem` letters."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    title_weight: float = 0.3
    title_rerank_depth: int = 3
    dense_weight: float = 8.0
    min_snap_frequency: int = 3
    min_snap_ratio: float = 10.0
    min_snap_stem: int = 3


@dataclass(frozen=True)
class EnglishRanking:
    """English and mixed questions: BM25 over the concepts scaled to the best passage, plus
    `dense_weight` x the passage's cosine as a z-score among all passages' cosines."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    dense_weight: float = 0.22


Ranking = ArabicRanking | EnglishRanking
BM25_PARAMETERS = Bm25Parameters()
ARABIC_RANKING = ArabicRanking()
ENGLISH_RANKING = EnglishRanking()
