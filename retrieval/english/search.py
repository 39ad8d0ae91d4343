"""The English path of `answer_question`: candidates for an English or mixed question, in the
same shape as the Arabic path's, so selection, abstention and snippets are shared."""

from __future__ import annotations

import weakref

import numpy as np

from retrieval.answering import MIN_OTHER_COVERAGE, MIN_TOP_COVERAGE, Candidate, Retrieval
from retrieval.english.expand import Concept, expand_english
from retrieval.english.freedict import load_dictionary
from retrieval.english.names import NameIndex
from retrieval.english.query import rank_english, term_weights
from retrieval.index import SearchIndex

# English-to-Arabic cosines run lower than Arabic-to-Arabic ones: thresholds of their own,
# chosen on xquad-dev English and the own English set (see `evidence`).
SPECIFICITY_MIX = 0.04
MARGIN_MIX = 1.0
MARGIN_RANK = 6
MIN_DENSE_EVIDENCE = 0.964
MIN_COVERAGE_WITH_DENSE = 0.15
# A passage that both rankings, lexical and dense, put among their AGREEMENT_RANK best needs less
# dense evidence (see `evidence`).
AGREEMENT_RANK = 3
MIN_AGREED_EVIDENCE = 0.88
MIN_AGREED_COVERAGE = 0.35
# Half the concepts do not make an answer of a passage far from the question in meaning, unless
# it holds SURE_COVERAGE of them (see `evidence`).
MIN_EVIDENCE_FOR_COVERAGE = 0.82
SURE_COVERAGE = 0.7

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


def english_concepts(index: SearchIndex, question: str) -> list[Concept]:
    """The question's concepts, names snapped to this index's vocabulary."""
    return expand_english(question, load_dictionary(), name_index(index))


def english_candidates(index: SearchIndex, question: str, limit: int) -> Retrieval:
    """Arabic term weights (for snippets), the best `limit` passages and the concepts of an
    English question."""
    concepts = english_concepts(index, question)
    dense = index.dense.scores(question) if index.dense is not None else None
    ranking = rank_english(index, concepts, dense, limit)
    if dense is not None:
        mean, spread = float(dense.mean()), float(dense.std()) or 1.0
        runner_up = index.dense.runner_up(dense, MARGIN_RANK)
        lexical_floor = _nth_best(ranking.match.scores, AGREEMENT_RANK)
        dense_floor = _nth_best(dense, AGREEMENT_RANK)
    found = []
    for hit in ranking.hits:
        coverage = float(ranking.match.coverage[hit.position])
        if dense is not None:
            similarity = float(dense[hit.position])
            agreed = similarity >= dense_floor and ranking.match.scores[hit.position] >= lexical_floor
            specificity, margin = (similarity - mean) / spread, similarity - runner_up
            coverage = evidence(coverage, similarity, specificity, margin, agreed)
        doc_id = index.passages[hit.position].doc_id
        found.append(Candidate(hit, doc_id, ranking.match.matched(hit.position), coverage))
    return Retrieval(term_weights(index, concepts), found, tuple(concepts))


def _nth_best(scores: np.ndarray, n: int) -> float:
    """The n-th highest of `scores` (the lowest, when there are fewer)."""
    n = min(n, len(scores))
    return float(np.partition(scores, -n)[-n])


def evidence(coverage: float, similarity: float, specificity: float, margin: float, agreed: bool) -> float:
    """The share `select_results` weighs for abstention: the concept coverage, raised to
    MIN_TOP_COVERAGE when the passage is also close to the question in meaning: its cosine, plus
    SPECIFICITY_MIX x its z-score among all passages, plus MARGIN_MIX x how far it stands above
    the MARGIN_RANK-th closest passage (an answer stands out; a question merely near the corpus's
    topic is about as close to many passages). English renderings miss many words a passage
    does answer with, so coverage alone leaves many answerable questions unanswered: xquad-dev
    English not-found .434 -> .23, own English unanswerable not-found .769 either way.

    Two rankings that agree (`agreed`: the passage is among the AGREEMENT_RANK best both by its
    words and by its meaning) are evidence of their own, and such a passage needs less: xquad-dev
    English not-found .203 -> .166, answer-in-snippet .631 -> .661, while own English unanswerable
    questions still get "not found" as often (.769) and xquad-dev questions asked without their
    paragraph .733 -> .684.

    The other way round, half the concepts do not make an answer of a passage far from the
    question in meaning (dense evidence under MIN_EVIDENCE_FOR_COVERAGE) unless it holds
    SURE_COVERAGE of them: xquad-dev English asked without their paragraph .684 -> .747 not
    found (without their article, as estimated by dropping its passages from the ranking, .86 ->
    .94), own English unanswerable .769 -> .846, at a cost of answer-in-snippet .661 -> .655."""
    dense_evidence = similarity + SPECIFICITY_MIX * specificity + MARGIN_MIX * margin
    if coverage >= MIN_COVERAGE_WITH_DENSE and dense_evidence >= MIN_DENSE_EVIDENCE:
        return max(coverage, MIN_TOP_COVERAGE)
    if agreed and coverage >= MIN_AGREED_COVERAGE and dense_evidence >= MIN_AGREED_EVIDENCE:
        return max(coverage, MIN_TOP_COVERAGE)
    if MIN_TOP_COVERAGE <= coverage < SURE_COVERAGE and dense_evidence < MIN_EVIDENCE_FOR_COVERAGE:
        return min(coverage, MIN_OTHER_COVERAGE)  # may follow a better answer, not lead one
    return coverage
