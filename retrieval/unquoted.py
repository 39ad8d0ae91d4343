"""What a person said, where no article quotes them. "شو قال ترامب عن قرار بايدن بخصوص نورد
ستريم" finds the article on Biden's decision, which names Trump only as his predecessor ("نهج
سلفه دونالد ترامب المتهم بالتراخي"): the article names the person the question quotes, so
`missing.lacks_subject` lets it answer, but nothing in it is his. The question is answered
only by an article where the person speaks (issue 16: near-topic questions). Pure functions.

Unlike the dropped check of the person in the best passage and its neighbours (docs/tuning.md,
"what else the tuning halves still answer"), the person may be anywhere in the best articles,
and is looked for as a speaker, not as a word."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.answer_kinds import SPEAKING, SPOKEN_WHAT, speaks
from retrieval.normalize import normalize_arabic, without_proclitic, word_table
from retrieval.stemming import light_stem

# Verbs of saying a question asks by ("شو قال ترامب", "بماذا صرح"): a stance (موقف, رأي) may be
# reported without a word of the person's, so it is not checked.
_ASKED_SAYING = frozenset(normalize_arabic(w) for w in "قال قالت صرح صرحت علق علقت حكى حكت".split())
_WHAT = SPOKEN_WHAT | {normalize_arabic("ماذا"), normalize_arabic("ما")}
_PREFIXES = "وف"
# After the name, a colon or quotation opens the person's words ("وكتب ترامب: ...").
_OPENING_QUOTE = frozenset(':"“«')


def asks_saying_verb(question: str) -> bool:
    """Whether an Arabic `question` asks what someone said: "what" right before or after a verb of
    saying (`_ASKED_SAYING`): "شو قال ترامب عن", "ماكرون قال ايه عن"; not "مين اللي قالت انو"
    nor "الوزيرين قالوا ممكن يتفقوا فى ايه", whose word after the verb is no speaker."""
    words = [w for w, _, _ in word_table(question)]
    for i, word in enumerate(words):
        beside = words[max(i - 1, 0) : i] + words[i + 1 : i + 2]
        if without_proclitic(word, _PREFIXES) in _ASKED_SAYING and not _WHAT.isdisjoint(beside):
            return True
    return False


def quotes(text: str, speaker: frozenset[str]) -> bool:
    """Whether `text` has the person whose name has the index terms `speaker` speaking: a verb of
    saying before the name (`answer_kinds.speaks`), right after it ("بوتين قال", "ترامب أكد"),
    or a colon or quotation mark right after it."""
    if speaks(text, speaker):
        return True
    words = word_table(text)
    for i, (word, _, end) in enumerate(words):
        if light_stem(word) not in speaker:
            continue
        if text[end : end + 2].strip()[:1] in _OPENING_QUOTE:
            return True
        if i + 1 < len(words) and without_proclitic(words[i + 1][0], _PREFIXES) in SPEAKING:
            return True
    return False


def unquoted(texts: Iterable[str], speaker: frozenset[str]) -> bool:
    """Whether none of the articles' `texts` has the person `speaker` names speaking."""
    return bool(speaker) and not any(quotes(text, speaker) for text in texts)
