"""From a question to an answer over a built index: terms, ranking, diversity, abstention,
snippets and citations. Pure given the index, so it is tested and evaluated directly."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import partial
from math import fsum

import numpy as np

from retrieval.analysis import Term, analyze, analyze_spans
from retrieval.answer_kinds import (
    AGE,
    COUNT,
    DURATION,
    NAMED,
    WHEN,
    WHERE,
    WHO,
    asks_names,
    counted_nouns,
    keyword_kind,
    kind_parts,
    question_kind,
    speaks,
)
from retrieval.arabizi import arabizi_others, read_arabizi
from retrieval.attributes import asked_attribute, asked_value
from retrieval.candidates import Candidate, Retrieval
from retrieval.counted import asked_counted, counts_asked
from retrieval.decision import (
    ARABIC_RULES,
    ENGLISH_RULES,
    NO_ANSWER_KIND,
    NO_ORDINAL,
    NO_ROLE,
    NO_WINNER,
    NOT_QUOTED,
    OTHER_NATIONALITY,
    UNREPORTED,
    UPCOMING,
    ArabicRules,
    Decision,
    EnglishRules,
    Evidence,
    Rules,
    decide,
)
from retrieval.dense_index import DenseIndex
from retrieval.dialect import read_dialect
from retrieval.english.expand import matched_on
from retrieval.english.roles import asked_role as english_role
from retrieval.english.search import english_candidates
from retrieval.english.succession import asks_successor, writes_succession
from retrieval.generic_terms import holds_specific_term
from retrieval.index import Hit, SearchIndex
from retrieval.indexes import Indexes
from retrieval.joined_names import read_joined
from retrieval.language import detect_language, question_content
from retrieval.lexical_gate import lexically_decisive
from retrieval.missing import (
    Specific,
    arabic_specifics,
    blocks_answer,
    english_specifics,
    lacks_subject,
    missing_words,
    named_whole,
    quoted_speakers,
    subject_terms,
)
from retrieval.models import Answer, Citation, QuestionError, Reprint, Result
from retrieval.normalize import count_scripts
from retrieval.qualifiers import nationality_pairs, other_nationality
from retrieval.query_resources import QueryResources
from retrieval.ranking_config import ARABIC_RANKING, ENGLISH_RANKING, ArabicRanking, EnglishRanking, Ranking
from retrieval.repeats import without_repeats
from retrieval.report_dates import asks_saying
from retrieval.roles import (
    AskedRole,
    RoleReading,
    asked_role,
    deputy_only,
    tying_sentence,
    unanswered,
    written,
)
from retrieval.snippets import Snippet, answer_sentence_shares, best_sentences, holds_unasked_answer
from retrieval.spelling import snap_reading
from retrieval.stemming import light_stem
from retrieval.unquoted import asks_saying_verb, unquoted
from retrieval.upcoming import (
    asked_happening,
    asked_match,
    asked_ordinal,
    asks_outcome,
    asks_winner,
    happening_unreported,
    reports_result,
    reports_upcoming,
    reports_winner,
    writes_nowhere,
    writes_ordinal,
)

MAX_QUESTION_CHARS = 2000
MAX_QUERY_TERMS = 64
# Kinds of answer whose absence near the best passage rules out a confident answer (people and
# places are found too rarely for that: a title before a name, a known place; a question asking
# a person's name is the exception: it names no one, and a name with its father's counts too).
BLOCKING_KINDS = frozenset({WHEN, COUNT, DURATION, NAMED})
# Kinds of answer whose presence in a passage lifts it in the ranking: not people, found after
# any title ("الرئيس", "وزير"), which most news passages have.
RANKED_KINDS = frozenset({WHEN, WHERE, COUNT, DURATION})


def check_question(question: str) -> str:
    """The question with surrounding space removed, or QuestionError saying what is wrong."""
    question = question.strip()
    if not question:
        raise QuestionError("empty question", "empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"question too long ({len(question)} characters, at most {MAX_QUESTION_CHARS})",
            "too_long",
            length=len(question),
            limit=MAX_QUESTION_CHARS,
        )
    return question


def query_terms(question: str | Sequence[Term]) -> list[str]:
    """Distinct index terms of a question (or of its `analyze_spans`), in order of first appearance."""
    spans = analyze_spans(question) if isinstance(question, str) else question
    return list(dict.fromkeys(span.term for span in spans))[:MAX_QUERY_TERMS]


def term_weights(index: SearchIndex, terms: list[str]) -> dict[str, float]:
    """How much each query term tells (rare terms weigh more)."""
    return {term: index.idf(term) for term in terms}


def candidates(
    index: SearchIndex, weights: dict[str, float], limit: int, ranking: ArabicRanking = ARABIC_RANKING
) -> list[Candidate]:
    """The best `limit` passages for the weighted (distinct) query terms, best first. Coverage
    and title bonus are weighed over arrays: a question reranks hundreds of hits."""
    terms = list(weights)
    total = sum(weights.values()) or 1.0
    hits = index.hits(terms, limit * ranking.title_rerank_depth)
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
        title_mass = fsum(weights[t] for t in title.intersection(terms)) if shared else 0.0
        bonus[doc_id] = ranking.title_weight * title_mass
    scores = hits.scores + np.array([bonus[doc_id] for doc_id in doc_ids], dtype=np.float64)
    best = np.argsort(-scores, kind="stable")[:limit]
    held_by_hit = hits.held[:, best].T.tolist()
    return [
        Candidate(
            Hit(position, score),
            doc_ids[i],
            frozenset(t for t, h in zip(terms, held, strict=True) if h),
            Evidence(share / total),
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


def dense_rerank(
    found: list[Candidate], similarities: np.ndarray, dense_weight: float = ARABIC_RANKING.dense_weight
) -> list[Candidate]:
    """Candidates reordered by BM25 (scaled to the best) plus `dense_weight` x cosine."""
    if not found:
        return found
    top = max(abs(c.hit.score) for c in found) or 1.0
    mean, spread = float(similarities.mean()), float(similarities.std()) or 1.0
    reranked = []
    for c in found:
        similarity = float(similarities[c.hit.position])
        score = c.hit.score / top + dense_weight * similarity
        specificity = (similarity - mean) / spread
        evidence = Evidence(c.evidence.coverage, similarity, specificity)
        reranked.append(Candidate(Hit(c.hit.position, score), c.doc_id, c.matched, evidence))
    reranked.sort(key=lambda c: -c.hit.score)
    return reranked


def indexed_forms(index: SearchIndex, terms: list[str]) -> list[str]:
    """Query terms as `index` has them (see `indexed_form`)."""
    return list(dict.fromkeys(indexed_form(index, term) for term in terms))


def indexed_form(index: SearchIndex, term: str) -> str:
    """`term`, or when the index lacks it the first of its `bare_forms` that the index has."""
    if index.known(term):
        return term
    return next((bare for bare in bare_forms(term) if index.known(bare)), term)


def bare_forms(term: str) -> list[str]:
    """Stems a question's term may stand for without a letter light stemming keeps.

    Light stemming takes a leading waw of a word of four letters or more for the conjunction,
    so the articles' وصفه and وصفت are indexed as صف while a question's three-letter وصف keeps
    its waw (own Arabic hit@1 .944 -> .958). It keeps the prefix of a present-tense verb, which
    questions use where articles have the past tense or the verbal noun: "ما بتقدر تتجاهل" for
    "لا تستطيع تجاهل" (held-out Arabic not found on answerable .083 -> .056; xquad-dev and own
    sets unchanged). And it keeps ب or ل on a word whose suffix it took first: بقمة is بقم,
    قمة is قم."""
    bare = []
    if term.startswith("و") and len(term) > 2:
        bare.append(light_stem(term[1:]))
    if term[0] in "يتن" and len(term) > 3:
        bare.append(light_stem(term[1:]))
    if term[0] in "بل" and len(term) > 2:
        bare.append(light_stem(term[1:]))
    return bare


def arabic_candidates(
    index: SearchIndex,
    question: str,
    limit: int,
    ranking: ArabicRanking = ARABIC_RANKING,
    dense: DenseIndex | None = None,
    withheld: Collection[str] = (),
) -> Retrieval:
    """Term weights (for snippets), the best `limit` passages and the analysed words of an
    Arabic question, reranked by closeness in meaning when `dense` vectors are at hand, unless
    BM25 has decided it (`lexically_decisive`, judged without the `withheld` documents the
    caller leaves out): embedding the question is most of a new question's CPU time."""
    spans = analyze_spans(question)
    weights = term_weights(index, indexed_forms(index, query_terms(spans)))
    found = candidates(index, weights, limit, ranking)
    found = answer_kind_rerank(index, found, weights, question_kind(question), ranking)
    if dense is not None and found and not lexically_decisive(_left(found, withheld), ranking):
        found = dense_rerank(found, dense.scores(question), ranking.dense_weight)
    return Retrieval(weights, found, spans=tuple(spans))


