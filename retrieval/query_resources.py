"""What answering derives from an index besides its postings: the name index (English names),
the spelling index (Arabizi readings), the Arabic spellings of names and the latest article year.
The engine builds one with each index it opens or refreshes, from the tables saved beside it
(retrieval/word_tables.py), and swaps the two in together; each part is read or built when first
used, so a question that needs none of them costs nothing more."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from retrieval.english.lexicon import curated_names
from retrieval.english.names import NameIndex
from retrieval.index import SearchIndex
from retrieval.name_renderings import arabic_names
from retrieval.spelling import SpellingIndex
from retrieval.stemming import light_stem

if TYPE_CHECKING:
    from retrieval.word_tables import WordTables


class QueryResources:
    """The parts of `index` that questions use, read from its saved `tables` when given, else
    built from the index (an index made without a store, as tests make them)."""

    def __init__(self, index: SearchIndex, tables: WordTables | None = None):
        self._index = index
        self.tables = tables

    @cached_property
    def names(self) -> NameIndex:
        """The corpus's written words by consonant skeleton, for names in English questions.
        Written words, not stems: a stem may have lost letters that belong to the name, and the
        snapped word goes through the analysis chain afterwards anyway."""
        index = self._index
        if self.tables is not None:
            return NameIndex.saved(self.tables.names, index.word_frequency, curated_names())
        return NameIndex(index.written_words(), index.word_frequency, curated_names())

    @cached_property
    def spelling(self) -> SpellingIndex:
        """The corpus's written words by loose skeleton, for Arabizi readings."""
        scorer = self._index.scorer

        def frequency(word: str) -> int:
            return scorer.document_frequency(light_stem(word))

        if self.tables is not None:
            return SpellingIndex.saved(self.tables.spelling, frequency)
        return SpellingIndex(self._index.written_words(), frequency)

    @cached_property
    def arabic_names(self) -> frozenset[str]:
        """Arabic spellings of names (`retrieval.name_renderings`), saved with the tables."""
        return self.tables.arabic_names if self.tables is not None else arabic_names()

    @cached_property
    def last_year(self) -> int:
        """The year of the latest dated article (0 when none is dated)."""
        dates = (date[:4] for date in self._index.documents.dates() if date[:4].isdigit())
        return max(map(int, dates), default=0)
