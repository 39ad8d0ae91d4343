"""The analysis chain: words -> normalized -> stopwords dropped -> light-stemmed terms.

Documents and queries both go through `analyze`/`analyze_spans`; nothing else produces index
terms, so the two sides always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from retrieval.normalize import PROCLITICS, word_table
from retrieval.stemming import light_stem
from retrieval.stopwords import STOPWORDS


@dataclass(frozen=True)
class Term:
    """An index term, the span of the source word it came from and that word normalized."""

    term: str
    start: int
    end: int
    norm: str


def analyze_spans(text: str) -> list[Term]:
    """Index terms of `text` with the offsets of the words they came from."""
    terms = []
    for norm, start, end in word_table(text):
        term = _index_term(norm)
        if term is not None:
            terms.append(Term(term, start, end, norm))
    return terms


def index_terms(words: Iterable[str]) -> list[str]:
    """The index terms of normalized words, in order, stopwords dropped (no offsets: for callers
    that need the terms alone)."""
    return [term for term in map(_index_term, words) if term is not None]


@lru_cache(maxsize=1 << 18)
def _index_term(word: str) -> str | None:
    """The term of a normalized word, None for a stopword (cached: corpora repeat words)."""
    return None if is_stopword(word) else light_stem(word)


def is_stopword(word: str) -> bool:
    """A function word, also with a conjunction or preposition attached ("ومتى", "لقديش")."""
    return word in STOPWORDS or (len(word) > 2 and word[0] in PROCLITICS and word[1:] in STOPWORDS)


def analyze(text: str) -> list[str]:
    """Index terms of `text`, in order."""
    return [term.term for term in analyze_spans(text)]