def _left(found: list[Candidate], withheld: Collection[str]) -> list[Candidate]:
    """The candidates of documents not `withheld`."""
    return [c for c in found if c.doc_id not in withheld] if withheld else found


def answer_kind_rerank(
    index: SearchIndex, found: list[Candidate], weights: dict[str, float], kind: str, ranking: ArabicRanking
) -> list[Candidate]:
    """The first `answer_kind_depth` candidates reordered, the score of each whose own passage
    holds an answer of `kind` the question does not name (`unasked_answers`) raised by
    `answer_kind_weight` of itself: "how old is X" prefers the passage on X with an age in it
    over the one that only names X. The passages either side do not count here (they did
    worse: the answer is then often outside the snippet)."""
    if RANKED_KINDS.isdisjoint(kind_parts(kind)) or not ranking.answer_kind_weight or not found:
        return found
    head = found[: ranking.answer_kind_depth]
    rescored = []
    for c in head:
        held = holds_unasked_answer(index.passage_text(c.hit.position), kind, weights)
        score = c.hit.score * (1.0 + ranking.answer_kind_weight * held)
        rescored.append(Candidate(Hit(c.hit.position, score), c.doc_id, c.matched, c.evidence))
    rescored.sort(key=lambda c: -c.hit.score)
    return rescored + found[len(head) :]


@dataclass(frozen=True)
class Query:
    """What retrieval runs on: the question itself, or the Arabic-script reading of an Arabizi one."""

    text: str
    path: str  # the retrieval path: "ar", or "en"/"mixed" (the English path)
    lang: str  # the question's language as reported: Arabizi is Arabic ("ar")
    read_as: str = ""  # the reading shown, when the question is Arabizi or spoken Arabic it respelt
    respelt: bool = False  # `text` is not the question as typed (a reading, or a name joined)


