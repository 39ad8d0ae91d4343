"""English words of a question: tokens with their case, and the dictionary forms to look up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.stopwords import STOPWORDS

_TOKEN_RE = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*(?:(?:st|nd|rd|th)\b|\s?A?H\b)?"
)
# An ordinal's suffix ("306th", "2nd") or a Hijri year's ("1436H", "1436 AH"): the articles
# write the number ("1436هـ"); the H is no name the articles lack.
_NUMBER_SUFFIX_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th|\s?A?H)$")
# Beyond the shared stopwords: words of asking, not of the topic.
QUESTION_WORDS = frozenset(
    """say said says tell told know want wants wanted get got make made go going went happen happened
    happens also many much kind sort type like one ones did do does doing done s t don didn doesn
    isn aren wasn weren won wouldn couldn shouldn name named describe described mean means ever
    whether its it's whats if so very just only still yet which according among""".split()
)

# A function word's contraction ("didn't", "weren't", "they're"; a possessive 's is dropped apart).
_CONTRACTION_RE = re.compile(r"[a-z](?:n't|'ll|'re|'ve|'d|'m)$")
# Verbs a question puts before its subject: "What did Messi say", "When was Navalny arrested".
_AUXILIARIES = frozenset(
    "did does do is was were are has have had will would can could should may might".split()
)


@dataclass(frozen=True)
class Word:
    """An English word of the question: lower-cased text, as typed, and its position."""

    text: str
    typed: str
    position: int
    start: int = 0  # its character offset in the text

    @property
    def capitalized(self) -> bool:
        return self.typed[:1].isupper()

    @property
    def is_acronym(self) -> bool:
        return len(self.typed) > 1 and self.typed.isupper()

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()


def english_words(text: str) -> list[Word]:
    """Latin-script words and numbers of `text`, possessive 's dropped."""
    words = []
    for position, match in enumerate(_TOKEN_RE.finditer(text)):
        typed = _NUMBER_SUFFIX_RE.sub("", re.sub(r"['’]s$", "", match.group()))
        typed = typed.replace("’", "'")
        words.append(Word(typed.lower(), typed, position, match.start()))
    return words


def subject_names(question: str) -> frozenset[str]:
    """The capitalized words, as typed, right after the question's first auxiliary verb (an
    article aside): whom it asks about ("What did Lionel Messi say about ..." → Lionel, Messi;
    "How many goals did Messi score?" → Messi). Empty when none follow it."""
    words = english_words(question)
    at = next((i for i, w in enumerate(words) if w.text in _AUXILIARIES), len(words))
    run = words[at + 1 :]
    if run and run[0].text == "the":
        run = run[1:]
    subject = []
    for word in run:
        if not word.capitalized or word.is_number:
            break
        subject.append(word.typed)
    return frozenset(subject)


def capitalized_runs(question: str) -> list[list[str]]:
    """Runs of two or more capitalized topic words in a row, as typed ("Ports Authority")."""
    runs: list[list[str]] = []
    run: list[str] = []
    for word in [*english_words(question), None]:
        if word is not None and word.capitalized and not word.is_number and is_content_word(word):
            run.append(word.typed)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = []
    return runs


def is_content_word(word: Word) -> bool:
    """A word that names part of the topic (not a function or question word)."""
    return word.text not in STOPWORDS and word.text not in QUESTION_WORDS


def is_contraction(text: str) -> bool:
    """Whether `text` (a word as `english_words` gives it) is a function word's contraction
    ("cannot" too): it asks, it names nothing a passage could lack ("Why didn't Biden ...")."""
    return text.lower() == "cannot" or bool(_CONTRACTION_RE.search(text.lower()))


def word_forms(word: str) -> list[str]:
    """`word` and the base forms it may be inflected from, most likely first (talks → talk)."""
    forms = [word]
    if len(word) > 4 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes", "zes")):
        forms.append(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    if len(word) > 4 and word.endswith("ied"):
        forms.append(word[:-3] + "y")
    if len(word) > 4 and word.endswith("ed"):
        forms += [word[:-2], word[:-1]]
        if len(word) > 5 and word[-3] == word[-4]:
            forms.append(word[:-3])
    if len(word) > 5 and word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:
            forms.append(word[:-4])
    if len(word) > 5 and word.endswith("ly"):
        forms.append(word[:-2])
    if len(word) > 4 and word.endswith("er"):
        forms.append(word[:-2])
    return list(dict.fromkeys(forms))
