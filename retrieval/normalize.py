"""Arabic/Latin text normalization and tokenization shared by documents and queries.

One chain, used for both sides of the match, so an indexed form and a query form can never
drift apart. Functions are pure; `word_spans` keeps offsets into the original text so that
snippets can be highlighted in the source's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import pyarabic.araby as araby

# Alef with hamza above/below, madda and wasla all become a bare alef; alef maksura becomes yeh
# and teh marbuta becomes heh (as Lucene's ArabicNormalizationFilter does); ghain folds into
# jeem (measured: own questions hit@1 +.014, xquad-dev unchanged); Arabic-Indic and
# Persian digits become ASCII so "٢٠٢١" matches "2021".
_CHAR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        # Transliterated names are written with either letter (البنتاغون/البنتاجون,
        # سيرغي/سيرجي, غرينتش/جرينتش, both in the bundled corpus); Persian letters likewise.
        "غ": "ج",
        "ڤ": "ف",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        # Persian and Urdu keyboards type their own kaf, yeh and heh for Arabic words
        # ("بایدن", "اوکرانیا"): folded as Lucene's PersianNormalizationFilter does.
        "ک": "ك",
        "ی": "ي",
        "ې": "ي",
        "ۀ": "ه",
        "ە": "ه",
        "ہ": "ه",
        "ھ": "ه",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)

# A word: letters, digits and the marks that live inside Arabic words (harakat, shadda, small
# alef, tatweel). Punctuation, quotes and spaces separate words.
_WORD_RE = re.compile(r"[^\W_]+(?:[\u064B-\u065F\u0670\u0640\u06D6-\u06ED\u200C\u200D]+[^\W_]*)*")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


class WordSpan(NamedTuple):
    """A word of the original text: its normalized form and where it stands in the text.
    (A named tuple: indexing makes millions of these, and a tuple is quickest to build.)"""

    norm: str
    start: int
    end: int


def normalize_arabic(text: str) -> str:
    """Fold spelling variants that users and sources mix freely (diacritics, hamza forms, ...)."""
    text = unicodedata.normalize("NFKC", text)
    text = araby.strip_diacritics(text)
    text = araby.strip_tatweel(text)
    text = text.replace("\u200c", "").replace("\u200d", "")
    return text.translate(_CHAR_MAP).casefold()


@lru_cache(maxsize=1 << 18)
def _normalized_word(word: str) -> tuple[str, ...]:
    # NFKC can split a ligature or presentation form into several words. Cached: a corpus
    # repeats its words, and indexing reads each passage's words several times.
    return tuple(_WORD_RE.findall(normalize_arabic(word)))


def word_spans(text: str) -> list[WordSpan]:
    """Split text into words with their normalized form and character offsets in `text`."""
    return [WordSpan(*word) for word in word_table(text)]


@lru_cache(maxsize=4096)
def word_table(text: str) -> tuple[tuple[str, int, int], ...]:
    """`word_spans` as plain (norm, start, end) tuples, for the callers that split most.

    Cached: cleaning, passage splitting, analysis and snippets each split the same text again.
    Plain tuples because the garbage collector stops tracking tuples of strings and ints: a
    cache of named tuples is ~140k objects that every full collection walks (pauses of ~100 ms
    in the bot under load)."""
    words = []
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        for part in _normalized_word(match.group()):
            words.append((part, start, end))
    return tuple(words)


def distinct_words(texts: Iterable[str]) -> set[str]:
    """The distinct normalized words of `texts`, without offsets: each distinct spelling is
    normalized once (a third of the time `word_table` takes over 100k passages)."""
    tokens: set[str] = set()
    for text in texts:
        tokens.update(_WORD_RE.findall(text))
    return {norm for token in tokens for norm in _normalized_word(token)}


# The article, alone or after a one-letter conjunction or preposition ("وال", "لل": ل + ال),
# normalized; no two open with the same letter, so their order does not matter.
ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")


# The one-letter conjunctions and prepositions a word may be written after ("والدفاع", "بحي").
PROCLITICS = "وفبلك"


def without_proclitic(word: str, letters: str, min_chars: int = 4) -> str:
    """`word` without its first letter when that is one of the one-letter conjunctions or
    prepositions `letters` (و ف ب ل ك) and `word` has at least `min_chars` letters, so that short
    words (وفد, بلد) keep theirs; which letters a reader strips is its own (a verb of saying
    takes و ف only)."""
    return word[1:] if len(word) >= min_chars and word[0] in letters else word


def without_article(word: str, min_rest: int) -> str:
    """`word` without the article it opens with (`ARTICLES`), when at least `min_rest` letters
    remain."""
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= min_rest:
            return word[len(article) :]
    return word


def starts_arabic(word: str) -> bool:
    """Whether a normalized word begins with an Arabic letter (hamza to yeh)."""
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def count_scripts(text: str) -> tuple[int, int]:
    """Number of Arabic and Latin letters in `text`."""
    return len(_ARABIC_LETTER_RE.findall(text)), len(_LATIN_LETTER_RE.findall(text))
