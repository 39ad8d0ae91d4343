"""The words of an Arabizi reading snapped to the corpus's spelling of them.

Arabizi leaves out long vowels and blurs letters Arabic keeps apart ("2" is hamza or qaf, "t"
is ت or ط, "s" is س, ص or ث), so the reader writes مقتمر for مؤتمر and المطهدس for المتحدث. A
reading word the index does not know is replaced by the corpus word with the same loose
skeleton (long vowels dropped, such letters merged) that looks most like it.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable

from retrieval.analysis import analyze
from retrieval.filed_words import FiledWords
from retrieval.index import SearchIndex
from retrieval.normalize import PROCLITICS, starts_arabic, word_table

_LETTER_CLASSES = {
    letter: cls
    for letters, cls in (("تط", "T"), ("سصث", "S"), ("حه", "H"), ("قءؤئ", "Q"), ("دض", "D"), ("ذزظ", "Z"))
    for letter in letters
}
_LONG_VOWELS = frozenset("اويى")
MIN_SKELETON = 3
# How alike (difflib ratio) a corpus word must look: طياره and توترات share a skeleton (.18).
MIN_SIMILARITY = 0.6
# A reading word the corpus does write (or the first spelling of an unknown one that it writes)
# still yields to the model's later spelling of it when the articles write that one this many
# times as often ("sudani": الصدني, a word of a few passages, and السوداني; "za2er": زقر and زائر;
# "corona": كرونا unknown, كورنا once, كورونا in 114 passages).
COMMON_SPELLING_RATIO = 20


def loose_skeleton(word: str) -> str:
    """A normalized Arabic word without long vowels, with letters Arabizi blurs merged."""
    out: list[str] = []
    for i, char in enumerate(word):
        if char in _LONG_VOWELS:
            continue
        cls = "T" if char == "ه" and i == len(word) - 1 else _LETTER_CLASSES.get(char, char)  # teh marbuta
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def spelling_table(words: Iterable[str]) -> FiledWords:
    """The corpus's written words by loose skeleton (also without a one-letter proclitic)."""
    by_skeleton: dict[str, set[str]] = defaultdict(set)
    for word in words:
        if starts_arabic(word):
            by_skeleton[loose_skeleton(word)].add(word)
            if word[0] in PROCLITICS and len(word) > 3:
                by_skeleton[loose_skeleton(word[1:])].add(word[1:])
    return FiledWords.of(by_skeleton)


class SpellingIndex:
    """The corpus's written words by loose skeleton (`spelling_table`); `frequency` ranks
    equally alike ones."""

    def __init__(self, words: Iterable[str], frequency: Callable[[str], int]):
        self._frequency = frequency
        self._table = spelling_table(words)

    @classmethod
    def saved(cls, table: FiledWords, frequency: Callable[[str], int]) -> SpellingIndex:
        """An index whose table was saved: no skeleton of every word to take."""
        index = cls((), frequency)
        index._table = table
        return index

    def written(self, word: str) -> bool:
        """Whether the articles write the normalized `word` (also after a one-letter proclitic)."""
        return word in self._table.get(loose_skeleton(word))

    def snap(self, word: str) -> str | None:
        """The corpus word that `word` most likely misspells, or None."""
        skeleton = loose_skeleton(word)
        if len(skeleton) < MIN_SKELETON:
            return None
        scored = [
            (difflib.SequenceMatcher(None, word, c, autojunk=False).ratio(), self._frequency(c), c)
            for c in self._table.get(skeleton)
        ]
        # Ties go by frequency, then spelling: the same answer every run.
        similarity, _, best = max(scored, default=(0.0, 0, ""))
        return best if similarity >= MIN_SIMILARITY else None


def _no_others(word: str) -> tuple[str, ...]:
    return ()


def snap_text(
    text: str,
    spelling: SpellingIndex,
    frequency: Callable[[str], int | None],
    others: Callable[[str], tuple[str, ...]] = _no_others,
) -> str:
    """`text` with each Arabic word the index does not know (`frequency` 0; None for a stopword)
    replaced by the first of its `others` (other readings of it, best first) that it knows, else
    by its snapped corpus spelling; a known word, or that first known other, by a later one of
    its `others` written `COMMON_SPELLING_RATIO` times as often ("twaffa": توافع, unknown, then
    توافى, a rare word, then توفى, written 150 times as often)."""
    parts, last = [], 0
    for norm, start, end in word_table(text):
        count = frequency(norm) if starts_arabic(norm) else None
        if count is None:
            continue
        spellings = others(norm)
        first = norm if count else next((o for o in spellings if frequency(o)), None)
        if first is None:
            snapped = spelling.snap(norm)
        else:
            # The reading, or the first other spelling written, yields to a later far commoner one.
            common = COMMON_SPELLING_RATIO * (frequency(first) or 0)
            later = spellings if count else spellings[spellings.index(first) + 1 :]
            common_other = next((o for o in later if (frequency(o) or 0) >= common), None)
            snapped = common_other or (None if first == norm else first)
        if snapped is not None:
            parts += [text[last:start], snapped]
            last = end
    return "".join(parts) + text[last:]


def snap_reading(
    index: SearchIndex,
    spelling: SpellingIndex,
    reading: str,
    others: Callable[[str], tuple[str, ...]] = _no_others,
) -> str:
    """An Arabizi reading with the words `index` does not know in the corpus's spelling: the
    model's next likeliest spelling the corpus writes, else the nearest written word; and a known
    word in the model's other spelling when the articles write that one far more often."""

    def frequency(word: str) -> int | None:
        terms = analyze(word)
        return index.scorer.document_frequency(terms[0]) if terms else None  # None: a stopword

    return snap_text(reading, spelling, frequency, others)
