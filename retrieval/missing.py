"""The specific words of a question (names, numbers, years, rare terms) and which of them the
articles lack, like a search engine's "Missing:" line. A name, number or year the articles never
mention, or a year after their dates, says the corpus does not hold the answer, however well the
rest of the question matches ("What did Macron say about the Geneva summit?")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import dropwhile, takewhile

from retrieval.analysis import Term, analyze
from retrieval.answer_kinds import PLACE_HEADS, TITLES, WHICH, is_place, named_cities
from retrieval.english.expand import Concept
from retrieval.english.lexicon import lexicon, people
from retrieval.english.words import capitalized_runs, is_contraction, subject_names
from retrieval.generic_terms import GENERIC_TERMS
from retrieval.index import SearchIndex
from retrieval.name_renderings import is_name
from retrieval.normalize import PROCLITICS, normalize_arabic, starts_arabic, without_proclitic, word_table
from retrieval.stemming import light_stem
from retrieval.stopwords import STOPWORDS

_YEAR_RE = re.compile(r"^(19|20)\d\d$")
# An Arabic word the articles lack counts once it has this many letters: shorter ones are
# mostly particles and spoken forms no table lists.
MIN_RARE_LETTERS = 4
# A number of the question this long (a year, a count, a sum) that the best passage lacks rules
# out a confident answer; shorter ones are mostly parts of names the passage may spell in words
# ("Super Bowl 50", "Apollo 1": xquad-dev answered .94 -> .92 when every number counted).
MIN_CHECKED_DIGITS = 3
_NAME_SOURCES = frozenset({"name", "latin"})
# Verbs of saying and nouns of a stance: the word after one (past a title: "قال الملك محمد") is
# whom an Arabic question asks about ("شو قال ميسي عن السوبر", "ما موقف لافروف من ..."), unless it
# is a preposition with a pronoun ("حكى عنه بوتين"). Verbs that take an object first (وصف, اعتبر)
# are left out.
_SPEECH_WORDS = frozenset(
    normalize_arabic(w) for w in "قال قالت صرح صرحت علق علقت رد ردت حكى حكت رأي راي موقف".split()
)
_NOT_SPEAKERS = frozenset(normalize_arabic(w) for w in "عنه عنها عنهم عليه عليها عليهم له لها لهم".split())
# Spoken Arabic puts the speaker first and asks "what" after the verb ("هو مورينيو قال إيه عن
# رحيل لوكاس سيلفا", "ماكرون قال ايه عن القمة"): a verb of saying followed by one of these reads
# the speaker from the words before it (`quoted_speakers`).
_WHAT_AFTER = frozenset(normalize_arabic(w) for w in "ايه إيه ايش إيش شو وش شنو اش واش ماذا".split())
NUMBER, NAME, TERM = "number", "name", "term"
PLACE = "place"  # an English question's name that is a country or city
KNOWN_NAME = "known_name"  # a name the dictionaries spell in Arabic (`retrieval.name_renderings`)
# Public bodies a near story swaps for another ("وظائف ... في الهلال الأحمر" over the civil
# defence's job advert, which holds every other word): a question naming one is not answered by
# an article that never names it (`named_bodies`, `ArabicRules.named_bodies`).
_BODIES = (
    "الهلال الأحمر|الصليب الأحمر|الدفاع المدني|الحرس الوطني|حرس الحدود|الأمن العام|مجلس الشورى|"
    "مجلس الأمن|ديوان المظالم|هيئة الأمر بالمعروف|هيئة حقوق الإنسان|الخطوط السعودية"
)


@dataclass(frozen=True)
class Specific:
    """A specific word of the question and the index terms that stand for it."""

    typed: str  # as the question has it
    terms: frozenset[str]  # the terms the index knows it by (empty: the articles lack it)
    kind: str  # NUMBER (lacking it rules out an answer), NAME or TERM
    year: int | None = None
    subject: bool = False  # a name the question asks about (`subject_names`)
    listed_place: bool = False  # a place of the curated lexicon, named as a word (not "US")


def arabic_specifics(
    index: SearchIndex,
    text: str,
    terms: Iterable[Term],
    searched: Callable[[str], str],
    names: frozenset[str],
    typed: str = "",
    speaker_words: int = 0,
    places: bool = False,
    bodies: bool = False,
    cued: bool = False,
) -> list[Specific]:
    """Numbers, years and words the index does not know, of an Arabic question `text` analysed
    into `terms` (`analyze_spans`, as ranked); `searched` gives the form a question term was
    searched as (see `answering.indexed_form`); `names` are the Arabic spellings of names
    (`QueryResources.arabic_names`); `typed`, the question as asked when `text` is a reading of
    it (Arabizi, spoken Arabic respelt), whose words alone can be its subject, read from up to
    `speaker_words` words after a verb of saying or before one asking "what" (`quoted_speakers`);
    with `places`, the cities of the place list it names (`answer_kinds.named_cities`) that the
    articles know, as a `listed_place` each (`lacks_subject`); with `bodies`, each word of the
    public bodies it names (`named_bodies`) likewise, so that an article must name them whole;
    with `cued`, the place after a governorate or district cue (`cued_places`) likewise."""
    terms = list(terms)
    speakers = {
        rarest_in(index, terms, searched, span)
        for span in quoted_speakers(text, typed or text, speaker_words, before=True)
    }
    specifics = []
    for word in terms:
        norm = word.norm
        if not (norm.isdigit() or starts_arabic(norm)):
            continue
        form = searched(word.term)
        known = frozenset({form}) if index.known(form) else frozenset()
        typed_word = text[word.start : word.end]
        if word in speakers:
            specifics.append(Specific(typed_word, known, NAME, subject=True))
        elif norm.isdigit():
            specifics.append(Specific(typed_word, known, NUMBER, _year(norm)))
        elif not known and is_name(norm, names):
            specifics.append(Specific(typed_word, known, KNOWN_NAME))
        elif not known and len(norm) >= MIN_RARE_LETTERS:
            specifics.append(Specific(typed_word, known, TERM))
    if places:
        specifics += _listed(index, text, terms, searched, named_cities(text))
    if bodies:
        specifics += _listed(index, text, terms, searched, named_bodies(text))
    if cued:
        specifics += _listed(index, text, terms, searched, cued_places(text))
    return specifics


def _listed(
    index: SearchIndex,
    text: str,
    terms: Sequence[Term],
    searched: Callable[[str], str],
    spans: Iterable[tuple[int, int, str]],
) -> list[Specific]:
    """The listed places (or words of bodies) an Arabic question names at `spans`, by the index
    terms the articles know them by (none known: the articles never name it, and other rules see
    its words): as typed and as listed, without a preposition's letter, which the analysis keeps
    on some ("بمكة" is بمك, "مكة" مك; an article writing مكة names it)."""
    places = []
    for start, end, city in spans:
        typed = [t.term for t in terms if start <= t.start and t.end <= end]
        forms = {searched(term) for term in [*typed, *analyze(city)]}
        known = frozenset(f for f in forms if index.known(f))
        if known:
            places.append(Specific(text[start:end], known, NAME, listed_place=True))
    return places


def named_bodies(text: str) -> tuple[tuple[int, int, str], ...]:
    """The [start, end) span of each word of the public bodies of `_BODIES` that `text` names,
    with the word as listed (normalized; "للدفاع المدني" -> الدفاع, المدني)."""
    words = word_table(text)
    found = []
    for i in range(len(words)):
        for body in _body_phrases():
            if i + len(body) <= len(words) and all(
                _body_word(words[i + j][0], word) for j, word in enumerate(body)
            ):
                found += [(words[i + j][1], words[i + j][2], word) for j, word in enumerate(body)]
    return tuple(found)


def _body_word(typed: str, listed: str) -> bool:
    """Whether a normalized word of the question is `listed`, after a preposition's letter or a
    conjunction ("بالهلال", "والدفاع"; "للدفاع" for الدفاع)."""
    if typed == listed:
        return True
    if listed.startswith("ال") and typed.startswith("لل"):
        return "ا" + typed[1:] == listed
    bare = without_proclitic(typed, PROCLITICS)
    return bare != typed and _body_word(bare, listed)


def cued_places(text: str) -> tuple[tuple[int, int, str], ...]:
    """The [start, end) span of the word after each governorate, district or village cue in
    construct that `text` holds ("محافظة الرس", "بحي الروضة"), with the word: a place of the
    kingdom's news that the place list has no room for; not the one "أي" asks for."""
    words = [("", 0, 0), *word_table(text)]
    return tuple(
        (start, end, word)
        for (before, _, _), (cue, _, _), (word, start, end) in zip(words, words[1:], words[2:], strict=False)
        if PLACE_HEADS.intersection({cue, without_proclitic(cue, PROCLITICS, 3)})
        and before not in WHICH  # "في أي قرية اندلع الحريق" asks the village
        and word not in STOPWORDS
        and starts_arabic(word)
    )


