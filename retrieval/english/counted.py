"""What an English how-many question counts, as the Arabic nouns an article counts it with: "How
many Saudis are among the defendants ..." counts سعودي, so the passage of the article saying
"وخمسة سعوديين" is shown rather than the one matching the question best with no count. The
English twin of `answer_kinds.counted_nouns`; pure functions over the lexicon and the dictionary."""

from __future__ import annotations

import re
from collections.abc import Mapping

from retrieval.answer_kinds import counted_form, currencies
from retrieval.english.freedict import load_dictionary
from retrieval.english.lexicon import general_words, lexicon
from retrieval.english.words import Word, english_words, is_content_word, word_forms
from retrieval.normalize import normalize_arabic, starts_arabic
from retrieval.ranking_config import ENGLISH_EXPANSION, EnglishExpansion

_HOW_MANY_RE = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
_HOW_MUCH_RE = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
# A how-much question on one of these asks a sum, stated with a currency ("How much did the
# stadium cost?", "How much money ..."), as the Arabic path's `SUM_WORDS`.
_MONEY_WORDS = frozenset(
    "money cost costs costing price prices priced worth paid pay pays spend spent sum fund funds "
    "funding value valued fine fined compensation salary wage budget".split()
)
# Plurals without an -s, counted as the -s plurals are ("How many people died"), with the singular
# an article counts by when it has one ("200 امرأة", "12 طفلاً").
_SINGULARS = {"people": "person", "children": "child", "men": "man", "women": "woman"}
_PLURALS = frozenset(_SINGULARS) | frozenset("police personnel staff cattle sheep".split())
_REACH = 4  # words after "how many" the counted noun is looked for in ("how many aid trucks")


def counted_word(question: str) -> str:
    """The English noun a how-many question counts, lower-cased: the first plural content word
    of the few after "how many" ("aid trucks": trucks); "" when it asks no "how many" or counts
    no noun ("How many were injured?": a participle, which no Arabic count ends with)."""
    match = _HOW_MANY_RE.search(question)
    if not match:
        return ""
    after = [w for w in english_words(question[match.end() :]) if not w.is_number][:_REACH]
    return next((w.text for w in after if is_content_word(w) and _is_plural(w)), "")


def _is_plural(word: Word) -> bool:
    text = word.text
    return text in _PLURALS or (len(text) > 3 and text.endswith("s") and not text.endswith("ss"))


def english_counted_nouns(
    question: str,
    dictionary: Mapping[str, tuple[str, ...]] | None = None,
    expansion: EnglishExpansion = ENGLISH_EXPANSION,
) -> frozenset[str]:
    """What an English how-many question counts, as `counted_form` has it: the currencies for a
    sum ("How much did it cost?"), else the Arabic renderings of the noun counted, in the
    plural asked and its singular (trucks: الشاحنات، شاحنة; pilgrims: الحجاج، حاج); empty when
    it names none, or no rendering is Arabic. `dictionary`: the installed one by default."""
    if _HOW_MUCH_RE.search(question) and any(w.text in _MONEY_WORDS for w in english_words(question)):
        return currencies()
    word = counted_word(question)
    if not word:
        return frozenset()
    dictionary = load_dictionary() if dictionary is None else dictionary
    nouns = set()
    for form in [*word_forms(word), *([_SINGULARS[word]] if word in _SINGULARS else [])]:
        senses = lexicon().get((form,), ()) + general_words().get(form, ())
        senses += tuple(dictionary.get(form, ()))[: expansion.max_dictionary_senses]
        for arabic in senses:
            head = normalize_arabic(arabic).split()[:1]  # an Arabic noun phrase's head comes first
            if head and starts_arabic(head[0]):
                nouns.add(counted_form(head[0]))
    return frozenset(nouns)
