"""From a question to an answer over a built index: terms, ranking, diversity, abstention,
snippets and citations. Pure given the index, so it is tested and evaluated directly."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from retrieval.analysis import analyze
from retrieval.arabizi import read_arabizi
from retrieval.english.expand import Concept, matched_on
from retrieval.index import Hit, SearchIndex
from retrieval.language import detect_language, question_content
from retrieval.models import Answer, Citation, Reprint, Result
from retrieval.normalize import count_scripts
from retrieval.snippets import Snippet, best_sentences
from retrieval.spelling import snap_reading
from retrieval.stemming import light_stem

MAX_QUESTION_CHARS = 2000
MAX_QUERY_TERMS = 64
# Abstention, by lexical evidence alone: the top passage must hold this share of the
# question's idf mass (English questions: of its concepts), and any further result this share,
# or the corpus is taken not to answer the question.
MIN_TOP_COVERAGE = 0.5
MIN_OTHER_COVERAGE = 0.35
# Arabic questions: a lower bar keeps answerable questions answered (not-found on answerable
# own questions .528 -> .056, xquad-dev .293 -> .013) while half the unanswerable ones still
# get "not found".
ARABIC_MIN_COVERAGE = 0.2
# With passage embeddings, Arabic candidates are reranked by BM25 (scaled to the best) plus
# DENSE_WEIGHT x cosine (xquad-dev hit@1 .919 -> .941, own .889 -> .931), and a passage is
# trusted when cosine + DENSE_COVERAGE_MIX x coverage + SPECIFICITY_MIX x specificity reaches
# MIN_DENSE_CONFIDENCE, with at least MIN_COVERAGE_WITH_DENSE coverage. Specificity is how far
# the passage's cosine stands above the corpus's (z-score): a question merely on the corpus's
# general topic is about as close to every passage. Not-found on answerable own questions .042,
# xquad-dev .032; on unanswerable own .75 (near-topic questions remain the hard part).
DENSE_WEIGHT = 8.0
DENSE_COVERAGE_MIX = 0.2
SPECIFICITY_MIX = 0.02
MIN_DENSE_CONFIDENCE = 0.9375
MIN_COVERAGE_WITH_DENSE = 0.15
# Candidates looked at before giving up on filling k distinct-document slots.
CANDIDATES_PER_RESULT = 20
MAX_PER_DOCUMENT = 2
# The headline is not indexed with the passages (it would count in every passage); a passage
# whose article's headline holds query terms gets this share of their weight added to its
# score (own questions hit@1 .861 -> .889; xquad-dev has no titles). Reranked from a deeper list.
TITLE_WEIGHT = 0.3
TITLE_RERANK_DEPTH = 3


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long)."""


def check_question(question: str) -> str:
    """The question with surrounding space removed, or QuestionError saying what is wrong."""
    question = question.strip()
    if not question:
        raise QuestionError("empty question")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question too long ({len(question)} characters, at most {MAX_QUESTION_CHARS})")
    return question


def query_terms(question: str) -> list[str]:
    """Distinct index terms of a question, in order of first appearance."""
    return list(dict.fromkeys(analyze(question)))[:MAX_QUERY_TERMS]


@dataclass(frozen=True)
class Candidate:
    """A retrieved passage with the query terms it holds and their share of the query's weight."""

    hit: Hit
    doc_id: str
    matched: frozenset[str]
    coverage: float
    similarity: float | None = None  # cosine to the question, when passages are embedded
    specificity: float = 0.0  # that cosine's z-score among all passages' cosines


def term_weights(index: SearchIndex, terms: list[str]) -> dict[str, float]:
    """How much each query term tells (rare terms weigh more)."""
    return {term: index.idf(term) for term in terms}


def candidates(index: SearchIndex, weights: dict[str, float], limit: int) -> list[Candidate]:
    """The best `limit` passages for the weighted (distinct) query terms, best first. Coverage
    and title bonus are weighed over arrays: a question reranks hundreds of hits."""
    terms = list(weights)
    total = sum(weights.values()) or 1.0
    hits = index.hits(terms, limit * TITLE_RERANK_DEPTH)
    mass = np.zeros(hits.positions.size)
    for term, held in zip(terms, hits.held, strict=True):
        mass += weights[term] * held
    doc_ids = index.doc_ids(hits.positions)
    asked = set(terms)
    bonus = {}
    for doc_id in set(doc_ids):
        title = index.title_terms[doc_id]
        # Most headlines share no term with the question: those are told apart cheaply.
        shared = not title.isdisjoint(asked)
        bonus[doc_id] = TITLE_WEIGHT * sum(weights[t] for t in title.intersection(terms)) if shared else 0.0
    scores = hits.scores + np.array([bonus[doc_id] for doc_id in doc_ids], dtype=np.float64)
    best = np.argsort(-scores, kind="stable")[:limit]
    held_by_hit = hits.held[:, best].T.tolist()
    return [
        Candidate(
            Hit(position, score),
            doc_ids[i],
            frozenset(t for t, h in zip(terms, held, strict=True) if h),
            share / total,
        )
        for i, position, score, share, held in zip(
            best.tolist(),
            hits.positions[best].tolist(),
            scores[best].tolist(),
            mass[best].tolist(),
            held_by_hit,
            strict=True,
        )
    ]


