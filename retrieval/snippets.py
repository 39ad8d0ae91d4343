"""Pick the sentences of a passage that best answer a query, verbatim, with matched words marked."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from math import fsum

from retrieval.analysis import Term, analyze_spans, index_terms
from retrieval.answer_kinds import (
    COUNT,
    SIDELINES,
    answer_spans,
    counts_noun,
    is_partial,
    is_partitive,
    is_vague,
)
from retrieval.clauses import bounded_sentences
from retrieval.normalize import normalize_arabic, word_table
from retrieval.passages import Span, is_heading, split_sentences, word_starts, words_between
from retrieval.ranking_config import ARABIC_RANKING
from retrieval.report_dates import dates_report

MAX_SNIPPET_SENTENCES = 3
MAX_SNIPPET_CHARS = 700
MIN_SNIPPET_CHARS = 200
# Openings that point to the sentence before ("وهو كذلك الظهير الرباعي الأكبر سناً": who is
# "he"?): a best sentence that starts with one takes that sentence too (xquad-dev Arabic
# answer-in-snippet .832 -> .835; other sets unchanged).
_REFERS_BACK = frozenset(
    normalize_arabic(word)
    for word in "هو هي هم هما وهو وهي وهم وهما فهو فهي كما لكنه لكنها ولكنه ولكنها كذلك وكذلك".split()
)


@dataclass(frozen=True)
class Snippet:
    """`text` is the slice of the passage from `start`; `highlights` are spans of matched words
    within it."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    start: int = 0
    answers: tuple[tuple[int, int], ...] = ()  # spans of what the question asks for (a date...)


