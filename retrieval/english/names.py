"""Names in English questions matched to the corpus's Arabic spelling of them.

Both scripts are reduced to a consonant skeleton over one shared alphabet ("Lavrov" and
"لافروف" are both `lfrf`), and an English name is snapped to the index terms with the same
skeleton, ranked by how well their vowels agree. Snapping to terms the corpus really has
avoids guessing a spelling no article uses ("Blinken": بلينكن, not بلنكن).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from retrieval.analysis import analyze
from retrieval.english.name_letters import EnglishLetters, spells_letters
from retrieval.filed_words import FiledWords
from retrieval.normalize import ARTICLES, normalize_arabic, starts_arabic
from retrieval.ranking_config import NAME_SNAPPING, NameSnapping

# English letters and digraphs → skeleton classes (vowels, w, y and silent h give nothing).
_EN_DIGRAPHS = (
    ("sch", "x"),
    ("tch", "x"),
    ("sh", "x"),
    ("ch", "x"),
    ("th", "t"),
    ("ph", "f"),
    ("gh", "g"),
    ("kh", "k"),
    ("ck", "k"),
    ("qu", "k"),
    ("dj", "g"),
    ("zh", "g"),
)
_EN_LETTERS = {
    "b": "b", "p": "b", "f": "f", "v": "f", "t": "t", "d": "d", "s": "s", "z": "s", "c": "k",
    "k": "k", "q": "k", "g": "g", "j": "g", "l": "l", "m": "m", "n": "n", "r": "r", "h": "h",
    "x": "ks",
}  # fmt: skip
_AR_LETTERS = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "د": "d", "ذ": "d", "ض": "d", "ظ": "d",
    "ج": "g", "غ": "g", "چ": "x", "ق": "k", "ك": "k", "خ": "k", "ح": "h", "ه": "h", "س": "s",
    "ص": "s", "ز": "s", "ش": "x", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n", "ر": "r",
}  # fmt: skip
# Word-initial pairs whose first letter Arabic drops: "Psaki" is ساكي.
_SILENT_FIRST = ("ps", "pn", "kn", "gn", "wr")
# Consonants that Arabic spellings of foreign names swap freely (Glasgow: غلاسكو).
_SWAPS = {"g": "k", "k": "g", "d": "t", "t": "d"}
# Vowel letters, for ranking candidates that share a skeleton.
_EN_VOWELS = {"a": "a", "e": "i", "i": "i", "o": "u", "u": "u", "y": "i", "w": "u"}
_AR_VOWELS = {"ا": "a", "آ": "a", "أ": "a", "إ": "i", "و": "u", "ي": "i", "ى": "a"}
# Suffix letters light10 may have stripped from the corpus's form of a name (بوتين → بوت).
_STRIPPABLE_ENDINGS = ("n", "t", "h")
# The shortest skeleton filed (the saved word tables hold this filing); two-consonant ones are
# snapped only to close spellings (`NameSnapping.min_short_similarity`).
MIN_SKELETON = 2
# Clitics an article's word may carry before a name: "and", "with", "for", the article.
_CLITICS = (*ARTICLES, "و", "ب", "ل", "ف", "ك")
# By first letter, in order: a name's hundreds of look-alikes are each tried against them.
_CLITICS_BY_FIRST = {c[0]: tuple(x for x in _CLITICS if x[0] == c[0]) for c in _CLITICS}
_ARTICLES_BY_FIRST = {c[0]: tuple(x for x in ARTICLES if x[0] == c[0]) for c in ARTICLES}
SNAPS_REMEMBERED = 10_000
_AR_OPENING_VOWELS = set("اأإآعءئؤ")


def _collapse(skeleton: str) -> str:
    out = []
    for char in skeleton:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def _english_sounds(word: str, sounded_h: bool = False) -> list[str]:
    """Skeleton classes of an English word, with vowels as "a", "i" or "u"; with `sounded_h`,
    an h after a vowel is a consonant (Ittihad: الاتحاد, Ahmed: احمد), else silent."""
    word = word.lower()
    if word[:2] in _SILENT_FIRST:
        word = word[1:]
    out = []
    i = 0
    while i < len(word):
        for graph, cls in _EN_DIGRAPHS:
            if word.startswith(graph, i):
                out.append(cls)
                i += len(graph)
                break
        else:
            char = word[i]
            if char in _EN_VOWELS:
                out.append(_EN_VOWELS[char])
            elif char == "c" and word[i + 1 : i + 2] in ("e", "i", "y"):
                out.append("s")
            elif char != "h" or i == 0 or word[i - 1] == "h":
                # A later h is silent or lengthening ("Sarah", "Mohammed"), unless after a
                # digraph's h: Mashhad مشهد.
                out.append(_EN_LETTERS.get(char, ""))
            elif sounded_h and word[i - 1] in _EN_VOWELS:
                out.append("h")
            i += 1
    return out


def english_skeleton(word: str, sounded_h: bool = False) -> str:
    """Consonant skeleton of an English word: "Ryabkov" → "rbkf"."""
    return _collapse("".join(c for c in _english_sounds(word, sounded_h) if c not in "aiu"))


def english_shape(word: str, sounded_h: bool = False) -> str:
    """Skeleton with vowels, to rank candidates: "Kerry" → "kiri"."""
    return _collapse("".join(_english_sounds(word, sounded_h)))


def arabic_skeleton(term: str) -> str:
    """Consonant skeleton of a normalized Arabic term: "لافروف" → "lfrf"."""
    skeleton = "".join(_AR_LETTERS.get(char, "") for char in term.replace("تش", "چ"))
    if skeleton.endswith("h") and term.endswith("ه"):
        skeleton = skeleton[:-1]  # teh marbuta, normalized to heh
    return _collapse(skeleton)


def arabic_shape(term: str) -> str:
    """Skeleton with vowels, تش one sound as in the skeleton: "سوروتش" → "surux"."""
    out = []
    for char in term.replace("تش", "چ"):
        out.append(_AR_VOWELS.get(char) or _AR_LETTERS.get(char, ""))
    return _collapse("".join(out))


def _readings(word: str) -> tuple[str, ...]:
    """The spellings an English name's letters may stand for: a final c after a, e, o or u is
    also Turkish c or ç (Suruc: سوروتش، سروج; Kovac: كوفاتش), not only k; "-ic" is English's
    adjective ending (Arctic, Olympic)."""
    if len(word) > 2 and word[-1] in "cC" and word[-2].lower() in "aeou":
        return (word, f"{word[:-1]}ch", f"{word[:-1]}j")
    return (word,)


def _dad_readings(readings: Iterable[str]) -> tuple[str, ...]:
    """The `readings` of a name with its z read as the dad or zah of a Persian or Arabic name
    (Rezaian: رضايان, Zarif: ظريف), those that have one: weighed as a spelling one consonant
    apart (`NameSnapping.near_discount`), as the zay is by far the usual letter (Zahran is
    زهران, not ظهران)."""
    return tuple(re.sub("[zZ]+", "dh", r) for r in readings if "z" in r.lower())


def _repeats(shape: str) -> int:
    """How often a consonant of `shape` comes again after a vowel ("kurasuis": s, then s). The
    skeleton merges such a pair; a spelling with more of them than the name has another
    consonant: Khurais is خريص, not كوراسويس."""
    consonants = [c for c in shape if c not in "aiu"]
    return sum(a == b for a, b in pairwise(consonants))


def _twinned(form: str) -> bool:
    """Whether two different letters of one skeleton class stand side by side (تطوير: t, t):
    two consonants where an English name has one (Tower is not تطوير)."""
    form = form.replace("تش", "چ")
    return any(
        a != b and a in _AR_LETTERS and _AR_LETTERS[a] == _AR_LETTERS.get(b) for a, b in pairwise(form)
    )


def _deletions(skeleton: str) -> list[str]:
    if len(skeleton) < 4:
        return []
    return [skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))]


def _swaps(skeleton: str) -> list[str]:
    return [skeleton[:i] + _SWAPS[c] + skeleton[i + 1 :] for i, c in enumerate(skeleton) if c in _SWAPS]


def _english_initial(word: str) -> str:
    """How an English name begins: "V" (a vowel), "y", "w" or a consonant class."""
    word = word.lower()
    if word[:2] in _SILENT_FIRST:
        word = word[1:]
    if not word or word[0] in "yw":
        return word[:1]
    if word[0] in "aeiou":
        return "V"
    sounds = [c for c in _english_sounds(word) if c]
    return sounds[0][0] if sounds else ""


def clitic_forms(term: str) -> list[str]:
    """An Arabic word with and without a leading clitic or article: which one spells the name
    is not known (ولافروف is و + لافروف, وليد is a name)."""
    return [term] + [
        term[len(c) :]
        for c in _CLITICS_BY_FIRST.get(term[:1], ())
        if term.startswith(c) and len(term) > len(c) + 1
    ]


def _arabic_initials(form: str) -> set[str]:
    """How an Arabic word may begin as a name: its first letter's class ("w" for وليد); a
    prothetic alef before a consonant also counts as that consonant (اسبانيا for Spain)."""
    form = form.replace("تش", "چ")
    first = form[0]
    if first in _AR_OPENING_VOWELS:
        opening = {"V"}
        if first == "ا" and len(form) > 1 and form[1] in _AR_LETTERS:
            opening.add(_AR_LETTERS[form[1]])
        return opening
    if first == "ي":
        return {"y"}
    if first == "و":
        return {"w"}
    return {_AR_LETTERS[first]} if first in _AR_LETTERS else set()


def _initials_agree(english: str, arabic: set[str]) -> bool:
    """Whether a name that begins with `english` (see _english_initial) may be spelled with an
    Arabic word that begins with one of `arabic`: Iraq is not يراك, nor Mecca عميقا."""
    if english == "g":  # Juventus: يوفنتوس
        return bool(arabic & {"g", "k", "y"})
    if english == "V":
        return "V" in arabic
    if english == "y":
        return "y" in arabic or "V" in arabic  # Yemen: اليمن keeps its yeh after the article
    if english == "w":
        return "w" in arabic or "V" in arabic
    return english in arabic or _SWAPS.get(english) in arabic


def _quick_ratio(letters: Counter[str], length: int, spelled: str) -> float:
    """difflib's quick_ratio() of a SequenceMatcher of a word of `length` with these `letters`
    and `spelled` (twice the letters they share, as multisets, over both lengths), without
    building one: it bounds ratio() from above, and real_quick_ratio() bounds it."""
    left = dict(letters)
    shared = 0
    for letter in spelled:
        if left.get(letter, 0) > 0:
            left[letter] -= 1
            shared += 1
    return 2.0 * shared / (length + len(spelled))


def _likeness(
    form: str, skeleton: str, stripped: str, shape: str, letters: Counter[str], snapping: NameSnapping
) -> float:
    """How alike Arabic `form` is to an English name of `skeleton` and `shape` (0 when under
    the floor); `stripped`: the skeleton without an ending the stemmer may have taken;
    `letters`: the shape's letters."""
    spelled = _spelled_as(form, shape)
    if snapping.tightened and (_twinned(form) or _repeats(spelled) != _repeats(shape)):
        return 0.0
    exact = arabic_skeleton(form) in (skeleton, stripped) and _repeats(spelled) <= _repeats(shape)
    discount = 1.0 if exact else snapping.near_discount  # only close: one consonant apart
    floor = snapping.min_similarity if exact else snapping.min_near_similarity
    floor = snapping.min_short_similarity if len(skeleton) <= MIN_SKELETON else floor
    # ratio() <= quick_ratio(): the bound, far cheaper, rules out most of the hundreds of
    # look-alikes of a word at 20,000 articles before a SequenceMatcher is built.
    if _quick_ratio(letters, len(shape), spelled) * discount < floor:
        return 0.0
    similarity = difflib.SequenceMatcher(None, shape, spelled, autojunk=False).ratio() * discount
    return similarity if similarity >= floor else 0.0