def prepare_query(
    question: str, index: SearchIndex | None = None, resources: QueryResources | None = None
) -> Query:
    """The query for a checked question: Latin-script Arabizi is read into Arabic script (names
    kept Latin; with `index` and its `resources`, misread words in the corpus's spelling) and
    takes the path its reading needs; anything else is asked as it is. Links, e-mail addresses
    and @mentions are left out. Spoken Arabic is read as the articles write it
    (`retrieval.dialect`), an Arabizi reading's content words too, and a name is also searched
    joined or split as they write it (`retrieval.joined_names`)."""
    question = question_content(question)
    lang = detect_language(question)
    read = read_arabizi(question) if lang == "en" else None
    reading = searched = read.text if read is not None else None
    if read is not None and index is not None and resources is not None:
        reading = snap_reading(index, resources.spelling, read.text, arabizi_others(read))
        frequency, written = index.scorer.document_frequency, resources.spelling.written
        reading = read_dialect(reading, frequency, written=written, standard=False)
        searched = read_joined(reading, frequency, written)
    if reading:
        # Names left in Latin letters need the English path's lexicon and name snapping.
        path = "mixed" if count_scripts(reading)[1] else "ar"
        return Query(searched, path, "ar", reading, respelt=True)
    if lang == "ar" and index is not None:
        # The written words' table is read only when a word might be respelled.
        written = (lambda word: resources.spelling.written(word)) if resources is not None else None
        frequency = index.scorer.document_frequency
        reading = read_dialect(question, frequency, written=written)
        searched = read_joined(reading, frequency, written) if written is not None else reading
        asked = analyze(question)
        if analyze(searched) != asked:
            # The reading is shown when it changed what is searched; a name joined is not.
            shown = reading if searched == reading or analyze(reading) != asked else ""
            return Query(searched, lang, lang, shown, respelt=True)
    return Query(question, lang, lang)


def retrieve(
    indexes: Indexes,
    question: str,
    lang: str,
    limit: int,
    ranking: Ranking | None = None,
    withheld: Collection[str] = (),
) -> Retrieval:
    """The best `limit` passages, by the question's language: Arabic, or English/mixed (Arabic
    terms for the English words, fused with dense retrieval); ranked by `ranking` or the path's
    own. `withheld` documents are still ranked (the caller leaves them out); the Arabic path
    judges whether BM25 decided the question without them."""
    if lang == "ar":
        ranking = ranking or ARABIC_RANKING
        return arabic_candidates(indexes.search, question, limit, ranking, indexes.dense, withheld)
    names, dense = indexes.resources.names, indexes.dense
    return english_candidates(indexes.search, names, question, limit, ranking or ENGLISH_RANKING, dense)


def path_rules(path: str) -> Rules:
    """The decision rules of a retrieval path."""
    return ARABIC_RULES if path == "ar" else ENGLISH_RULES


def path_ranking(path: str) -> Ranking:
    """The ranking config of a retrieval path."""
    return ARABIC_RANKING if path == "ar" else ENGLISH_RANKING


