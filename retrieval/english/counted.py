"""What an English how-many or how-much question counts, as the Arabic nouns a count of it ends
with (`answer_kinds.counted_form`), as the Arabic path's `answer_kinds.counted_nouns` has them:
"How many players were called up" counts لاعب, so "34 لاعبا" is its answer rather than the
lead's dates; "How much did Lyon pay for Valbuena?" counts a currency. Pure functions over text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.answer_kinds import counted_form, currencies
from retrieval.english.expand import Concept
from retrieval.normalize import word_table

_HOW_MANY_RE = re.compile(r"\bhow many\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE)
# Plurals that do not end in s.
_PLURALS = frozenset("children women men people".split())
# A how-much question on a sum: "for how much", or "how much" and a word of money or of paying
# ("How much oil did Iraq export?" counts barrels, "How much of the skeleton" a share).
_SUM_RE = re.compile(
    r"\bfor how much\b|\bhow much\b.*\b(?:money|cost|costs|worth|pay|paid|price|spend|spent|profits?"
    r"|salary|fine|fees?|budget|revenues?|earn|earned|invest|invested|provision|compensation|prize"
    r"|financing|funding|ticket|fare)\b",
    re.IGNORECASE,
)


def _plural(word: str) -> bool:
    word = word.casefold()
    return word in _PLURALS or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


def english_counted(question: str, concepts: Sequence[Concept]) -> frozenset[str]:
    """The currencies for a sum; else the counted nouns of the Arabic renderings (the first
    word of each) of the concept the question was ranked with holding the first plural of the
    four words after "how many": the renderings the articles matched, not the dictionary's
    senses anew (`encount` found those miss the articles' words). Empty when it names none."""
    if _SUM_RE.search(question):
        return currencies()
    asked = _HOW_MANY_RE.search(question)
    noun = next((w for w in asked.group(1).split() if _plural(w)), "") if asked else ""
    concept = next((c for c in concepts if noun and noun.casefold() in c.english.casefold().split()), None)
    if concept is None:
        return frozenset()
    heads = (word_table(r.text) for r in concept.renderings if r.text)
    return frozenset(counted_form(words[0][0]) for words in heads if words and not words[0][0].isascii())
