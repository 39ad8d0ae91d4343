"""Arabic spellings of people's and places' names, from the English side's resources: the
lexicon's people and places, and the dictionary's transliterations (an English headword whose
Arabic rendering has its consonant skeleton: "garfield" جارفيلد). An Arabic question word the
articles lack that is one of these names a person or place they never mention."""

from __future__ import annotations

import difflib
import hashlib
import json
from functools import lru_cache

from retrieval.english.freedict import dictionary_files, load_dictionary
from retrieval.english.lexicon import people
from retrieval.english.names import (
    MIN_SKELETON,
    arabic_shape,
    arabic_skeleton,
    english_shape,
    english_skeleton,
)
from retrieval.normalize import normalize_arabic

# Clitics a name may carry in a question: "وماكرون", "لماكرون", "بالسيسي".
_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
# Shorter remainders after a clitic are mostly words: وصلت is not و + a name صلت.
MIN_NAME_LETTERS = 4
MIN_LIKENESS = 0.9


@lru_cache(maxsize=1)
def arabic_names() -> frozenset[str]:
    """Normalized one-word Arabic spellings of names: a second or more to build, so the
    engine saves them with the index (retrieval/word_tables.py); read once per process."""
    listed = {normalize_arabic(a) for spellings in people().values() for a in spellings if " " not in a}
    return frozenset(listed) | dictionary_transliterations()


def dictionary_transliterations() -> frozenset[str]:
    """The dictionary's renderings that spell their headword's sounds, consonants and vowels
    alike (`retrieval.english.names`): names and loanwords. Looser likeness let in Arabic words
    English borrowed ("caliph" خليفة, "saffron" زعفران)."""
    found = set()
    for word, renderings in load_dictionary().items():
        if not word.isalpha():
            continue
        for arabic in renderings:
            if " " in arabic or len(arabic) <= MIN_NAME_LETTERS:
                continue
            norm = normalize_arabic(arabic).removeprefix("ال")
            if len(norm) <= MIN_NAME_LETTERS:
                continue
            skeleton = arabic_skeleton(norm)
            if len(skeleton) <= MIN_SKELETON or english_skeleton(word) != skeleton:
                continue
            likeness = difflib.SequenceMatcher(None, english_shape(word), arabic_shape(norm), autojunk=False)
            if likeness.ratio() >= MIN_LIKENESS:
                found.add(norm)
    return frozenset(found)


def names_signature() -> str:
    """What `arabic_names` is made from, to tell saved names from stale ones: the lexicon's
    people, the installed dictionary's files (path, size, time) and the thresholds."""
    files = [(str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in dictionary_files() or ()]
    state = [sorted(people().items()), files, MIN_NAME_LETTERS, MIN_LIKENESS, MIN_SKELETON]
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()


def is_name(norm: str, names: frozenset[str]) -> bool:
    """Whether normalized word `norm`, with or without a clitic, is one of the Arabic name
    spellings `names` (`arabic_names`)."""
    if norm in names:
        return True
    bare = (norm[len(p) :] for p in _PREFIXES if norm.startswith(p))
    return any(len(b) >= MIN_NAME_LETTERS and b in names for b in bare)
