"""A question word misdotted (المتوسظ for المتوسط): read as the word the articles write.

Arabic letters that differ only by their dots are one key apart on no keyboard but one slip
apart in typing and in reading; a question word the articles never write, whose one letter
dotted otherwise gives a word they write commonly, is read so. Query side only, like
`retrieval.dialect`; the floor is higher than a spoken letter's (a never-written word is as often
a spoken one, and a redotted spoken word can be a common word of another sense)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from retrieval.ranking_config import ARABIC_RANKING, ArabicRanking
from retrieval.stemming import light_stem

# Letters told apart by their dots alone, as normalized text has them (غ is read as ج there).
_DOT_GROUPS = ("بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "فق")
_PROCLITICS = "وفبلك"
_TWINS = {letter: group.replace(letter, "") for group in _DOT_GROUPS for letter in group}


def redotted(
    word: str,
    frequency: Callable[[str], int],
    written: Callable[[str], bool],
    ranking: ArabicRanking = ARABIC_RANKING,
) -> str | None:
    """A normalized `word` the articles never write, nor its stem, nor the word after a
    one-letter proclitic (فبني is ف + بني, not فتني), with one letter dotted as the word they
    write most among such variants, when they write it in `min_typo_frequency` passages; else
    None. A stem the index knows is an inflection of a word, not a slip (تبادلته)."""
    stem = light_stem(word)
    if len(stem) < ranking.min_snap_stem or written(word) or frequency(stem):
        return None
    if word[0] in _PROCLITICS and written(word[1:]):
        return None
    counts = {}
    for variant in _variants(word):
        variant_stem = light_stem(variant)
        if len(variant_stem) >= ranking.min_snap_stem and written(variant):
            counts[variant] = frequency(variant_stem)
    best = max(counts, key=counts.get, default=None)
    return best if best is not None and counts[best] >= ranking.min_typo_frequency else None


def _variants(word: str) -> Iterator[str]:
    """`word` with one letter dotted otherwise."""
    for i, letter in enumerate(word):
        for twin in _TWINS.get(letter, ""):
            yield word[:i] + twin + word[i + 1 :]
