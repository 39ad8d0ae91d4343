"""Which language a question is in, to pick the retrieval path and the reply's language."""

from __future__ import annotations

import re

from retrieval.normalize import count_scripts

_DOMINANT_SHARE = 0.8


# Mentions, hashtags, links and e-mail addresses say nothing about the question's language.
_NOT_LANGUAGE_RE = re.compile(r"\S+@\S+|[@#]\w+|\bhttps?://\S+|\bwww\.\S+")


def detect_language(text: str) -> str:
    """ "ar", "en" or "mixed", by the share of Arabic and Latin letters; "ar" when there are none."""
    arabic, latin = count_scripts(_NOT_LANGUAGE_RE.sub(" ", text))
    letters = arabic + latin
    if not letters or arabic >= _DOMINANT_SHARE * letters:
        return "ar"
    if latin >= _DOMINANT_SHARE * letters:
        return "en"
    return "mixed"


def reply_language(lang: str, text: str) -> str:
    """The interface language for an answer: a mixed question gets the script most of its
    words are in. Words, not letters: "وين التقى Lavrov مع Blinken؟" has more Latin letters
    (long names) but is asked in Arabic."""
    if lang != "mixed":
        return lang
    arabic = latin = 0
    for word in _NOT_LANGUAGE_RE.sub(" ", text).split():
        in_arabic, in_latin = count_scripts(word)
        arabic += in_arabic >= in_latin and in_arabic > 0
        latin += in_latin > in_arabic
    return "ar" if arabic >= latin else "en"