def best_sentences(
    passage: str,
    weights: dict[str, float],
    within: tuple[int, int] | None = None,
    kind: str = "",
    kind_bonus: float = ARABIC_RANKING.answer_kind_bonus,
    counted: frozenset[str] = frozenset(),
    best_at: int | None = None,
    beside: bool = False,
    echo: float = 0.0,
    echo_chars: int = 0,
) -> Snippet:
    """The 1-3 consecutive sentences of `passage` covering the most query weight; with `within`,
    the best one starts in that [start, end) stretch of it (the retrieved passage, when `passage`
    is it with its neighbours) and neighbours may come from either side. With `best_at`, the
    best one is the sentence holding that position (a who-by-role question's sentence tying the
    role to its holder, `roles.tying_sentence`), whatever it weighs.

    Starts from the single best sentence and adds a neighbour when it brings query terms the
    snippet does not have yet; a snippet shorter than MIN_SNIPPET_CHARS also takes the next
    sentence, where answers often sit (xquad-dev answer-in-snippet .785 -> .823 at 150
    characters; 200: Arabic .816 -> .832, English .617 -> .628, about 290 characters on average).
    With `echo`, a one-sentence snippet also takes the next sentence when it holds `echo` of the
    best one's weight again and the two fit in `echo_chars`: a lead telling the story at length
    is often followed by a quote giving its figure in the same words.
    With the `kind` of answer the question asks for (`retrieval.answer_kinds`), sentences holding
    one weigh `kind_bonus` more, may lie outside `within`, and the answers are marked; a snippet
    holding none, or only half a one (`is_partial`: "الثلاثاء" for "when"), takes the sentence
    next to it that holds one, or is cut to its best sentence and that one when they would not
    fit (seed own Arabic answer-in-snippet .813 -> .832, English .819 -> .833; docs/tuning.md),
    or else one a sentence further on (a clause of an overlong sentence); with `beside`, one
    that fits beside neither shows it with the snippet's sentence nearest it; a snippet holding one
    takes a sentence next to it holding another when it fits, so that a reader sees both (the
    date asked and another event's; SaudiNewsNet held-out Arabic .694 -> .716 with the vague
    quantity below).
    With the nouns a how-many question counts (`answer_kinds.counted_nouns`), only a number of
    one of them is its answer, when the passage has one: "سبعة آلاف ريال" for "كم المبلغ", not
    "تسعة أشخاص" in the sentence matching the question's words; and a number stated, when the
    passage has one, not a vague quantity (`is_vague`: "عشرات القتلى" before "32 قتيلا").
    The passage is analyzed once: sentences are bounded by space, so a sentence's words are the
    passage's words that start in it.
    """
    spans = bounded_sentences(passage, split_sentences(passage))
    if not spans:
        return Snippet(passage, ())
    terms = analyze_spans(passage)
    term_starts = [t.start for t in terms]
    starts = word_starts(passage)
    headings = [is_heading(passage[s.start : s.end], words_between(starts, s.start, s.end)) for s in spans]
    answers = unasked_answers(passage, kind, weights, terms)
    if counted and kind == COUNT:
        answers = _counting(passage, answers, counted) or answers
    if kind == COUNT:
        answers = [(a, b) for a, b in answers if not is_vague(passage[a:b])] or answers
    answer_starts = [a[0] for a in answers]
    whole = [not is_partial(passage[a:b], kind) for a, b in answers]
    scored = []
    holds, holds_whole = [], []
    for span, heading in zip(spans, headings, strict=True):
        lo, hi = bisect_left(term_starts, span.start), bisect_left(term_starts, span.end)
        found = {t.term for t in terms[lo:hi]} & weights.keys()
        inside = range(bisect_left(answer_starts, span.start), bisect_left(answer_starts, span.end))
        held = bool(inside)
        bonus = 1.0 + kind_bonus * held
        holds.append(held)
        holds_whole.append(any(whole[k] for k in inside))
        scored.append((fsum(weights[t] for t in found) * (0.5 if heading else 1.0) * bonus, found))
    eligible = [
        i for i, span in enumerate(spans) if within is None or within[0] <= span.start < within[1] or holds[i]
    ]
    best = max(eligible or range(len(spans)), key=lambda i: (scored[i][0], -i))
    if best_at is not None:
        best = next((i for i, span in enumerate(spans) if span.start <= best_at < span.end), best)
    first = last = best
    covered = set(scored[best][1])

    def fits(j: int) -> bool:
        if not 0 <= j < len(spans):
            return False
        return spans[max(last, j)].end - spans[min(first, j)].start <= MAX_SNIPPET_CHARS

    opening = word_table(passage)[bisect_left(starts, spans[best].start)][0]
    if fits(best - 1) and not headings[best - 1] and opening in _REFERS_BACK:
        first = best - 1
        covered |= scored[first][1]
    while last - first + 1 < MAX_SNIPPET_SENTENCES:
        gains = [
            (fsum(weights[t] for t in scored[j][1] - covered), -abs(j - best), j)
            for j in (first - 1, last + 1)
            if fits(j)
        ]
        gain, _, j = max(gains, default=(0.0, 0, -1))
        if gain <= 0:
            short = spans[last].end - spans[first].start < MIN_SNIPPET_CHARS
            j = next((j for j in (last + 1, first - 1) if fits(j) and not headings[j]), -1)
            if not short and first == last and j == last + 1:
                short = _echoes(spans, scored, best, j, echo, echo_chars)
            if not short or j < 0:
                break
        covered |= scored[j][1]
        first, last = min(first, j), max(last, j)
    if kind and not any(holds_whole[first : last + 1]):
        # No (whole) answer in the snippet: the sentence after it or before it (over a heading)
        # holding one is taken too, or else with the best sentence alone, within MAX_SNIPPET_CHARS;
        # then one a sentence further on, with the sentence between.
        before = first - 1 - (first > 1 and headings[first - 1])
        for j in (last + 1, before, last + 2):
            if 0 <= j < len(spans) and not headings[j] and holds_whole[j]:
                if j == last + 2 and headings[last + 1]:
                    continue
                shown = (first, last)
                if not fits(j):
                    first = last = best
                if fits(j):
                    first, last = min(first, j), max(last, j)
                elif beside:
                    # Too far from the best sentence, or too long beside it: the answer's
                    # sentence with the snippet's sentence nearest it, when those fit.
                    near = shown[0] if j < shown[0] else shown[1]
                    if spans[max(near, j)].end - spans[min(near, j)].start <= MAX_SNIPPET_CHARS:
                        first, last = min(near, j), max(near, j)
                break
    elif kind and last - first + 1 < MAX_SNIPPET_SENTENCES:
        # One answer shown: a sentence right before or after holding another is shown too, when
        # it fits, so that the reader sees both ("سينعقد في 26 فبراير 2016" before "... في
        # اجتماعها اليوم ... بعدما أبدى بلاتر في الثاني من يونيو الماضي").
        for j in (first - 1, last + 1):
            if 0 <= j < len(spans) and not headings[j] and holds_whole[j] and fits(j):
                first, last = min(first, j), max(last, j)
                break
    start, end = spans[first].start, spans[last].end
    shown = tuple((a - start, b - start) for a, b in answers if start <= a and b <= end)
    marked = _merged(_marked(terms, start, end, weights.keys()) + shown)
    return Snippet(passage[start:end], marked, start, shown)


def _echoes(
    spans: list[Span], scored: list[tuple[float, set[str]]], best: int, j: int, share: float, chars: int
) -> bool:
    """Whether sentence `j` holds `share` of the best sentence's weight again, and the two fit in
    `chars`."""
    if not share or spans[j].end - spans[best].start > chars:
        return False
    return scored[j][0] >= share * scored[best][0] > 0