def answer_question(
    indexes: Indexes,
    question: str,
    k: int = 3,
    rules: Rules | None = None,
    ranking: Ranking | None = None,
    *,
    withheld: Collection[str] = (),
) -> Answer:
    """Answer `question` from `indexes` with up to `k` cited snippets; or show the closest
    passages, or say it is not found (`retrieval.decision`, with `rules` or the path's own).
    Passages are ranked by `ranking` or the path's own (`retrieval.ranking_config`). The passages of
    `withheld` documents are left out of the ranking (the evaluation asks answerable questions
    again without their gold articles: they should then not be answered)."""
    started = time.perf_counter()
    index = indexes.search
    question = check_question(question)
    resources = indexes.resources
    query = prepare_query(question, index, resources)
    ranking = ranking or path_ranking(query.path)
    limit = max(k, 1) * ranking.candidates_per_result
    retrieval = retrieve(indexes, query.text, query.path, limit, ranking, withheld)
    weights, concepts = retrieval.weights, retrieval.concepts
    found = _left(retrieval.found, withheld)
    rules = rules or path_rules(query.path)
    specifics = question_specifics(index, resources, query, retrieval, question, rules)
    # The latest article's year matters to a question with a year only (a pass over every article).
    last_year = resources.last_year if any(s.year for s in specifics) else 0
    kind = asked_kind(question, query)
    happened = isinstance(rules, ArabicRules) and rules.what_happened
    asks_result = asks_outcome(query.text, came_out=rules.came_out, what_happened=happened)
    # "هل زار بلينكن كييف": whether it happened, not reported by a passage writing it only as to come.
    happening = (
        asked_happening(query.text, joined=rules.joined_whether)
        if isinstance(rules, ArabicRules) and rules.check_happening
        else ""
    )
    # Where or when the nth event is (to be) held: a passage numbering it so may say; one that
    # never does cannot ("أين ستعقد الجولة الثالثة" over the second round's passage).
    placed = rules.check_ordinal_place and not {WHERE, WHEN}.isdisjoint(kind_parts(kind))
    ordinal = (asked_ordinal(question) or asked_ordinal(query.text)) if asks_result or placed else frozenset()
    asked = [t.term for t in retrieval.spans] if query.path == "ar" else []
    won = asks_winner(query.text) if query.path == "ar" else asks_winner(question)
    match = asked_match(query.text) if isinstance(rules, ArabicRules) and rules.check_result else ()
    # Read from the question as written: an Arabizi reading's words are guesses.
    arabic = isinstance(rules, ArabicRules)
    persons = arabic and rules.role_persons
    role = asked_role(question, rules.role_bodies, persons) if arabic and rules.role_articles else None
    if isinstance(rules, EnglishRules) and rules.role_articles:
        role = english_role(question, concepts, rules.region_governors, rules.role_any_name_of)
    successor = isinstance(rules, EnglishRules) and rules.successor_articles > 0 and asks_successor(question)
    # Whom the question asks what they said ("شو قال ترامب عن ..."): an article must quote them.
    quoting = isinstance(rules, ArabicRules) and rules.quoted_articles and not kind
    speakers = quoting and asks_saying_verb(query.text)
    said_by = frozenset(subject_terms(specifics, places=False)) if speakers else frozenset()
    # Only a how-many question's attribute is checked (`decide_answer`): the others skip reading it.
    counts = COUNT in kind_parts(kind)
    attribute = asked_attribute(question) or asked_attribute(query.text) if counts else frozenset()
    reads_counted = counts and not attribute and isinstance(rules, ArabicRules) and rules.counted_window
    counted_asked = asked_counted(query.text) if reads_counted else frozenset()
    decided_kind = kind
    if not kind and isinstance(rules, EnglishRules) and rules.attribute_asks_count:
        attribute = asked_value(question)
        decided_kind = COUNT if attribute else kind
    names = kind in ("", WHO) and arabic and rules.names_asked
    if names and (asks_names(question) or asks_names(query.text)):
        decided_kind = NAMED
    decide_on = partial(
        decide_answer,
        index,
        specifics,
        k=k,
        rules=rules,
        kind=decided_kind,
        weights=weights,
        asks_result=asks_result,
        happening=happening,
        asked=asked,
        asks_won=won,
        attribute=attribute,
        counted=counted_asked,
        ordinal=ordinal,
        match=match,
        role=role,
        successor=successor,
        said_by=said_by,
        asks_said=asks_saying(question) or asks_saying(query.text),
    )
    decision = decide_on(found)
    chosen = [found[i] for i in decision.chosen]
    if isinstance(ranking, EnglishRanking) and indexes.dense is not None:
        chosen = lead_first(chosen, found, indexes.dense.leads, ranking.lead_margin)
    counted = counted_nouns(query.text) if query.path == "ar" else frozenset()
    chosen = answer_passage_first(index, chosen, found, weights, kind, ranking, counted)
    if not kind and query.path == "ar":
        speaker = quoted(query.text, question)
        chosen = speaker_passage_first(index, chosen, found, speaker, ranking.answer_passage_ratio)
    if role is not None and arabic:
        ratio, reading = ranking.answer_passage_ratio, role_reading(rules)
        moves = (rules.role_passage_first, rules.role_heads_first)
        chosen = role_passage_first(index, chosen, found, role, reading, ratio, moves)
    # The ranked passage lacks the kind of answer asked; the passage shown instead may decide.
    if decision.reason == NO_ANSWER_KIND and names_nothing_lacking(index, chosen, found, specifics):
        decision = decide_on([chosen[0], *(c for c in found if c is not chosen[0])])
    tie = role is not None and arabic and rules.role_tie_snippet
    tying = partial(tying_sentence, role=role, reading=role_reading(rules)) if tie else None
    shown = shown_kind(kind, query.text, rules) if arabic else kind
    beside = arabic and rules.answer_beside
    echo = (ranking.echo_share, ranking.echo_chars) if isinstance(ranking, ArabicRanking) else (0.0, 0)
    results = _results(index, chosen, weights, shown, ranking.answer_kind_bonus, counted, tying, beside, echo)
    chosen, results = without_repeats(chosen, results, [index.passage_text(c.hit.position) for c in chosen])
    answered = decision.answered
    shown_terms = _shown_terms(chosen, results) if specifics else []
    missing, elsewhere = missing_words(specifics, last_year, shown_terms, answered)
    if isinstance(ranking, EnglishRanking) and ranking.whole_missing:
        missing, elsewhere = named_whole(question, missing, elsewhere)
    return Answer(
        question=question,
        lang=query.lang,
        answered=answered,
        took_ms=(time.perf_counter() - started) * 1000,
        results=results if answered else (),
        matched_terms=tuple(t for t in weights if any(t in c.matched for c in chosen)),
        matched_on=matched_on(list(concepts), [c.matched for c in chosen]),
        read_as=query.read_as,
        outcome=decision.outcome,
        reason=decision.reason,
        closest=() if answered else results,
        missing=missing,
        not_in_shown=elsewhere,
    )


def asked_kind(question: str, query: Query) -> str:
    """The kind of answer the question asks for (`retrieval.answer_kinds`), also read from its
    Arabic-script reading."""
    return question_kind(question) or (question_kind(query.text) if query.text != question else "")


def shown_kind(kind: str, text: str, rules: ArabicRules) -> str:
    """The kind of answer an Arabic question's snippets look for: its `kind`, or the kind a
    question with none asks by a noun ("عدد ضحايا فيضانات بورما": `ArabicRules.keyword_kinds`).
    The decision and the passage moves keep `kind`."""
    if not kind and rules.keyword_kinds:
        return keyword_kind(text)
    return kind