@lru_cache(maxsize=1)
def _body_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w for w, _, _ in word_table(body)) for body in _BODIES.split("|"))


def quoted_speakers(text: str, typed: str, length: int = 2, *, before: bool = False) -> list[tuple[int, int]]:
    """The spans of `text` naming the people an Arabic question quotes or asks the stance of:
    up to `length` words after a verb of saying or a noun of a stance (`_SPEECH_WORDS`)
    and any titles, up to a function word: "ميسي" in "ماذا قال ميسي عن السوبر", "محمد السادس" in
    "شنو قال الملك محمد السادس على". With `before`, also up to `length` words right before a verb
    of saying that a "what" follows (`_WHAT_AFTER`), back to a function word or a title:
    "مورينيو" in "هو مورينيو قال إيه عن ...". Only words as the asker `typed` them: a word read
    from Arabizi or respelt may be another word the articles know."""
    words = word_table(text)
    asked = {word for word, _, _ in word_table(typed)}
    spans = []
    for i, (previous, _, _) in enumerate(words[:-1]):
        if previous not in _SPEECH_WORDS:
            continue
        name = list(dropwhile(lambda w: w[0] in TITLES, words[i + 1 :]))[:length]
        name = list(takewhile(lambda w: _typed_word(w[0], asked), name))
        if name and name[0][0] not in _NOT_SPEAKERS:
            spans.append((name[0][1], name[-1][2]))
        if before and words[i + 1][0] in _WHAT_AFTER:
            back = reversed(words[max(i - length, 0) : i])
            name = list(takewhile(lambda w: _typed_word(w[0], asked) and w[0] not in TITLES, back))[::-1]
            if name:
                spans.append((name[0][1], name[-1][2]))
    return spans