def _counting(passage: str, answers: list[tuple[int, int]], counted: frozenset[str]) -> list[tuple[int, int]]:
    """The `answers` (counts) that count one of the `counted` nouns (`counts_noun`), and, when
    some do, those counting "of them" (`is_partitive`): beside "نحو 10 طلبات", "تلقينا إجابات عن
    تسع منها" answers "رد على كام طلب" too. Alone, a part "of them" may be of anything."""
    counting = [(a, b) for a, b in answers if counts_noun(passage[a:b], counted)]
    if not counting:
        return []
    return [(a, b) for a, b in answers if (a, b) in counting or is_partitive(passage[a:b])]


def _sentence_at(sentences: list[Span], ends: list[int], position: int) -> Span:
    """The sentence of `sentences` (in order; `ends`: their ends) holding `position`."""
    return sentences[min(bisect_left(ends, position + 1), len(sentences) - 1)]


def unasked_answers(
    text: str, kind: str, weights: dict[str, float], terms: list[Term] | None = None
) -> list[tuple[int, int]]:
    """Spans of `text` holding an answer of `kind` (`answer_spans`), but not those whose every
    word is a query term: the question names them, so they are not what it asks for ("أين عقدت
    محادثات روسيا والولايات المتحدة": not روسيا). `terms`: `text`'s, when analyzed already."""
    if not kind:
        return []
    terms = analyze_spans(text) if terms is None else terms
    starts = [t.start for t in terms]
    unasked = []
    for span in answer_spans(text, kind):
        inside = terms[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]
        if _unasked([t.term for t in inside], weights):
            unasked.append(span)
    return unasked


def holds_unasked_answer(text: str, kind: str, weights: dict[str, float]) -> bool:
    """Whether `text` holds one of its `unasked_answers`, analysing only the words of the
    answers' spans: ranking asks this of 20 passages a question, most of them new to it."""
    spans = answer_spans(text, kind) if kind else ()
    if not spans:
        return False
    words = word_table(text)
    starts = [word[1] for word in words]
    return any(
        _unasked(index_terms(w[0] for w in words[bisect_left(starts, a) : bisect_left(starts, b)]), weights)
        for a, b in spans
    )


def _unasked(inside: list[str], weights: dict[str, float]) -> bool:
    """Whether an answer whose words have the terms `inside` is not one the question names."""
    return not inside or not all(term in weights for term in inside)


def answer_sentence_shares(
    text: str,
    kind: str,
    weights: dict[str, float],
    stating: frozenset[str] = frozenset(),
    counted: frozenset[str] = frozenset(),
    exact: bool = False,
    reports: bool = True,
) -> list[float]:
    """For each answer of `kind` in `text` that the question does not name (`unasked_answers`),
    the share of the question's `weights` its sentence holds: a date in a sentence sharing
    nothing with the question ("... الذي افتتح الأربعاء" for "when did the pipeline explode?")
    answers some other question. With `stating` terms (`attributes.asked_attribute`), only
    answers in a sentence holding one of them count: "100 سرير" is no population. With `counted`
    nouns (`answer_kinds.counted_nouns`), only counts of one of them; `exact`, only counts stating
    a number (not `is_vague`: "عشرات القتلى"); without `reports`, no date of a saying
    (`report_dates.dates_report`). The occasion a question asks with "على هامش شو" (SIDELINES)
    is not counted in its own sentence's share: "على هامش اجتماعات قادة مجموعة السبع" shares
    "اجتماع" with "على هامش شو كان اجتماع بلينكن ولافروف" and answers another question."""
    terms = analyze_spans(text)
    term_starts = [t.start for t in terms]
    sentences = split_sentences(text)
    sentence_ends = [s.end for s in sentences]
    total = sum(weights.values()) or 1.0
    shares = []
    for start, end in unasked_answers(text, kind, weights, terms):
        sentence = _sentence_at(sentences, sentence_ends, start)
        if counted and not counts_noun(text[start:end], counted):
            continue
        if exact and is_vague(text[start:end]):
            continue
        if not reports and dates_report(text, start, end):
            continue
        span = terms[bisect_left(term_starts, sentence.start) : bisect_left(term_starts, sentence.end)]
        inside = {t.term for t in span}
        if kind == SIDELINES:
            inside = {t.term for t in span if not start <= t.start < end}
        if stating and stating.isdisjoint(inside):
            continue
        shares.append(fsum(weights[t] for t in inside & weights.keys()) / total)
    return shares


def _merged(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """`spans` in order, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


def highlight(text: str, terms) -> Snippet:
    """Mark every word of `text` whose index term is one of `terms`."""
    return Snippet(text, _marked(analyze_spans(text), 0, len(text), set(terms)))


def _marked(terms: list[Term], start: int, end: int, wanted) -> tuple[tuple[int, int], ...]:
    """Spans, relative to `start`, of the words in [start, end) whose term is `wanted`."""
    return tuple(
        (t.start - start, t.end - start) for t in terms if start <= t.start < end and t.term in wanted
    )
