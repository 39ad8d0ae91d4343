"""Whether the best passage counts what an Arabic how-many question counts. Near-topic questions
ask a count no article gives ("كم عدد زوار المهرجان" over the festival's opening, "كام مصلي كان
في المسجد" over the crash at the mosque): the passage holds other numbers (a date, an age, a
prize), never one in a sentence that names the thing counted. The noun is met by its consonants
without the long vowels and hamzas, so that a broken plural meets its singular ("زوار" and
"زائر", "جنود" and "جندي", "طلاب" and "طالب"): the light stems of the index cannot (the earlier
"noun never written" rule lost "حشدت قديش جندى" over "الجنود" for that). Pure functions over text."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

from retrieval.analysis import is_stopword
from retrieval.answer_kinds import COUNT, counted_nouns, without_dual_ending
from retrieval.normalize import starts_arabic, without_article, word_table
from retrieval.passages import split_sentences
from retrieval.snippets import unasked_answers

_PLURALS = ("ين", "ون", "ات")
# Letters a broken plural or a derived form adds or drops around the root's consonants; و and ي
# only after the first letter ("وزير" keeps its و, "زوار" loses it).
_ALWAYS_WEAK = frozenset("اىءئؤ")
_INNER_WEAK = frozenset("وي")
# Counted nouns news writes with other words ("ضحايا": "32 قتيلا"; "الناس": "ألف متفرج";
# "الأشخاص": "طاقم من ثلاثة رواد").
_BY_OTHERS = frozenset({"ضح", "نس", "شخص"})  # their `consonants`
_MIN_CONSONANTS = 2
_MIN_DUAL_STEM = 3


def consonants(word: str) -> str:
    """The consonants of a normalized word without its article, a sound plural's ending, a
    final ة/ه or an accusative alif: "الزوار" and "زائرا" are both "زر"."""
    word = without_article(word, 3)
    for ending in _PLURALS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    word = word.rstrip("ةه") if len(word) > 3 else word
    kept = [c for i, c in enumerate(word) if c not in _ALWAYS_WEAK and not (i and c in _INNER_WEAK)]
    return "".join(kept)


def asked_counted(question: str) -> frozenset[str]:
    """The consonants (`consonants`) of what an Arabic how-many question names as counted, the
    noun after "عدد" ("كم عدد زوار ...", "كم يبلغ عدد الطلاب"); empty without one (the word
    after "كم" may be a verb: "قديش مددو", "الساعة كم بدأ"), for a sum (the price attribute
    reads those) and for the words news counts by others (`_BY_OTHERS`: "ضحايا" are written
    "قتيلا", "مصابين")."""
    words = [w for w, _, _ in word_table(question)]
    if len(counted_nouns(question)) != 1:
        return frozenset()
    noun = next((after for word, after in pairwise(words) if word == "عدد"), "")
    if not noun or is_stopword(noun) or not starts_arabic(noun):
        return frozenset()
    skeleton = consonants(noun)
    named = len(skeleton) >= _MIN_CONSONANTS and skeleton not in _BY_OTHERS
    return frozenset({skeleton}) if named else frozenset()


def _undual(word: str) -> str:
    """`word` without a dual's ending ("مجموعتي" → "مجموع"), which counts by itself."""
    return without_dual_ending(word, _MIN_DUAL_STEM)


def _is_dual(word: str) -> bool:
    """Whether `word` reads as a dual, which counts by itself: a dual's ending and no article
    ("فريقين", "مجموعتي"; "المصلين" is a plural)."""
    return _undual(word) != word and not word.startswith(("ال", "وال", "بال", "لل"))


def counts_asked(text: str, counted: frozenset[str], weights: dict[str, float], window: int) -> bool:
    """Whether `text` holds a number the question does not name (`snippets.unasked_answers` of
    COUNT) within `window` words of a word whose `consonants` are `counted`'s, in its sentence:
    "استقبال الطلاب المتقدمين ... من الساعة 8 صباحاً" is no count of students."""
    if not counted:
        return True
    words = word_table(text)
    starts = [start for _, start, _ in words]
    sentences = split_sentences(text)
    nouns = [i for i, (w, _, _) in enumerate(words) if {consonants(w), consonants(_undual(w))} & counted]
    if any(_is_dual(words[i][0]) for i in nouns):
        return True  # "يقود فريقين": a dual is its own number
    for start, end in unasked_answers(text, COUNT, weights):
        first, last = bisect_left(starts, start), bisect_left(starts, end) - 1
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        for i in nouns:
            near = first - window <= i <= last + window
            if near and (sentence is None or sentence.start <= starts[i] < sentence.end):
                return True
    return False