def _typed_word(word: str, asked: set[str]) -> bool:
    """Whether `word` is one the asker typed and no function word (`quoted_speakers`)."""
    return word in asked and word not in STOPWORDS


def rarest_in(
    index: SearchIndex, terms: Iterable[Term], searched: Callable[[str], str], span: tuple[int, int]
) -> Term | None:
    """The term of `terms` within `span` that the fewest passages hold, of those the index knows."""
    inside = [t for t in terms if span[0] <= t.start and t.end <= span[1] and index.known(searched(t.term))]
    return min(inside, key=lambda t: index.scorer.document_frequency(searched(t.term)), default=None)


def english_specifics(
    index: SearchIndex, question: str, concepts: Sequence[Concept], unknown_places: bool = False
) -> list[Specific]:
    """Of an English question's concepts: numbers and names (capitalized after the first word,
    or rendered only by name snapping or the Latin spelling), and any concept none of whose
    renderings the index knows. A person the lexicon lists (`people`) is known only by the
    Arabic spellings listed for them: snapping would match "Macron" to some other word. Names
    the question asks about are marked `subject`. With `unknown_places`, a place the lexicon
    lists that the articles never write is a `KNOWN_NAME`, as an Arabic question's name is: its
    Arabic spelling is known, so the articles' silence is evidence ("... the Al-Yarubiyah
    crossing with Iraq" over articles on Syria's crossings that never name Iraq)."""
    first = question.split(maxsplit=1)[0] if question.strip() else ""
    subjects = subject_names(question)
    specifics = []
    for concept in concepts:
        if is_contraction(concept.english):
            # Not a name the articles lack. It stays a concept: its weight in coverage was kept
            # (docs/tuning.md, "Tried and dropped by the lead (tenth session)").
            continue
        subject = bool(subjects) and set(concept.english.split()) <= subjects
        spellings = people().get(concept.english.lower())
        if spellings is not None:
            listed = frozenset(t for t in map(light_stem, map(normalize_arabic, spellings)) if index.known(t))
            specifics.append(Specific(concept.english, listed, KNOWN_NAME, subject=subject))
            continue
        known = frozenset(t for t in concept.terms if index.known(t))
        number = concept.english.isdigit()
        capitalized = concept.english[:1].isupper() and not first.startswith(concept.english)
        name = capitalized or all(r.source in _NAME_SOURCES for r in concept.renderings)
        if number or name or not known:
            year = _year(concept.english) if number else None
            kind = NUMBER if number else (PLACE if _a_place(concept) else NAME) if name else TERM
            listed = kind == PLACE and _listed_place(concept.english)
            kind = KNOWN_NAME if listed and unknown_places and not known else kind
            subject = subject and kind == NAME
            specifics.append(Specific(concept.english, known, kind, year, subject, listed_place=listed))
    return specifics


def _listed_place(english: str) -> bool:
    """A one-word place the curated lexicon lists, typed as a word: not an acronym ("US" is also
    written "الأمريكي", which the lexicon's الولايات المتحدة misses)."""
    return not english.isupper() and (english.lower(),) in lexicon()


def _a_place(concept: Concept) -> bool:
    """Whether an English name renders as a place; not by a snap to a corpus spelling alone
    ("Iniesta" snaps to عنيزة, a Saudi city: the person asked about stays a person)."""
    return any(r.source not in ("latin", "name") and is_place(r.text) for r in concept.renderings)


def _year(digits: str) -> int | None:
    return int(digits) if _YEAR_RE.match(digits) else None


def after_the_articles(specific: Specific, last_year: int) -> bool:
    """A year after `last_year`, the year of the latest dated article (0: none is dated)."""
    return bool(last_year) and bool(specific.year) and specific.year > last_year