def decide_answer(
    index: SearchIndex,
    specifics: list[Specific],
    found: list[Candidate],
    k: int,
    rules: Rules,
    kind: str = "",
    weights: dict[str, float] | None = None,
    *,
    asks_result: bool = False,
    happening: str = "",
    asked: Sequence[str] = (),
    asks_won: bool = False,
    attribute: frozenset[str] = frozenset(),
    counted: frozenset[str] = frozenset(),
    ordinal: frozenset[str] = frozenset(),
    match: tuple[str, ...] = (),
    role: AskedRole | None = None,
    successor: bool = False,
    said_by: frozenset[str] = frozenset(),
    asks_said: bool = False,
) -> Decision:
    """The decision on `found`, a number the articles or the best passage lack ruling an answer
    out (`blocks_answer`), and so do an article that never names the person the question asks
    about (`lacks_subject`), a best passage without the kind of answer the question asks for
    ("how long did the summit last?" and no duration near it; for a how-many question asking an
    `attribute`, none in a sentence stating it; for one naming what it counts, `counted`, none
    in a sentence naming that in the best articles: `counted.counts_asked`), for a question that `asks_result`
    (`asks_outcome`), one reporting the event as still to come, for one asking who won
    (`asks_won`), one reporting no winner and, for an Arabic question (`asked`: its terms in order), one
    giving what it asks about another nationality (`other_nationality`, as
    `ArabicRules.check_nationality` says); for a question asking the outcome of a numbered event
    (`ordinal`: the ordinal's forms, `asked_ordinal`), one whose neighbours never write it; for
    one asking a `match`'s result (its sides, `asked_match`), one reporting none of both sides; for
    one asking who holds a `role` (`roles.asked_role`), best articles that write it otherwise
    qualified and tie no name to it (`roles.unanswered`, the rules' `role_articles`; English:
    `english.roles.asked_role`); for an English one asking who followed someone (`successor`),
    best articles writing no succession (`EnglishRules.successor_articles`); for one asking how
    old, best articles stating no age (`EnglishRules.age_articles`); for one asking what a person
    said (`said_by`: their name's terms), best articles where they never speak
    (`unquoted.unquoted`, `ArabicRules.quoted_articles`). A best passage sharing only generic
    words with the question is not shown as the closest."""
    arabic = isinstance(rules, ArabicRules)
    blocked: bool | str = bool(found) and (
        blocks_answer(specifics, found[0].matched)
        or lacks_subject(specifics, article_holds(index, found[0].hit.position, subject_terms(specifics)))
    )
    if found and not blocked and asks_result:
        text = index.passage_text(found[0].hit.position)
        frequency = partial(_frequency, index)
        blocked = UPCOMING if reports_upcoming(text, weights or {}, frequency, rules.upcoming_window) else ""
    if found and not blocked and happening:
        text = index.passage_text(found[0].hit.position)
        frequency = partial(_frequency, index)
        unreported = happening_unreported(text, happening, weights or {}, frequency, rules.upcoming_window)
        blocked = UPCOMING if unreported else ""
    if found and not blocked and happening and arabic and rules.happening_articles:
        texts = _article_bodies(index, found, rules.happening_articles)
        unwritten = writes_nowhere(texts, happening, both_readings=rules.conjunction_verbs)
        blocked = UNREPORTED if unwritten else ""
    if found and not blocked and ordinal and rules.check_ordinal:
        text = context_text(index, found[0].hit.position)
        held = rules.ordinal_held and asks_result  # an event still to come may be where or when asked
        blocked = "" if writes_ordinal(text, ordinal, held=held) else NO_ORDINAL
    if found and not blocked and arabic and rules.check_nationality and nationality_pairs(asked):
        context = analyze(context_text(index, found[0].hit.position))  # only when it can matter
        blocked = OTHER_NATIONALITY if other_nationality(asked, context) else ""
    winner = asks_won and rules.check_winner
    if found and not blocked and (winner or match):
        context = context_text(index, found[0].hit.position)
        no_winner = winner and not reports_winner(context)
        blocked = NO_WINNER if no_winner or (match and not reports_result(context, match)) else ""
    if found and not blocked and role is not None and rules.role_articles:
        texts = _article_bodies(index, found, rules.role_articles)
        blocked = NO_ROLE if unanswered(texts, role, role_reading(rules)) else ""
    if found and not blocked and successor and isinstance(rules, EnglishRules):
        texts = _article_bodies(index, found, rules.successor_articles)
        blocked = "" if writes_succession(texts) else NO_ROLE
    ages = isinstance(rules, EnglishRules) and rules.age_articles and AGE in kind_parts(kind)
    if found and not blocked and ages:
        texts = _article_bodies(index, found, rules.age_articles)
        blocked = "" if any(answer_sentence_shares(t, AGE, weights or {}) for t in texts) else NO_ANSWER_KIND
    if found and not blocked and said_by and arabic and rules.quoted_articles:
        texts = _article_bodies(index, found, rules.quoted_articles)
        blocked = NOT_QUOTED if unquoted(texts, said_by) else ""
    if found and not blocked and not BLOCKING_KINDS.isdisjoint(kind_parts(kind)):
        # English renderings miss too often for an answer's sentence to be asked to share them.
        share = rules.min_answer_sentence_share if arabic else 0.0
        stating = attribute if COUNT in kind_parts(kind) and rules.check_attribute else frozenset()
        reports = not (rules.check_report_date and WHEN in kind_parts(kind) and not asks_said)
        held = holds_answer(index, found[0].hit.position, kind, weights or {}, share, stating, reports)
        if held and counted and arabic:
            texts = _article_bodies(index, found, rules.counted_articles)
            held = any(counts_asked(text, counted, weights or {}, rules.counted_window) for text in texts)
        blocked = "" if held else NO_ANSWER_KIND
    on_topic = bool(found) and holds_specific_term(found[0].matched)
    return decide(found, k, rules, blocked=blocked, on_topic=on_topic, reprints=index.reprints)


