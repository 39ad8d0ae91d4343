"""Light stemming for Arabic (Larkey, Ballesteros and Connell's light10).

Operates on words already passed through `normalize_arabic` (so teh marbuta is heh and alef
maksura is yeh). Light stemming strips only frequent clitics and inflections: it merges
"والمحادثات" with "محادثات" without the over-merging of root extraction.
"""

from __future__ import annotations

_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def light_stem(word: str) -> str:
    """Strip conjunction waw, definite articles and common suffixes from a normalized word."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    if word.startswith("و") and len(word) > 3:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word
