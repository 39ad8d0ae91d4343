"""Who came after someone, asked in English ("Who took over from Jen Psaki as press secretary?",
"Who succeeded Mullah Omar?"): only articles that write a succession can say. A near story
of the person or the post names its holder, not a successor. Pure functions over text."""

from __future__ import annotations

from collections.abc import Collection

from retrieval.english.words import english_words
from retrieval.normalize import normalize_arabic, without_proclitic, word_table

# English words asking who followed someone; "over" after a form of "take" ("took over from").
_SUCCESSION_ASKED = frozenset(
    "succeed succeeds succeeded succeeding successor successors replace replaces replaced replacing "
    "replacement".split()
)
_TAKE = frozenset("take takes took taken taking".split())
_OVER = "over"
# How the articles write one following another, as normalized openings of a word after its
# one-letter prefix: خلفاً لـ، يخلف / ليخلف، خليفته، تعيين، تولّى / يتولى، تسلّم، بدلاً من، استبدال.
# "خلف" alone is "behind" and "خلفية" a background: neither is among them.
_SUCCESSION_WRITTEN = tuple(
    normalize_arabic(w) for w in "خلفا يخلف خليف تعيين تولى يتولى تولت تسلم يتسلم بدلا بديل استبدال".split()
)
# "ليحل محل": the place one takes, written as a whole word (محلي is local).
_IN_PLACE = normalize_arabic("محل")
_PREFIXES = "وفبل"
_FUTURE = "س"


def asks_successor(question: str) -> bool:
    """Whether an English `question` asks who followed someone: "succeeded", "replaced",
    "successor", "took over"."""
    words = [w.text for w in english_words(question)]
    if any(w in _SUCCESSION_ASKED for w in words):
        return True
    return any(w in _TAKE and words[i + 1 : i + 2] == [_OVER] for i, w in enumerate(words))


def writes_succession(texts: Collection[str]) -> bool:
    """Whether any of `texts` writes that one followed another in a post (`_SUCCESSION_WRITTEN`,
    "محل")."""
    for text in texts:
        for word, _, _ in word_table(text):
            if word == _IN_PLACE or any(w.startswith(_SUCCESSION_WRITTEN) for w in _forms(word)):
                return True
    return False


def _forms(word: str) -> tuple[str, ...]:
    """`word` as written, without its one-letter prefix, and without the future's س after it
    ("وسيتولى" -> يتولى)."""
    bare = without_proclitic(word, _PREFIXES)
    return (word, bare, bare[1:]) if bare.startswith(_FUTURE) else (word, bare)
