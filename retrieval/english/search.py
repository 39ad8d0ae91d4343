"""The English path of `answer_question`: candidates for an English or mixed question, in the
same shape as the Arabic path's, so selection, abstention and snippets are shared."""

from __future__ import annotations

import weakref

import numpy as np

from retrieval.candidates import Candidate, Retrieval
from retrieval.decision import Evidence
from retrieval.english.expand import Concept, expand_english
from retrieval.english.freedict import load_dictionary
from retrieval.english.names import NameIndex
from retrieval.english.query import rank_english, term_weights
from retrieval.index import SearchIndex
from retrieval.ranking_config import ENGLISH_EXPANSION, ENGLISH_RANKING, EnglishExpansion, EnglishRanking

_name_indexes: weakref.WeakKeyDictionary[SearchIndex, NameIndex] = weakref.WeakKeyDictionary()


def name_index(index: SearchIndex) -> NameIndex:
    """The corpus's words (as written, normalized) by consonant skeleton, read from the store
    (retrieval/word_tables.py) or built on the first English question. Written words, not
    stems: a stem may have lost letters that belong to the name, and the snapped word goes
    through the analysis chain afterwards anyway."""
    names = _name_indexes.get(index)
    if names is None:
        if index.word_tables is not None:
            names = NameIndex.saved(index.word_tables.names, index.word_frequency)
        else:
            names = NameIndex(index.written_words(), index.word_frequency)
        _name_indexes[index] = names
    return names


def english_concepts(
    index: SearchIndex, question: str, expansion: EnglishExpansion = ENGLISH_EXPANSION
) -> list[Concept]:
    """The question's concepts, names snapped to this index's vocabulary."""
    return expand_english(question, load_dictionary(), name_index(index), expansion)


def english_candidates(
    index: SearchIndex, question: str, limit: int, ranking: EnglishRanking = ENGLISH_RANKING
) -> Retrieval:
    """Arabic term weights (for snippets), the best `limit` passages and the concepts of an
    English question. Evidence: concept coverage and, with passage embeddings, how close each
    passage is to the question in meaning (see `retrieval.decision.english_strength`)."""
    concepts = english_concepts(index, question, ranking.expansion)
    dense = index.dense.scores(question) if index.dense is not None else None
    ranked = rank_english(index, concepts, dense, limit, ranking)
    if dense is not None:
        mean, spread = float(dense.mean()), float(dense.std()) or 1.0
        runner_up = index.dense.runner_up(dense, ranking.margin_rank)
        lexical_floor = _nth_best(ranked.match.scores, ranking.agreement_rank)
        dense_floor = _nth_best(dense, ranking.agreement_rank)
    found = []
    for hit in ranked.hits:
        coverage = float(ranked.match.coverage[hit.position])
        evidence = Evidence(coverage)
        if dense is not None:
            similarity = float(dense[hit.position])
            agreed = similarity >= dense_floor and ranked.match.scores[hit.position] >= lexical_floor
            specificity, margin = (similarity - mean) / spread, similarity - runner_up
            evidence = Evidence(coverage, similarity, specificity, margin, agreed)
        doc_id = index.passages[hit.position].doc_id
        found.append(Candidate(hit, doc_id, ranked.match.matched(hit.position), evidence))
    return Retrieval(term_weights(index, concepts), found, tuple(concepts))


def _nth_best(scores: np.ndarray, n: int) -> float:
    """The n-th highest of `scores` (the lowest, when there are fewer)."""
    n = min(n, len(scores))
    return float(np.partition(scores, -n)[-n])