def dense_rerank(found: list[Candidate], similarities: np.ndarray) -> list[Candidate]:
    """Candidates reordered by BM25 (scaled to the best) plus DENSE_WEIGHT x cosine."""
    if not found:
        return found
    top = max(abs(c.hit.score) for c in found) or 1.0
    mean, spread = float(similarities.mean()), float(similarities.std()) or 1.0
    reranked = []
    for c in found:
        similarity = float(similarities[c.hit.position])
        score = c.hit.score / top + DENSE_WEIGHT * similarity
        specificity = (similarity - mean) / spread
        reranked.append(
            Candidate(Hit(c.hit.position, score), c.doc_id, c.matched, c.coverage, similarity, specificity)
        )
    reranked.sort(key=lambda c: -c.hit.score)
    return reranked


def indexed_forms(index: SearchIndex, terms: list[str]) -> list[str]:
    """Query terms as `index` has them: a term the index lacks is replaced by the first of its
    `bare_forms` that the index has, if any."""
    forms = []
    for term in terms:
        if not index.known(term):
            term = next((bare for bare in bare_forms(term) if index.known(bare)), term)
        forms.append(term)
    return list(dict.fromkeys(forms))


def bare_forms(term: str) -> list[str]:
    """Stems a question's term may stand for without a letter light stemming keeps.

    Light stemming takes a leading waw of a word of four letters or more for the conjunction,
    so the articles' وصفه and وصفت are indexed as صف while a question's three-letter وصف keeps
    its waw (own Arabic hit@1 .944 -> .958). It keeps the prefix of a present-tense verb, which
    questions use where articles have the past tense or the verbal noun: "ما بتقدر تتجاهل" for
    "لا تستطيع تجاهل" (held-out Arabic not found on answerable .083 -> .056; xquad-dev and own
    sets unchanged)."""
    bare = []
    if term.startswith("و") and len(term) > 2:
        bare.append(light_stem(term[1:]))
    if term[0] in "يتن" and len(term) > 3:
        bare.append(light_stem(term[1:]))
    return bare


class Retrieval(NamedTuple):
    """What `retrieve` found: term weights (for snippets), the passages best first and, for an
    English question, its concepts (to show what the answer was matched on)."""

    weights: dict[str, float]
    found: list[Candidate]
    concepts: tuple[Concept, ...] = ()


def arabic_candidates(index: SearchIndex, question: str, limit: int) -> Retrieval:
    """Term weights (for snippets) and the best `limit` passages for an Arabic question."""
    weights = term_weights(index, indexed_forms(index, query_terms(question)))
    found = candidates(index, weights, limit)
    if index.dense is not None and found:
        found = dense_rerank(found, index.dense.scores(question))
    return Retrieval(weights, found)


@dataclass(frozen=True)
class Query:
    """What retrieval runs on: the question itself, or the Arabic-script reading of an Arabizi one."""

    text: str
    path: str  # the retrieval path: "ar", or "en"/"mixed" (the English path)
    lang: str  # the question's language as reported: Arabizi is Arabic ("ar")
    read_as: str = ""  # the reading, when the question is Arabizi


def prepare_query(question: str, index: SearchIndex | None = None) -> Query:
    """The query for a checked question: Latin-script Arabizi is read into Arabic script (names
    kept Latin; with `index`, misread words in the corpus's spelling) and takes the path its
    reading needs; anything else is asked as it is. Links, e-mail addresses and @mentions are
    left out."""
    question = question_content(question)
    lang = detect_language(question)
    reading = read_arabizi(question) if lang == "en" else None
    if reading and index is not None:
        reading = snap_reading(index, reading)
    if reading:
        # Names left in Latin letters need the English path's lexicon and name snapping.
        path = "mixed" if count_scripts(reading)[1] else "ar"
        return Query(reading, path, "ar", reading)
    return Query(question, lang, lang)


def retrieve(index: SearchIndex, question: str, lang: str, limit: int) -> Retrieval:
    """The best `limit` passages, by the question's language: Arabic, or English/mixed (Arabic
    terms for the English words, fused with dense retrieval)."""
    if lang == "ar":
        return arabic_candidates(index, question, limit)
    from retrieval.english.search import english_candidates  # it builds on this module

    return english_candidates(index, question, limit)


def confident(candidate: Candidate, min_coverage: float) -> bool:
    """Whether a candidate is evidence enough that the corpus answers the question."""
    if candidate.similarity is not None:
        evidence = (
            candidate.similarity
            + DENSE_COVERAGE_MIX * candidate.coverage
            + SPECIFICITY_MIX * candidate.specificity
        )
        return candidate.coverage >= MIN_COVERAGE_WITH_DENSE and evidence >= MIN_DENSE_CONFIDENCE
    return candidate.coverage >= min_coverage


