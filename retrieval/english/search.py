"""The English path of `answer_question`: candidates for an English or mixed question, in the
same shape as the Arabic path's, so selection, abstention and snippets are shared."""

from __future__ import annotations

import weakref

from retrieval.answering import Candidate
from retrieval.english.expand import Concept, expand_english
from retrieval.english.freedict import load_dictionary
from retrieval.english.names import NameIndex
from retrieval.english.query import concept_coverage, rank_english, term_weights
from retrieval.index import SearchIndex
from retrieval.normalize import word_spans

_name_indexes: weakref.WeakKeyDictionary[SearchIndex, NameIndex] = weakref.WeakKeyDictionary()


def name_index(index: SearchIndex) -> NameIndex:
    """The corpus's words (as written, normalized) by consonant skeleton, built on the first
    English question. Written words, not stems: a stem may have lost letters that belong to
    the name, and the snapped word goes through the analysis chain afterwards anyway."""
    names = _name_indexes.get(index)
    if names is None:
        words = {span.norm for i in range(len(index)) for span in word_spans(index.passage_text(i))}
        names = NameIndex(words)
        _name_indexes[index] = names
    return names


def english_concepts(index: SearchIndex, question: str) -> list[Concept]:
    """The question's concepts, names snapped to this index's vocabulary."""
    return expand_english(question, load_dictionary(), name_index(index))


def english_candidates(
    index: SearchIndex, question: str, limit: int
) -> tuple[dict[str, float], list[Candidate]]:
    """Arabic term weights (for snippets) and the best `limit` passages for an English question."""
    concepts = english_concepts(index, question)
    dense = index.dense.scores(question) if getattr(index, "dense", None) is not None else None
    ranking = rank_english(index, concepts, dense, limit)
    terms = [t for c in concepts for t in c.terms if index.known(t)]
    found = [
        Candidate(
            hit,
            index.passages[hit.position].doc_id,
            frozenset(index.matched_terms(hit.position, terms)),
            concept_coverage(index, concepts, hit.position),
        )
        for hit in ranking.hits
    ]
    return term_weights(index, concepts), found
