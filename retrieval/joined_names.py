"""A name the articles write joined and a question splits, or the other way round (أبوعريش /
أبو عريش, عبدالعزيز / عبد العزيز): the question also searched as the articles write it.

The index keeps each spelling as written, one term joined and two split, and the articles use
both, often about equally (docs/tuning.md): so a split pair is searched in its joined form too
when the articles write that, beside the pair as typed; a joined word the articles never write
is searched as its two parts. Query side only, like `retrieval.dialect`: the index and its
analysis are unchanged."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.normalize import word_table
from retrieval.ranking_config import ARABIC_RANKING, ArabicRanking
from retrieval.stemming import light_stem

# Normalized first parts of compound names that Gulf copy writes joined or split alike.
JOINING_PARTS = ("ابو", "عبد")
MIN_REST = 3  # letters of the second part: أبوه ("his father") is no name


def read_joined(
    question: str,
    frequency: Callable[[str], int],
    written: Callable[[str], bool],
    ranking: ArabicRanking = ARABIC_RANKING,
) -> str:
    """`question` with each split name the articles write joined followed by its joined form
    ("محافظ ابو عريش" -> "محافظ ابو عريش ابوعريش"), and each joined name they never write split
    ("ابوهريرة" -> "ابو هريرة"), when they commonly write the form added (`frequency`: passages
    holding an index term, at least `min_snap_frequency`); the question itself otherwise, and
    with `joined_names` off. Searched, never shown: the reader knows how the name is written."""
    if not ranking.joined_names:
        return question
    words = word_table(question)
    parts, last = [], 0
    for (norm, start, end), following in zip(words, (*words[1:], None), strict=False):
        if start < last:  # the second part of a name just joined
            continue
        if norm in JOINING_PARTS and following is not None and not question[end : following[1]].strip():
            joined = norm + following[0]
            if written(joined) and frequency(light_stem(joined)) >= ranking.min_snap_frequency:
                parts += [question[last : following[2]], " " + joined]
                last = following[2]
            continue
        split = _split(norm, frequency, written, ranking)
        if split is not None:
            parts += [question[last:start], split]
            last = end
    return "".join([*parts, question[last:]]) if parts else question


def _split(
    norm: str, frequency: Callable[[str], int], written: Callable[[str], bool], ranking: ArabicRanking
) -> str | None:
    """A joined name the articles never write as its two parts, when they commonly write the
    second; else None."""
    first = next((part for part in JOINING_PARTS if norm.startswith(part)), None)
    if first is None or written(norm):
        return None
    rest = norm[len(first) :]
    if len(rest) < MIN_REST or not written(rest):
        return None
    return f"{first} {rest}" if frequency(light_stem(rest)) >= ranking.min_snap_frequency else None