def select_results(
    found: list[Candidate],
    k: int,
    min_coverage: float = MIN_TOP_COVERAGE,
    reprints: dict[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """Up to `k` results: abstain unless the best passage is `confident`; then the best passage
    of each article, then further passages (at most MAX_PER_DOCUMENT an article) to fill `k`.
    An article that `reprints` pairs with one already chosen is the same story: left out."""
    if not found or not confident(found[0], min_coverage):
        return []
    # Further results need only lexical evidence: the question is known to be answered.
    floor = min(min_coverage, MIN_OTHER_COVERAGE)
    eligible = [found[0]] + [c for c in found[1:] if c.coverage >= floor]
    firsts: list[Candidate] = []
    seconds: list[Candidate] = []
    per_doc: dict[str, int] = {}
    shown: set[str] = set()
    for candidate in eligible:
        if (
            reprints
            and candidate.doc_id not in per_doc
            and shown.intersection(reprints.get(candidate.doc_id, ()))
        ):
            continue
        shown.add(candidate.doc_id)
        count = per_doc.get(candidate.doc_id, 0)
        if count < MAX_PER_DOCUMENT:
            (seconds if count else firsts).append(candidate)
            per_doc[candidate.doc_id] = count + 1
    return (firsts + seconds)[:k]


def min_coverage(path: str) -> float:
    """The lexical evidence a retrieval path's best passage needs (see `confident`)."""
    return ARABIC_MIN_COVERAGE if path == "ar" else MIN_TOP_COVERAGE


def answer_question(index: SearchIndex, question: str, k: int = 3) -> Answer:
    """Answer `question` from `index` with up to `k` cited snippets, or say it is not found."""
    started = time.perf_counter()
    question = check_question(question)
    query = prepare_query(question, index)
    limit = max(k, 1) * CANDIDATES_PER_RESULT
    weights, found, concepts = retrieve(index, query.text, query.path, limit)
    chosen = select_results(found, k, min_coverage(query.path), index.reprints)
    results = _results(index, chosen, weights)
    return Answer(
        question=question,
        lang=query.lang,
        answered=bool(results),
        took_ms=(time.perf_counter() - started) * 1000,
        results=results,
        matched_terms=tuple(t for t in weights if any(t in c.matched for c in chosen)),
        matched_on=matched_on(list(concepts), [c.matched for c in chosen]),
        read_as=query.read_as,
    )


def _results(index: SearchIndex, chosen: list[Candidate], weights: dict[str, float]) -> tuple[Result, ...]:
    """Cited snippets of the `chosen` passages, best first. A news paragraph is often one
    sentence and the answer to a question on it the sentence before or after: a snippet's best
    sentence is its passage's, and the sentences it takes on may come from the passages either
    side (own Arabic answer-in-snippet .729 -> .748, English .750 -> .778, xquad-dev Arabic
    .835 -> .839, English .655 -> .653), but never from another result's passage or from what an
    earlier snippet shows: two results of one article never repeat a sentence (the first result
    then leaves an answer in the next passage to the result that passage is)."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for c in chosen:
        passage = index.passages[c.hit.position]
        taken.setdefault(passage.doc_id, []).append((passage.start, passage.end))
    results = []
    for rank, c in enumerate(chosen, 1):
        passage = index.passages[c.hit.position]
        body = index.documents[passage.doc_id].body
        context_start, context_end = start, end = index.context_span(c.hit.position)
        for taken_start, taken_end in taken[passage.doc_id]:
            if taken_end <= passage.start:
                start = max(start, taken_end)
            elif taken_start >= passage.end:
                end = min(end, taken_start)
        snippet = best_sentences(body[start:end], weights, (passage.start - start, passage.end - start))
        taken[passage.doc_id].append((start + snippet.start, start + snippet.start + len(snippet.text)))
        results.append(_result(index, rank, c.hit, snippet, body[context_start:context_end]))
    return tuple(results)


def _result(index: SearchIndex, rank: int, hit: Hit, snippet: Snippet, context: str) -> Result:
    """The cited result for `snippet`, taken from `context`: the passage at `hit` with the
    passages either side."""
    passage = index.passages[hit.position]
    document = index.documents[passage.doc_id]
    return Result(
        rank=rank,
        passage_id=passage.passage_id,
        pid=passage.pid,
        snippet=snippet.text,
        highlights=snippet.highlights,
        score=hit.score,
        citation=Citation(
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            date=document.date,
            date_inferred=document.date_inferred,
            url=document.url,
            also_in=tuple(
                Reprint(other.doc_id, other.source, other.url)
                for d in index.reprints.get(document.doc_id, ())
                if (other := index.documents.get(d))
            ),
        ),
        passage=context,
    )
