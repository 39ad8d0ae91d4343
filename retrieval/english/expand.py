"""An English question as weighted groups of Arabic index terms.

Each topic word or phrase of the question becomes one `Concept`: the Arabic ways of saying it
(curated lexicon first, then the dictionary, then the corpus's spelling of a name), every
rendering run through the same analysis chain as the articles. A passage scores a concept by its
best-matching rendering only, so a word with five dictionary senses counts once, like any other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from retrieval.analysis import analyze
from retrieval.english.lexicon import MAX_PHRASE_WORDS, general_words, lexicon
from retrieval.english.names import NameIndex
from retrieval.english.words import Word, english_words, is_content_word, word_forms
from retrieval.ranking_config import ENGLISH_EXPANSION, EnglishExpansion

_US_RE = re.compile(r"\bU\.\s?S\.?(?=\W|$)|\bUS\b")
# "how long / old / far" ask for a duration, an age, a distance: the adjective is no topic
# (it was rendered طويل, قديم, بعيدا and named missing when the articles lacked those).
_HOW_ADJECTIVE_RE = re.compile(r"\b(how)\s+(?:long|old|far)\b", re.IGNORECASE)
_HOW_LONG_RE = re.compile(r"\bhow\s+long\b", re.IGNORECASE)
# In a question asking how long, "last" closing a clause after no determiner is the verb ("How
# long did the meeting last?": استمر, not الماضي) and is looked up as "lasted"; "the last round",
# "last April" and "Who finished last?" are the adjective.
_LAST_VERB_RE = re.compile(
    r"(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )\blast\b"
    r"(?=\s*(?:[?.!,;]|$|(?:for|about|around|nearly|almost|until|till)\b))",
    re.IGNORECASE,
)

# A year of the Hijri era the articles date by (1300-1499 AH: 1882-2077 CE).
_HIJRI_YEAR_RE = re.compile(r"^1[34]\d\d$")


@dataclass(frozen=True)
class Rendering:
    """One Arabic way of saying a concept: its index terms, origin and how far it is trusted."""

    terms: tuple[str, ...]
    source: str
    confidence: float
    text: str = ""  # the Arabic as written (lexicon, dictionary or the corpus's word)


@dataclass(frozen=True)
class Concept:
    """A topic word or phrase of the question, with its Arabic renderings."""

    english: str
    weight: float
    renderings: tuple[Rendering, ...]

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(t for r in self.renderings for t in r.terms))


def _renderings(arabic: tuple[str, ...], source: str, confidence: float) -> list[Rendering]:
    out = []
    for text in arabic:
        terms = tuple(dict.fromkeys(analyze(text)))
        if terms:
            out.append(Rendering(terms, source, confidence, text))
    return out


def _lookup(table: Mapping[str, tuple[str, ...]], word: str) -> tuple[str, ...]:
    for form in word_forms(word):
        if form in table:
            return table[form]
    return ()


def _phrase_at(words: list[Word], i: int) -> tuple[int, tuple[str, ...]]:
    """The longest lexicon phrase starting at word i: (number of words, renderings), or (0, ())."""
    phrases = lexicon()
    for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 1, -1):
        head = tuple(w.text for w in words[i : i + n - 1])
        for last in word_forms(words[i + n - 1].text):
            if (*head, last) in phrases:
                return n, phrases[(*head, last)]
    return 0, ()


def _word_concept(
    word: Word,
    dictionary: Mapping[str, tuple[str, ...]],
    names: NameIndex | None,
    sentence_start: bool,
    expansion: EnglishExpansion,
) -> Concept | None:
    renderings: list[Rendering] = []
    if word.is_number:
        renderings += _renderings((word.text,), "latin", expansion.latin_confidence)
        if expansion.hijri_years and _HIJRI_YEAR_RE.match(word.text):
            # The articles glue the era to the year ("1436هـ" is one term): 1436 alone misses it.
            renderings += _renderings((word.text + "هـ",), "latin", expansion.latin_confidence)
        return Concept(word.typed, 1.0, tuple(renderings)) if renderings else None
    curated = _lookup(_single_words(), word.text)
    senses = curated
    if curated:
        renderings += _renderings(curated, "lexicon", expansion.lexicon_confidence)
    elif not word.is_acronym:  # START, ICE: a name, not the everyday word
        everyday = _lookup(general_words(), word.text)
        if everyday:
            senses = everyday
            renderings += _renderings(everyday, "lexicon", expansion.lexicon_confidence)
        else:
            senses = _lookup(dictionary, word.text)[: expansion.max_dictionary_senses]
            renderings += _renderings(senses, "dictionary", expansion.dictionary_confidence)
    looks_like_name = word.capitalized and not sentence_start and not curated
    if senses and not renderings and not looks_like_name:
        # Every Arabic sense is a stopword to the analysis (mechanism: آلية reads as إليه; around:
        # حول): the articles' word is not searchable either, so the word asks nothing the index
        # can hold, as an Arabic question's stopword. Kept, its Latin spelling would count as a
        # name the articles lack ("Not in the articles: mechanism").
        return None
    # The curated lexicon's rendering is the name's (Iraq: العراق); snapping would only add
    # look-alike words of a large vocabulary to it.
    if names is not None and (looks_like_name or not renderings):
        # One word, not a gloss: "Amazon" is المرأة القويّة to the dictionary.
        everyday = max((names.uses(r.text) for r in renderings if " " not in r.text.strip()), default=0)
        for match in names.snap(word.typed, expansion.max_name_matches, expansion.names):
            if names.uses(match.term) >= expansion.names.min_everyday_share * everyday:
                renderings += _renderings((match.term,), "name", match.similarity)
    # The word as typed: Latin names and codes ("COP26", "AG") occur in Arabic copy too.
    renderings += _renderings((word.text,), "latin", expansion.latin_confidence)
    return Concept(word.typed, 1.0, tuple(_dedupe(renderings)))


def _dedupe(renderings: list[Rendering]) -> list[Rendering]:
    best: dict[tuple[str, ...], Rendering] = {}
    for r in renderings:
        if r.terms not in best or r.confidence > best[r.terms].confidence:
            best[r.terms] = r
    return list(best.values())


@lru_cache(maxsize=1)
def _single_words() -> dict[str, tuple[str, ...]]:
    return {k[0]: v for k, v in lexicon().items() if len(k) == 1}


def expand_english(
    question: str,
    dictionary: Mapping[str, tuple[str, ...]],
    names: NameIndex | None = None,
    expansion: EnglishExpansion = ENGLISH_EXPANSION,
) -> list[Concept]:
    """The topic concepts of an English (or mixed) question, in question order.

    Arabic words in a mixed question become concepts of their own, analyzed as they are.
    """
    text = _HOW_ADJECTIVE_RE.sub(r"\1", _US_RE.sub(" USA ", question))
    verbs = {m.start() for m in _LAST_VERB_RE.finditer(text)} if _HOW_LONG_RE.search(question) else set()
    words = [replace(w, text="lasted") if w.start in verbs else w for w in english_words(text)]
    concepts: list[Concept] = []
    i = 0
    while i < len(words):
        n, arabic = _phrase_at(words, i)
        if n:
            phrase = words[i : i + n]
            weight = float(sum(is_content_word(w) for w in phrase)) or 1.0
            renderings = _renderings(arabic, "lexicon", expansion.lexicon_confidence)
            concepts.append(Concept(" ".join(w.typed for w in phrase), weight, tuple(renderings)))
            i += n
            continue
        word = words[i]
        if is_content_word(word):
            concept = _word_concept(word, dictionary, names, i == 0, expansion)
            if concept and concept.renderings:
                concepts.append(concept)
        i += 1
    for term in dict.fromkeys(t for t in analyze(question) if _is_arabic(t)):
        rendering = Rendering((term,), "arabic", expansion.arabic_confidence, term)
        concepts.append(Concept(term, 1.0, (rendering,)))
    return concepts


def _is_arabic(term: str) -> bool:
    return bool(term) and "\u0621" <= term[0] <= "\u06ff"


def matched_on(concepts: list[Concept], matched: list[frozenset[str]]) -> tuple[tuple[str, str], ...]:
    """(English words, Arabic rendering) for each concept whose terms the answer's passages
    (`matched`: their terms, best first) hold: what a reader needs to see why an Arabic snippet
    answers an English question. Of renderings matched alike, the one the first result holds is
    shown ("led" is ترأس in "ريابكوف، الذي ترأس الوفد", though a later result says قادة)."""
    every = frozenset().union(*matched)
    top = matched[0] if matched else frozenset()
    pairs = []
    for concept in concepts:
        if concept.renderings and concept.renderings[0].source == "arabic":
            continue
        best = max(
            concept.renderings,
            key=lambda r: (
                len(every.intersection(r.terms)) / len(r.terms),
                len(top.intersection(r.terms)) / len(r.terms),
                r.confidence,
            ),
            default=None,
        )
        if best is not None and every.intersection(best.terms) and best.source != "latin":
            pairs.append((concept.english, best.text))
    return tuple(pairs)
