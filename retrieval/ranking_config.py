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
    BM25 ranked `title_rerank_depth` times the passages needed. For a question asking when,
    where, how many or how long, the first `answer_kind_depth` of those whose own passage holds
    such an answer get `answer_kind_weight` of their score added. With passage embeddings the
    candidates are then reordered by BM25 scaled to the best plus `dense_weight` x cosine.
    In a snippet, for a question asking when / where / who / how many / how long, a sentence
    holding such an answer weighs `answer_kind_bonus` more (`retrieval.snippets`)."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    title_weight: float = 0.3
    title_rerank_depth: int = 3
    answer_kind_weight: float = 0.2
    answer_kind_depth: int = 20
    dense_weight: float = 8.0
    answer_kind_bonus: float = 0.5


@dataclass(frozen=True)
class EnglishRanking:
    """English and mixed questions: BM25 over the concepts scaled to the best passage, plus
    `dense_weight` x the passage's cosine as a z-score among all passages' cosines; snippets
    as `ArabicRanking.answer_kind_bonus`."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    dense_weight: float = 0.22
    answer_kind_bonus: float = 0.5


Ranking = ArabicRanking | EnglishRanking
BM25_PARAMETERS = Bm25Parameters()
ARABIC_RANKING = ArabicRanking()
ENGLISH_RANKING = EnglishRanking()
