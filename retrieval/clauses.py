"""Bound sentences for snippets: a "sentence" without full stops (whole paragraphs of news copy
are commas only) is split at clause boundaries, so no snippet runs to a screenful."""

from __future__ import annotations

import re

from retrieval.passages import Span

# Longest piece of a sentence a snippet is built from, and the shortest a cut may leave.
MAX_CLAUSE_CHARS = 400
MIN_CLAUSE_CHARS = 80
# After a comma, semicolon or colon (Arabic or Latin) and its space: the best cuts.
_CLAUSE_END_RE = re.compile(r"[،,;؛:]+[\"'”’»)\]]*\s+")
# Before a word opening with waw ("and ..."): a clause, when no punctuation is near.
_AND_RE = re.compile(r"\s+(?=و\w)")
_SPACE_RE = re.compile(r"\s+")


def _cut(text: str, start: int, end: int) -> int:
    """Where the next piece starts, cutting text[start:end]: after the last clause boundary
    that leaves a piece of MIN..MAX_CLAUSE_CHARS, else before the last "and", else at the last
    space in reach."""
    low, high = start + MIN_CLAUSE_CHARS, min(end, start + MAX_CLAUSE_CHARS)
    window = text[start:high]
    for pattern in (_CLAUSE_END_RE, _AND_RE, _SPACE_RE):
        cuts = [start + m.end() for m in pattern.finditer(window) if start + m.end() >= low]
        if cuts:
            return cuts[-1]
    return high  # one word longer than a piece: cut inside it rather than not at all


def bounded_sentences(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (sentences of `text`) with each one longer than MAX_CLAUSE_CHARS split into
    consecutive pieces of at most that length, cut at clause boundaries where there are some."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        while span.end - start > MAX_CLAUSE_CHARS:
            cut = _cut(text, start, span.end)
            piece_end = cut
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            out.append(Span(start, piece_end))
            start = cut
            while start < span.end and text[start].isspace():
                start += 1
        if start < span.end:
            out.append(Span(start, span.end))
    return out