def blocks_answer(specifics: Iterable[Specific], top: frozenset[str]) -> bool:
    """Whether a number or known name (`KNOWN_NAME`) the articles lack, or a number of
    `MIN_CHECKED_DIGITS` (a year, 1436, 2015) that the best passage does not hold, rules out a
    confident answer (a year after the articles' dates among them): among 100,000 passages a
    near-topic question ("victims of the Mina stampede in 1436", "women who won the 2015
    municipal elections") nearly always finds one sharing all its other words. Other names do
    not: English names the snapping misses would cost xquad-dev English answers (answered
    .80 -> .68) and no unanswerable question of the tuning sets was caught by them alone; the
    person the question asks about is checked against the best passage's article instead
    (`lacks_subject`)."""
    decisive = (NUMBER, KNOWN_NAME)
    return any(
        (s.kind in decisive and not s.terms)
        or (s.kind == NUMBER and len(s.typed) >= MIN_CHECKED_DIGITS and not s.terms & top)
        for s in specifics
    ) or asks_elsewhere(specifics, top)


def subject_terms(specifics: Iterable[Specific], places: bool = True) -> list[str]:
    """The index terms of the names a question asks about (`Specific.subject`) and, with
    `places`, of the places it names (`Specific.listed_place`: the curated lexicon's, an Arabic
    question's cities)."""
    return sorted({t for s in specifics if s.subject or (places and s.listed_place) for t in s.terms})


def lacks_subject(specifics: Iterable[Specific], article: frozenset[str]) -> bool:
    """Whether the best passage's article (`article`: which `subject_terms` it holds) never
    names the person the question asks about: "What did Messi say about the Super Cup?" is not
    answered by an article on the Super Cup alone. The article, not the passage: a passage
    often names a person by title alone ("the Russian president"). Nor one that never names a
    place of the lexicon the question names and the articles know: "Who did Blinken meet in
    Stockholm?" is not answered by the article on their meeting in Reykjavik, which holds its
    other words (an unseen Latin spelling gives every concept the same weight in coverage, so
    the place counts no more than the verb)."""
    specifics = list(specifics)
    if any(s.listed_place and s.terms and not s.terms & article for s in specifics):
        return True
    subject = [s for s in specifics if s.subject]
    return bool(subject) and not any(s.terms & article for s in subject)


def asks_elsewhere(specifics: Sequence[Specific], top: frozenset[str]) -> bool:
    """Whether the best passage holds nothing of the question but its place (and generic words)
    while a topic word of the question occurs nowhere in the articles: "What is the weather in
    Moscow today?" is not answered by a passage on Moscow."""
    places = frozenset().union(*(s.terms for s in specifics if s.kind == PLACE))
    held = {t for t in top if t not in GENERIC_TERMS}
    lacking_topic = any(s.kind == TERM and not s.terms for s in specifics)
    return lacking_topic and bool(held) and held <= places


def missing_words(
    specifics: Iterable[Specific], last_year: int, shown: Sequence[frozenset[str]], answered: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names, numbers and years, as typed, that the articles lack or that none of the `shown`
    passages hold, and years after the articles' dates; and, of those, the ones the articles do
    hold elsewhere (only the passages shown lack them: "Putin" is in every article, not in the
    closest passages), so a reply does not say the articles lack them. Rare terms the articles
    lack are named only when the question is not answered: answered questions often word a verb
    differently from the article ("انعقد" for "عقد"), and naming it would only confuse."""
    held = frozenset().union(*shown)
    words, elsewhere = [], []
    for s in specifics:
        if s.kind != TERM:
            lacking = not s.terms or (bool(shown) and not s.terms & held)
        else:
            lacking = not s.terms and not answered
        late = after_the_articles(s, last_year) and not s.terms & held
        if lacking or late:
            words.append(s.typed)
            if s.terms and not late:
                elsewhere.append(s.typed)
    return tuple(dict.fromkeys(words)), tuple(dict.fromkeys(elsewhere))


def named_whole(
    question: str, words: tuple[str, ...], elsewhere: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`missing_words` of an English question with a part of a name of several capitalized
    words named as the whole name: "Salman, Armed, Forces" is "King Salman Armed Forces
    Hospital" (the passages shown name another hospital of the king's), and "Times" alone read
    as if the articles lacked a word of that name. The name is held elsewhere only when each of
    its parts said is."""
    whole: dict[str, str] = {}
    for run in capitalized_runs(question):
        for word in run:
            whole[word] = " ".join(run)
    named = [whole.get(w, whole.get(w.split()[0], w)) for w in words]
    held = {n for n in named if all(w in elsewhere for w, m in zip(words, named, strict=True) if m == n)}
    return tuple(dict.fromkeys(named)), tuple(n for n in dict.fromkeys(named) if n in held)
