"""Split cleaned article bodies into sentences and passages, keeping character offsets.

Offsets always point into the cleaned body, so a snippet is a slice of the source text and
never a reconstruction of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from retrieval.normalize import word_table

# A sentence ends at . ! ? ؟ … or ؛ followed by optional closing quotes/brackets and a space;
# paragraph breaks always end one. "3.5" and "U.S." do not split (no space after the dot), nor
# does an elision "(…)" inside a quote. A run of marks is tried from its first mark only (its
# second after "(" or "["), without backtracking: tried from every mark, a long run with no
# space after it took quadratic time (48 KB of dots: 20 s), for the same sentence ends.
# Nor does the dot of a one-letter title ("د. أحمد", "ود. يوسف", "م. عادل", "أ.د. سمير": doctor,
# engineer, professor), which had cut a sentence before the name it introduces.
_SENTENCE_END_RE = re.compile(
    r"(?:(?<![(\[.!?؟…؛])|(?<=[(\[][.!?؟…؛]))(?!(?:(?<=[\s.(][دمأ])|(?<=[\s.(]و[دمأ]))\.)[.!?؟…؛]++[\"'”’»)\]]*+(?=\s)|\n+"
)
_HEADING_MAX_WORDS = 8
PASSAGE_MAX_WORDS = 120
PASSAGE_MAX_SENTENCES = 5


@dataclass(frozen=True)
class Span:
    """A stretch of the body: [start, end) character offsets."""

    start: int
    end: int


def _trimmed(text: str, start: int, end: int, word_starts: list[int]) -> Span | None:
    """[start, end) without surrounding space, if it holds a word. `word_starts` are those of
    `text`'s words: a stretch bounded by space (or the text's ends) holds just the words that
    start in it, so a text is split into words once rather than once a stretch."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start and words_between(word_starts, start, end) else None


def word_starts(text: str) -> list[int]:
    """Where each word of `text` starts, ascending."""
    return [start for _, start, _ in word_table(text)]


def words_between(word_starts: list[int], start: int, end: int) -> int:
    """How many of the words starting at `word_starts` start in [start, end)."""
    return bisect_left(word_starts, end) - bisect_left(word_starts, start)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text` (paragraphs separated by blank lines)."""
    starts = word_starts(text)
    spans = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end() if match.group()[0] != "\n" else match.start()
        if span := _trimmed(text, start, end, starts):
            spans.append(span)
        start = match.end()
    if span := _trimmed(text, start, len(text), starts):
        spans.append(span)
    return spans


def _paragraph_spans(body: str) -> list[Span]:
    starts = word_starts(body)
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", body):
        if span := _trimmed(body, start, match.start(), starts):
            spans.append(span)
        start = match.end()
    if span := _trimmed(body, start, len(body), starts):
        spans.append(span)
    return spans


def is_heading(text: str, words: int | None = None) -> bool:
    """A short line with no closing punctuation: a subheading, not a sentence. `words`: its
    number of words, when the caller knows it."""
    if words is None:
        words = len(word_table(text))
    return words <= _HEADING_MAX_WORDS and text.rstrip()[-1:] not in '.!?؟…"”»'


def split_passages(body: str) -> list[Span]:
    """Passages of a few sentences within a paragraph; a subheading joins the passage after it."""
    passages: list[Span] = []
    pending_heading: int | None = None
    for paragraph in _paragraph_spans(body):
        text = body[paragraph.start : paragraph.end]
        if is_heading(text):
            pending_heading = paragraph.start if pending_heading is None else pending_heading
            continue
        for index, chunk in enumerate(_chunk_sentences(body, paragraph)):
            start = pending_heading if index == 0 and pending_heading is not None else chunk.start
            passages.append(Span(start, chunk.end))
        pending_heading = None
    if pending_heading is not None:
        passages.append(Span(pending_heading, _paragraph_spans(body)[-1].end))
    return passages


def _chunk_sentences(body: str, paragraph: Span) -> list[Span]:
    sentences = [
        Span(paragraph.start + s.start, paragraph.start + s.end)
        for s in split_sentences(body[paragraph.start : paragraph.end])
    ]
    chunks: list[Span] = []
    current: list[Span] = []
    words = 0
    for sentence in sentences:
        count = len(word_table(body[sentence.start : sentence.end]))
        if current and (words + count > PASSAGE_MAX_WORDS or len(current) >= PASSAGE_MAX_SENTENCES):
            chunks.append(Span(current[0].start, current[-1].end))
            current, words = [], 0
        current.append(sentence)
        words += count
    if current:
        chunks.append(Span(current[0].start, current[-1].end))
    return chunks