def _spelled_as(form: str, shape: str) -> str:
    """Arabic `form`'s shape as an English name of `shape` would spell it: an opening ain is
    the name's opening vowel and, for a name ending in "-a" or "-ah", a closing heh after a
    consonant its "a" (Abdullah عبدالله: "abdala", not "bdalh", which the look-alike البدلاء,
    "bdla", beat; Talal is not طاله)."""
    spelled = arabic_shape(form)
    if form[:1] == "ع" and shape[:1] in ("a", "i", "u"):
        spelled = shape[0] + spelled
    if shape.endswith("a") and len(form) > 2 and form.endswith("ه") and form[-2] not in _AR_VOWELS:
        spelled = spelled.removesuffix("h") + "a"
    return spelled


def _consonants(term: str) -> str:
    """The consonant letters of a word without its article: what two spellings of one name
    share (ترامب, ترمب), long vowels, hamza seats and a final heh aside."""
    return "".join(c for c in _without_article(term).removesuffix("ه") if c.isalpha() and c not in "اويىءئؤ")


def _stem(term: str) -> str:
    terms = analyze(term)
    return terms[0] if terms else term


def _without_article(term: str) -> str:
    """The word without a leading article (with its clitic): names of countries, cities and
    clubs mostly carry one (اليمن, الكويت, والهلال)."""
    for article in _ARTICLES_BY_FIRST.get(term[:1], ()):
        if term.startswith(article) and len(term) > len(article) + 1:
            return term[len(article) :]
    return term