def role_reading(rules: Rules) -> RoleReading:
    """How strictly the path's rules read a passage's role (English: lists and verbs as written)."""
    if not isinstance(rules, ArabicRules):
        return RoleReading(reported=rules.role_reported)
    return RoleReading(
        lists=rules.role_lists,
        verbs=rules.role_verbs,
        reported=rules.role_reported,
        deputies=rules.role_deputies,
        relatives=rules.role_persons,
    )


def _article_bodies(index: SearchIndex, found: Sequence[Candidate], articles: int) -> list[str]:
    """The whole texts of the first `articles` distinct articles among the best passages."""
    doc_ids = list(dict.fromkeys(c.doc_id for c in found))[:articles]
    return [index.documents[doc_id].body for doc_id in doc_ids]


def lead_first(
    chosen: list[Candidate], found: list[Candidate], leads: np.ndarray | None, margin: float
) -> list[Candidate]:
    """`chosen`, its first passage replaced by its article's lead when that is among `found`
    and scores within `margin` of it, while both are scored by the article's vector (`leads`:
    `DenseIndex.leads`, at size): that vector is the headline and lead's meaning and cannot tell
    the passages apart, their words barely do, and news gives what, when, where and who in the
    lead. Only the passage shown changes: the answer's decision was taken on the best one."""
    if not chosen or leads is None or not margin:
        return chosen
    first = chosen[0]
    lead = int(leads[first.hit.position])
    if lead == first.hit.position or any(c.hit.position == lead for c in chosen):
        return chosen
    for c in found:
        if c.hit.position == lead and c.hit.score >= first.hit.score - margin:
            return [c, *chosen[1:]]
    return chosen


