"""What an English how-many question counts, as the Arabic nouns a count of it ends with: "How
many players were called up" counts لاعب, so a snippet shows "34 لاعبا" rather than the dates
of the lead ("2 - 5 ذي القعدة") its sentence matches with. Pure functions over text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.answer_kinds import counted_form
from retrieval.english.expand import Concept
from retrieval.normalize import word_table

_HOW_MANY_RE = re.compile(r"\bhow many\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE)
# Plurals that do not end in s.
_PLURALS = frozenset("children women men people".split())


def _plural(word: str) -> bool:
    word = word.casefold()
    return word in _PLURALS or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


def english_counted(question: str, concepts: Sequence[Concept]) -> frozenset[str]:
    """The counted nouns (`answer_kinds.counted_form`) of the Arabic renderings of the first
    plural word of the four after "how many", of the concept the question was ranked with that
    holds it; empty when there is none."""
    asked = _HOW_MANY_RE.search(question)
    if not asked:
        return frozenset()
    noun = next((w for w in asked.group(1).split() if _plural(w)), "")
    if not noun:
        return frozenset()
    concept = next((c for c in concepts if noun.casefold() in c.english.casefold().split()), None)
    if concept is None:
        return frozenset()
    heads = (word_table(r.text) for r in concept.renderings if r.text)
    return frozenset(counted_form(words[0][0]) for words in heads if words and not words[0][0].isascii())
