"""The analysis chain: words -> normalized -> stopwords dropped -> light-stemmed terms.

Documents and queries both go through `analyze`/`analyze_spans`; nothing else produces index
terms, so the two sides always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.normalize import word_spans
from retrieval.stemming import light_stem
from retrieval.stopwords import STOPWORDS


@dataclass(frozen=True)
class Term:
    """An index term and the span of the source word it came from."""

    term: str
    start: int
    end: int


def analyze_spans(text: str) -> list[Term]:
    """Index terms of `text` with the offsets of the words they came from."""
    return [
        Term(light_stem(span.norm), span.start, span.end)
        for span in word_spans(text)
        if not is_stopword(span.norm)
    ]


def is_stopword(word: str) -> bool:
    """A function word, also with a conjunction or preposition attached ("ومتى", "لقديش")."""
    return word in STOPWORDS or (len(word) > 2 and word[0] in "وفبلك" and word[1:] in STOPWORDS)


def analyze(text: str) -> list[str]:
    """Index terms of `text`, in order."""
    return [term.term for term in analyze_spans(text)]