def answer_passage_first(
    index: SearchIndex,
    chosen: list[Candidate],
    found: list[Candidate],
    weights: dict[str, float],
    kind: str,
    ranking: Ranking,
    counted: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """`chosen` with another passage of the same article first, when the first passage does not
    say what is asked in a sentence holding `answer_passage_share` of the question's weight and
    another scoring `answer_passage_ratio` of it at least does: of those, the one whose sentence
    holds the most of that weight (a later result is moved first). What is asked, for the
    `answer_passage_kinds` of the path: a place for a question asking where (or where and
    something else): the passage matching the question's names best is often not the one
    saying where ("وأشاد لافروف بالمحادثات مع بلينكن بعد أول لقاء بينهما" before "... خلال هذا
    اللقاء ... مع لافروف في ريكيافيك"); a person (a title and a name) for who: "من جهة ثانية،
    أكد بوتين، في اتصال هاتفي مع المبعوث الأميركي الخاص لشؤون المناخ جون كيري" is not the
    passage matching "بوتين كلم مين عن المناخ" best; a duration for how long: "قديش طول اجتماع
    بلينكن ولافروف" matches "بعد اجتماعه مع بلينكن" best, not "... اللقاء الذي استمرّ نحو ساعتين
    مع لافروف"; a number for how many: a later passage on the fire's cause matches "كم فدانا أحرق
    حريق ..." best, the lead says how many acres burned (when the first passage holds no such
    answer, the decision may then be taken on the moved one: `names_nothing_lacking`). When an
    Arabic how-many question names what it counts (`counted` nouns: `counted_nouns`), a number
    of it is looked for first: the first passage's "أكثر من 20 حريقا" does not say how many
    acres, nor a count of people how much money; and in each reading a number stated before a
    vague quantity (`answer_kinds.is_vague`: "عشرات القتلى" is not how many died). An age for
    an English "how old": the lead names the man, a later passage says "في سن الثالثة
    والعشرين". An occasion for "على هامش شو": "على هامش انعقاد مجلس ..."
    (`answer_kinds.SIDELINES`). For who, the first passage naming someone yields to one whose
    person's sentence holds more of the question's weight: "مين كان رئيس وفد موسكو" ranks the
    Kremlin spokesman's passage first, the delegation head's names "ترأس الوفد". The
    passages either side are not looked at: a capital named there is mostly its government acting."""
    ratio, share = ranking.answer_passage_ratio, ranking.answer_passage_share
    asked = next((k for k in kind_parts(kind) if k in ranking.answer_passage_kinds), "")
    if not chosen or not ratio or not asked:
        return chosen
    # A number of the noun counted first, when the question names it; then any answer of the
    # kind; for how many, a number stated before a vague quantity in each.
    nouns_read = (counted, frozenset()) if counted and asked == COUNT else (frozenset(),)
    readings = [
        (nouns, exact) for nouns in nouns_read for exact in ((True, False) if asked == COUNT else (False,))
    ]

    def said(position: int, nouns: frozenset[str], exact: bool) -> float:
        """The most question weight a sentence of the passage saying what is asked holds."""
        text = index.passage_text(position)
        shares = answer_sentence_shares(text, asked, weights, counted=nouns, exact=exact)
        return max((s for s in shares if s >= share), default=0.0)

    first = chosen[0]
    same = _same_article(found, first, ratio)
    for nouns, exact in readings:
        own = said(first.hit.position, nouns, exact)
        if own and asked != WHO:
            return chosen
        best, _, shown = max(
            ((said(c.hit.position, nouns, exact), -i, c) for i, c in enumerate(same)), default=(0.0, 0, first)
        )
        if best > own:
            return _shown_first(chosen, shown)
        if own:
            return chosen
    return chosen


def speaker_passage_first(
    index: SearchIndex, chosen: list[Candidate], found: list[Candidate], speaker: frozenset[str], ratio: float
) -> list[Candidate]:
    """`chosen` with the best-ranked passage of its article where the person an Arabic question
    quotes speaks (`answer_kinds.speaks`; `speaker`: their name's terms) first, when the first
    passage does not have them speaking and the other scores `ratio` of it at least: "شو قال
    لافروف عن محادثاته مع بلينكن" matches the State Department's statement naming both best,
    not "... عن لافروف قوله بعد اجتماعه مع بلينكن"."""
    if not speaker:
        return chosen
    return _passage_first(index, chosen, found, partial(speaks, speaker=speaker), ratio)


def role_passage_first(
    index: SearchIndex,
    chosen: list[Candidate],
    found: list[Candidate],
    role: AskedRole,
    reading: RoleReading,
    ratio: float,
    moves: tuple[bool, bool] = (True, True),
) -> list[Candidate]:
    """`chosen` with the best-ranked passage of its article tying a name to the `role` asked
    (`roles.written`) first, when the first passage does not and the other scores `ratio` of it
    at least: "مين راس الوفد الروسي" matches the passages on the talks best, the one naming
    Ryabkov "ترأس الوفد". Then, when the first passage writes the role only as a deputy's title
    (`roles.deputy_only`), the best-ranked passage of any article tying a name to the role
    itself scoring `ratio` of it: "مين وزير الصحة" matches the deputy minister's visits best
    ("نائب وزير الصحة"), the minister is named elsewhere. `moves` switches each off
    (`ArabicRules.role_passage_first`, `role_heads_first`)."""
    own_article, heads = moves
    if own_article:
        chosen = _passage_first(index, chosen, found, lambda text: written(text, role, reading)[1], ratio)
    if not heads or not chosen or not deputy_only(index.passage_text(chosen[0].hit.position), role):
        return chosen
    floor = ratio * chosen[0].hit.score
    head = replace(reading, deputies=True)
    near = (c for c in found if c.hit.score >= floor)
    shown = next((c for c in near if written(index.passage_text(c.hit.position), role, head)[1]), None)
    return chosen if shown is None else _shown_first(chosen, shown)


def _passage_first(
    index: SearchIndex,
    chosen: list[Candidate],
    found: list[Candidate],
    shows: Callable[[str], bool],
    ratio: float,
) -> list[Candidate]:
    """`chosen` with the best-ranked passage of its article whose text `shows` what is asked
    first, when the first passage's does not and it scores `ratio` of it at least."""
    if not chosen or not ratio:
        return chosen
    first = chosen[0]
    if shows(index.passage_text(first.hit.position)):
        return chosen
    shown = next(
        (c for c in _same_article(found, first, ratio) if shows(index.passage_text(c.hit.position))), None
    )
    return chosen if shown is None else _shown_first(chosen, shown)


def _same_article(found: list[Candidate], first: Candidate, ratio: float) -> list[Candidate]:
    """The passages of `found` from `first`'s article scoring `ratio` of it at least, in rank
    order: those that may be shown in its place."""
    floor = ratio * first.hit.score
    return [c for c in found if c.doc_id == first.doc_id and c.hit.score >= floor]


def quoted(text: str, typed: str) -> frozenset[str]:
    """The terms of the first word naming each person an Arabic question `text` quotes
    (`missing.quoted_speakers`; `typed`: the question as asked): "بوتين" in "وش قال بوتين لكيري"."""
    return frozenset(t for a, b in quoted_speakers(text, typed, 1) for t in analyze(text[a:b]))


def _shown_first(chosen: list[Candidate], c: Candidate) -> list[Candidate]:
    """`chosen` with `c` first: in place of the first, or moved up when it is a later result."""
    if c in chosen:
        return [c, *(other for other in chosen if other is not c)]
    return [c, *chosen[1:]]


def names_nothing_lacking(
    index: SearchIndex, chosen: list[Candidate], found: list[Candidate], specifics: list[Specific]
) -> bool:
    """Whether the first passage shown was moved there from its article (`answer_passage_first`)
    and it, with the passages either side, holds every name, number and rare word of the
    question the articles have: then the decision may be taken on it. Not otherwise: "شحال دام
    الاجتماع ديال بلينكن ولافروف فستوكهولم" must not be answered by the Reykjavik meeting's two
    hours."""
    if not chosen or not found or chosen[0] is found[0] or chosen[0].doc_id != found[0].doc_id:
        return False
    held = set(analyze(context_text(index, chosen[0].hit.position)))
    return all(s.terms <= held for s in specifics if s.terms)


def article_holds(index: SearchIndex, position: int, terms: Sequence[str]) -> frozenset[str]:
    """Which of `terms` the article of passage `position` holds anywhere (an article's passages
    are stored consecutively)."""
    if not terms:
        return frozenset()
    doc_id = index.passages[position].doc_id
    start = end = position
    while start > 0 and index.passages[start - 1].doc_id == doc_id:
        start -= 1
    while end + 1 < len(index.passages) and index.passages[end + 1].doc_id == doc_id:
        end += 1
    held = index.scorer.holds(range(start, end + 1), terms)
    return frozenset(t for t, row in zip(terms, held, strict=True) if row.any())


def _frequency(index: SearchIndex, term: str) -> int:
    """In how many passages the articles write `term`, as `indexed_form` searches it."""
    return index.scorer.document_frequency(indexed_form(index, term))


def context_text(index: SearchIndex, position: int) -> str:
    """The text of passage `position` with the passages either side."""
    start, end = index.context_span(position)
    return index.documents[index.passages[position].doc_id].body[start:end]


def holds_answer(
    index: SearchIndex,
    position: int,
    kind: str,
    weights: dict[str, float],
    min_share: float = 0.0,
    stating: frozenset[str] = frozenset(),
    reports: bool = True,
) -> bool:
    """Whether passage `position` or the passages either side hold an answer of `kind` that the
    question does not name itself, in a sentence holding `min_share` of the question's weight
    (`ArabicRules.min_answer_sentence_share`) and one of the `stating` terms, if any (the
    attribute asked: `attributes.asked_attribute`); without `reports`, not the date of a saying."""
    text = context_text(index, position)
    shares = answer_sentence_shares(text, kind, weights, stating, reports=reports)
    return any(share >= min_share for share in shares)


def question_specifics(
    index: SearchIndex,
    resources: QueryResources,
    query: Query,
    retrieval: Retrieval,
    question: str = "",
    rules: Rules = ARABIC_RULES,
) -> list[Specific]:
    """The question's names, numbers, years and rare terms, with the terms they were searched as:
    from the words the Arabic path analysed (of `question` as typed, when `query` reads it
    otherwise; the person it quotes as `rules` say), or the English path's concepts."""
    if query.path == "ar":
        searched = partial(indexed_form, index)
        typed = question if query.respelt else ""
        speaker_words = rules.speaker_words if isinstance(rules, ArabicRules) else 0
        names = resources.arabic_names
        arabic = isinstance(rules, ArabicRules)
        places = arabic and rules.named_cities
        bodies, cued = arabic and rules.named_bodies, arabic and rules.cued_places
        return arabic_specifics(
            index, query.text, retrieval.spans, searched, names, typed, speaker_words, places, bodies, cued
        )
    unknown_places = isinstance(rules, EnglishRules) and rules.unknown_places
    return english_specifics(index, query.text, retrieval.concepts, unknown_places)


def _shown_terms(chosen: list[Candidate], results: Sequence[Result]) -> list[frozenset[str]]:
    """The terms each shown passage matched, with those of the snippet shown from it: a snippet
    may take a sentence from a passage either side, and "Not in the articles" must not name a
    word the reader sees (Geneva, when جنيف is in the next sentence)."""
    return [c.matched | frozenset(analyze(r.snippet)) for c, r in zip(chosen, results, strict=True)]


def _results(
    index: SearchIndex,
    chosen: list[Candidate],
    weights: dict[str, float],
    kind: str = "",
    kind_bonus: float = ARABIC_RANKING.answer_kind_bonus,
    counted: frozenset[str] = frozenset(),
    tying: Callable[[str], int | None] | None = None,
    beside: bool = False,
    echo: tuple[float, int] = (0.0, 0),
) -> tuple[Result, ...]:
    """Cited snippets of the `chosen` passages, best first. A news paragraph is often one
    sentence and the answer to a question on it the sentence before or after: a snippet's best
    sentence is its passage's, and the sentences it takes on may come from the passages either
    side (own Arabic answer-in-snippet .729 -> .748, English .750 -> .778, xquad-dev Arabic
    .835 -> .839, English .655 -> .653), but never from another result's passage or from what an
    earlier snippet shows: two results of one article never repeat a sentence (the first result
    then leaves an answer in the next passage to the result that passage is). A question asking
    for a `kind` of answer (a date, a place...) prefers the sentence that holds one, by
    `kind_bonus` (the path's `answer_kind_bonus`), and for how many a number of the `counted`
    nouns (`answer_kinds.counted_nouns`) over other numbers. With `tying` (a who-by-role
    question's `roles.tying_sentence`), a snippet's best sentence is the first of its passage
    and neighbours tying the role to its holder, when one does."""
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
        within = (passage.start - start, passage.end - start)
        best_at = tying(body[start:end]) if tying is not None else None
        snippet = best_sentences(
            body[start:end], weights, within, kind, kind_bonus, counted, best_at, beside, *echo
        )
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
        answer_spans=snippet.answers,
        score=hit.score,
        citation=Citation(
            doc_id=document.doc_id,
            title=document.title,
            source=document.source,
            date=document.date,
            date_inferred=document.date_inferred,
            date_from=document.date_from,
            url=document.url,
            also_in=tuple(
                Reprint(other.doc_id, other.source, other.url)
                for d in index.reprints.get(document.doc_id, ())
                if (other := index.documents.get(d))
            ),
        ),
        passage=context,
    )
