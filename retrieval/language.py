"""Which language a question is in, to pick the retrieval path and the reply's language."""

from __future__ import annotations

import re

from retrieval.normalize import count_scripts

_DOMINANT_SHARE = 0.8


# Links, e-mail addresses and @mentions are not what a question asks about ("متى قمة جنيف
# https://..." pasted under a shared article); hashtags say nothing about its language either.
_NOT_CONTENT_RE = re.compile(r"\S+@\S+|@\w+|\bhttps?://\S+|\bwww\.\S+")
_NOT_LANGUAGE_RE = re.compile(rf"{_NOT_CONTENT_RE.pattern}|#\w+")


def question_content(text: str) -> str:
    """`text` without its links, e-mail addresses and @mentions."""
    return " ".join(_NOT_CONTENT_RE.sub(" ", text).split())


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