@dataclass(frozen=True)
class NameMatch:
    """A corpus term an English name was snapped to, with how alike the two look (0-1)."""

    term: str
    similarity: float


class NameIndex:
    """Index terms by consonant skeleton, to snap transliterated names to the corpus's spelling."""

    def __init__(
        self,
        terms: Iterable[str],
        frequency: Callable[[str], int] | None = None,
        curated: Mapping[str, tuple[str, ...]] | None = None,
    ):
        """`frequency`: how many passages use a word, to prefer a name's usual spelling.
        `curated`: lower-case English name -> its Arabic spellings, taken first when written."""
        self._frequency = frequency
        self._curated = curated or {}
        self._snapped: dict[tuple[str, int, NameSnapping], list[NameMatch]] = {}
        # Long skeletons are also filed under each one-consonant-shorter variant, so that one
        # consonant more on either side still meets ("Stockholm": ستوكهولم, "Washington": واشنطن).
        by_key: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            if starts_arabic(term):
                skeleton = arabic_skeleton(_without_article(term))
                if len(skeleton) >= MIN_SKELETON:
                    for key in dict.fromkeys([skeleton, *_deletions(skeleton)]):
                        by_key[key].append(term)
        self.filed = FiledWords.of(by_key)

    def uses(self, word: str) -> int:
        """How many passages use written `word` (0 without a frequency)."""
        return self._frequency(word) if self._frequency is not None else 0

    def candidates(self, skeleton: str, stripped: str = "") -> list[str]:
        """Words filed under `skeleton`, a swap or deletion of it, or `stripped` (it without an
        ending the stemmer may have taken)."""
        keys = [skeleton, *_swaps(skeleton)]
        if len(skeleton) > MIN_SKELETON and stripped:
            keys.append(stripped)
        keys += _deletions(skeleton)
        found: list[str] = []
        for key in dict.fromkeys(keys):
            found += self.filed.get(key)
        return list(dict.fromkeys(found))

    @classmethod
    def saved(
        cls,
        filed: FiledWords,
        frequency: Callable[[str], int] | None = None,
        curated: Mapping[str, tuple[str, ...]] | None = None,
    ) -> NameIndex:
        """An index whose table was saved (`filed`): no skeleton of every word to take."""
        index = cls((), frequency, curated)
        index.filed = filed
        return index

    def snap(self, word: str, limit: int = 2, snapping: NameSnapping = NAME_SNAPPING) -> list[NameMatch]:
        """The corpus terms that most likely spell English `word`, best first (remembered: at
        20,000 articles a word has hundreds of look-alikes to weigh)."""
        key = (word, limit, snapping)
        found = self._snapped.get(key)
        if found is None:
            if len(self._snapped) >= SNAPS_REMEMBERED:
                self._snapped.clear()
            found = self._snapped[key] = self._snap(word, limit, snapping)
        return list(found)

    def _own_uses(self, term: str) -> int:
        """How many passages use `term` as a name's spelling: none known when the analysis took
        its opening consonant for a clitic and left a stem too short to be a name (بعيش is
        ب + عيش, "living": the count is that word's), so a rival spelling is not outnumbered."""
        stem = arabic_skeleton(_stem(term))
        if len(stem) < MIN_SKELETON and stem[:1] != arabic_skeleton(_without_article(term))[:1]:
            return 0
        return self.uses(term)

    def _written(self, spelling: str) -> str | None:
        """The corpus's word for curated Arabic `spelling`: itself, else a form of it with a
        clitic or article (والكويت), or None when no article writes it."""
        bare = _without_article(normalize_arabic(spelling))
        filed = [w for w in self.filed.get(arabic_skeleton(bare)) if bare in clitic_forms(w)]
        return normalize_arabic(spelling) if normalize_arabic(spelling) in filed else next(iter(filed), None)

    def _likenesses(
        self, word: str, initial: str, letters: EnglishLetters, snapping: NameSnapping
    ) -> dict[str, float]:
        """How alike each look-alike of `word` is to it (see `_likeness`), for the name's
        `initial` and `letters`."""
        likeness: dict[str, float] = {}
        # An h after a vowel is silent (Sarah: سارة) or the Arabic's ha (Ittihad: الاتحاد).
        for skeleton, shape in dict.fromkeys(
            (english_skeleton(word, sounded), english_shape(word, sounded)) for sounded in (False, True)
        ):
            if len(skeleton) < MIN_SKELETON:
                continue
            stripped = skeleton[:-1] if skeleton[-1] in _STRIPPABLE_ENDINGS else ""
            if snapping.tightened and _english_sounds(word)[-1:] in (["a"], ["i"], ["u"]):
                stripped = ""  # Iniesta ends in a vowel: عنيزة lacks its t, not an ending
            counts = Counter(shape)
            for term in self.candidates(skeleton, stripped):
                if likeness.get(term, 0.0) == 0.0 and any(
                    _initials_agree(initial, _arabic_initials(form))
                    and spells_letters(letters, form, snapping.tightened, snapping.z_letters)
                    for form in clitic_forms(term)
                ):
                    likeness[term] = _likeness(
                        _without_article(term), skeleton, stripped, shape, counts, snapping
                    )
        return likeness

    def _snap(self, word: str, limit: int, snapping: NameSnapping) -> list[NameMatch]:
        curated = [self._written(s) for s in self._curated.get(word.lower(), ())]
        written = list(dict.fromkeys(w for w in curated if w is not None))
        if written:
            return [NameMatch(w, 1.0) for w in written[:limit]]
        letters = EnglishLetters.of(word)
        likeness: dict[str, float] = {}
        plain = _readings(word)
        readings = [(r, 1.0) for r in plain]
        if snapping.z_letters:
            readings += [(r, snapping.near_discount) for r in _dad_readings(plain)]
        for reading, discount in readings:
            initial = _english_initial(reading)
            for term, alike in self._likenesses(reading, initial, letters, snapping).items():
                likeness[term] = max(alike * discount, likeness.get(term, 0.0))
        scored = [NameMatch(term, round(alike, 3)) for term, alike in likeness.items() if alike > 0]
        # Ties: the shorter spelling (حاج, not بالحاج), then by spelling: the same every run.
        scored.sort(key=lambda m: (-m.similarity, len(m.term), m.term))
        alike = [m for m in scored if m.similarity >= scored[0].similarity - snapping.near_best]
        if self._frequency is not None and alike and self._frequency(alike[0].term) <= snapping.rare_uses:
            # A best spelling the corpus barely uses is a misspelling or a look-alike when a
            # spelling a little further behind is in common use (عبدلله, عبدالله).
            alike = [m for m in scored if m.similarity >= scored[0].similarity - snapping.rare_best]
        if self._frequency is not None and alike:
            # Spellings one stem apart (بالحاج, حاج) are one rendering once analysed: the first.
            alike = list({_stem(m.term): m for m in reversed(alike)}.values())[::-1]
            uses = {m.term: self._own_uses(m.term) for m in alike}
            usual = max(uses.values())
            # A name's usual spelling is frequent; the look-alike words are not all.
            alike = [m for m in alike if uses[m.term] >= snapping.min_frequency_share * usual]
            alike.sort(key=lambda m: (-m.similarity, -uses[m.term], len(m.term), m.term))
        # A runner-up is another spelling of the best one (ترامب, ترمب), not a word written
        # with other consonants (طلال, تلال).
        best = _consonants(alike[0].term) if alike else ""
        return [m for m in alike if _consonants(m.term) == best][:limit]
