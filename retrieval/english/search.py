"""The English path of `answer_question`: candidates for an English or mixed question, in the
same shape as the Arabic path's, so selection, abstention and snippets are shared."""

from __future__ import annotations

from retrieval.candidates import Candidate, Retrieval
from retrieval.decision import Evidence
from retrieval.dense_index import DenseIndex
from retrieval.english.expand import Concept, expand_english
from retrieval.english.freedict import load_dictionary
from retrieval.english.names import NameIndex
from retrieval.english.query import DenseScores, rank_english, term_weights
from retrieval.index import SearchIndex
from retrieval.order_stats import nth_highest_sparse
from retrieval.ranking_config import ENGLISH_EXPANSION, ENGLISH_RANKING, EnglishExpansion, EnglishRanking


def english_concepts(
    names: NameIndex, question: str, expansion: EnglishExpansion = ENGLISH_EXPANSION
) -> list[Concept]:
    """The question's concepts, names snapped to the corpus's spelling by `names`."""
    return expand_english(question, load_dictionary(), names, expansion)


def english_candidates(
    index: SearchIndex,
    names: NameIndex,
    question: str,
    limit: int,
    ranking: EnglishRanking = ENGLISH_RANKING,
    dense_index: DenseIndex | None = None,
) -> Retrieval:
    """Arabic term weights (for snippets), the best `limit` passages and the concepts of an
    English question, its names snapped by `names` (`QueryResources.names`). Evidence: concept
    coverage and, with passage embeddings, how close each passage is to the question in meaning
    (see `retrieval.decision.english_strength`)."""
    concepts = english_concepts(names, question, ranking.expansion)
    dense = DenseScores.of(dense_index.scores(question)) if dense_index is not None else None
    ranked = rank_english(index, concepts, dense, limit, ranking)
    if dense is not None:
        runner_up = dense_index.runner_up(dense.cosines, ranking.margin_rank)
        lexical_floor = nth_highest_sparse(ranked.match.scores, ranking.agreement_rank)
        dense_floor = dense_index.nth_best(dense.cosines, ranking.agreement_rank)
    found = []
    for hit in ranked.hits:
        coverage = float(ranked.match.coverage[hit.position])
        evidence = Evidence(coverage)
        if dense is not None:
            similarity = float(dense.cosines[hit.position])
            agreed = similarity >= dense_floor and ranked.match.scores[hit.position] >= lexical_floor
            specificity, margin = (similarity - dense.mean) / dense.spread, similarity - runner_up
            evidence = Evidence(coverage, similarity, specificity, margin, agreed)
        doc_id = index.passages[hit.position].doc_id
        found.append(Candidate(hit, doc_id, ranked.match.matched(hit.position), evidence))
    return Retrieval(term_weights(index, concepts), found, tuple(concepts))
