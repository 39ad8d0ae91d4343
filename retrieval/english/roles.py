"""Who holds a role, asked in English: "Who is the Russian ambassador in Washington?", "Who
headed the US delegation?" name a role and its qualifier as the Arabic "مين السفير الروسي في
واشنطن" does. The role is read from the English words, its qualifiers from the Arabic
renderings of the words around it (`Concept`), and the answer is checked against the Arabic
passages by the Arabic reader (`retrieval.roles.unanswered`). Pure functions over text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.analysis import is_stopword
from retrieval.english.expand import _US_RE, Concept
from retrieval.english.words import Word, english_words
from retrieval.normalize import word_table
from retrieval.roles import AskedRole, nation, portfolio, role_group

# English role words, as the Arabic word of their group (`roles._ROLE_GROUPS`) that writes them.
_ROLES = {
    **dict.fromkeys(
        "head heads headed chief chairman chairwoman chair chaired chairs director manager coach "
        "coached coaches leader led leads ceo boss commander president".split(),
        "رئيس",
    ),
    **dict.fromkeys("ambassador envoy representative delegate".split(), "سفير"),
    **dict.fromkeys("spokesman spokeswoman spokesperson".split(), "متحدث"),
    **dict.fromkeys(["minister"], "وزير"),
    **dict.fromkeys(["governor"], "محافظ"),
}
# Verbs of a role: their object is what the role is of ("headed the US delegation").
_ROLE_VERBS = frozenset("headed heads led leads chaired chairs coached coaches".split())
# Before the role: another role ("deputy foreign minister", "Prime Minister": رئيس الوزراء)
# or one of another time ("the final Prime Minister", "the V&A's first director"), whose
# holder the reader cannot tell from today's; or no qualifier ("the new coach").
_OTHER_ROLE = frozenset("deputy vice assistant acting former prime first last final previous".split())
_NO_QUALIFIER = frozenset(
    "the new current present general executive first second third fourth fifth last next".split()
)
# Between the who-word and the role.
_FILLERS = frozenset("is was are were will be currently now the".split())
# How a question asking a name opens: "What is the name of ...", "Name the ...". "What's" and
# "Whats" are "what" and "whats" to `english_words`; "was" / "were" and "the" may follow.
_NAME_OPENINGS = (("name", "the"), ("name",))
_WHAT = frozenset({"what", "whats"})
_NAME_OF = ("name", "of")
_WHAT_IS = (("is", "the"), ("name", "of"))  # what was read before "what's" and "what was" were
# A word ending the role phrase: what follows says what the person did.
_RELATIVES = frozenset("who that which when whose where".split())
_PREPOSITIONS = frozenset("of in to for at from on".split())
# Words whose Arabic is a country's to the Arabic reader but qualify no country's role here
# ("King Khalid International Airport": الدولي, the UN's envoy to the Arabic question).
_NO_COUNTRY = frozenset(["international"])
# How many words of modifiers may stand between the opening and the role.
_MAX_MODIFIERS = 4
# A body a role heads, written otherwise in the articles: "the Russian team" at talks is its
# delegation (وفد), as the Arabic question's "وفد موسكو" is.
_BODIES = {"team": ("وفد",), "delegation": ("فريق",)}
# Saudi regions (as English words of their names): their governor is the region's أمير
# ("أمير منطقة عسير"), a governorate's is its محافظ ("محافظ أملج").
_REGIONS = frozenset(
    "riyadh mecca makkah medina madinah eastern asir jazan jizan najran baha tabuk hail qassim jouf".split()
)
_REGION_TITLES = ("امير",)
# The Arabic of the US as the lexicon gives it ("الولايات المتحدة") names no country to the
# Arabic reader, which knows it by its adjective.
_COUNTRY_NAMES = {"الولايات": "امريكا"}


def _opening(words: list[Word], any_name_of: bool = True) -> int | None:
    """Where the role phrase starts after "who (is the)" or "what is the name of (the)"; with
    `any_name_of`, also "what's / what was / whats the name of"."""
    texts = [w.text for w in words]
    i = 1 if texts[:1] in (["and"], ["so"]) else 0
    if texts[i : i + 1] == ["who"]:
        i += 1
    elif texts[i : i + 1] and texts[i] in _WHAT:
        i += 1
        asked = tuple(texts[i : i + 2])
        while i < len(texts) and texts[i] in _FILLERS:
            i += 1
        if tuple(texts[i : i + 2]) != _NAME_OF or not (any_name_of or asked in _WHAT_IS):
            return None
        i += 2
    else:
        opening = next((o for o in _NAME_OPENINGS if tuple(texts[i : i + len(o)]) == o), None)
        if opening is None:
            return None
        i += len(opening)
    while i < len(texts) and texts[i] in _FILLERS:
        i += 1
    return i


@dataclass(frozen=True)
class RoleWords:
    """A who-question's role (an Arabic word of its group) and the English words qualifying
    it: `before` the role ("Russian", "Japan") and `after` it ("of Al-Hilal", "in
    Washington"; a role verb's object: "headed the US delegation")."""

    role: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    verb: bool


def role_words(question: str, any_name_of: bool = True) -> RoleWords | None:
    """The role a who-question asks and its qualifying words: the modifiers before the role
    and the words after it up to a relative pronoun, when a preposition or a role verb leads
    them. None for any other question, a deputy's role, a role something was done to ("Who was
    elected FIFA president"), or a role with nothing qualifying it."""
    words = english_words(_US_RE.sub(" USA ", question))
    start = _opening(words, any_name_of)
    if start is None:
        return None
    reach = range(start, min(len(words), start + _MAX_MODIFIERS + 1))
    at = next((j for j in reach if words[j].text in _ROLES), None)
    if at is None:
        return None
    verb = words[at].text in _ROLE_VERBS
    before = [w.text for w in words[start:at]]
    if _OTHER_ROLE & set(before) or (verb and before) or any(w.endswith("ed") for w in before):
        return None
    after: list[str] = []
    rest = words[at + 1 :]
    while rest and (rest[0].text in _NO_QUALIFIER or rest[0].text in _ROLES):  # "director general of"
        rest = rest[1:]
    if rest and (rest[0].text in _PREPOSITIONS or verb):
        for word in rest:
            if word.text in _RELATIVES:
                break
            after.append(word.text)
    before = [w for w in before if w not in _NO_QUALIFIER]
    after = [w for w in after if w not in _NO_QUALIFIER and w not in _PREPOSITIONS]
    if not before and not after:
        return None
    return RoleWords(_ROLES[words[at].text], tuple(before), tuple(after), verb)


def _arabic(concept: Concept) -> tuple[str, ...]:
    """The normalized Arabic content words of a concept's renderings (not its Latin spelling)."""
    words = (
        _COUNTRY_NAMES.get(w, w)
        for r in concept.renderings
        if r.source != "latin"
        for w, _, _ in word_table(r.text)
    )
    return tuple(dict.fromkeys(w for w in words if not is_stopword(w) and role_group(w) is None))


def asked_role(
    question: str, concepts: Sequence[Concept], regions: bool = True, any_name_of: bool = True
) -> AskedRole | None:
    """The role an English who-question asks (`role_words`) with its qualifiers as the Arabic
    reader takes them (`roles.asked_role`): a minister's portfolio ("foreign minister": الخارجية),
    each country before the role or among the first two words after it ("Russian", "US", "to
    Saudi Arabia": a country of `roles._NATIONS`), and the first two other qualifying words'
    renderings as one qualifier, either writing it ("Jubail municipality": الجبيل or البلدية).
    With `regions`, a governor of a Saudi region is also written أمير (`AskedRole.titles`).
    Whose role it is, the first word before it ("Japan's ambassador"; a role verb's object's
    country: "headed the US delegation"), is its `owner`. A qualifier no rendering writes in
    Arabic is not checked."""
    read = role_words(question, any_name_of)
    if read is None:
        return None
    near = set(read.before + read.after[:2])
    portfolios: list[tuple[str, ...]] = []
    nations: list[tuple[str, ...]] = []
    others: list[tuple[str, ...]] = []
    owner: tuple[str, ...] = ()
    for concept in concepts:
        english = {w.text for w in english_words(concept.english)}
        arabic = _arabic(concept)
        if english & _ROLES.keys():  # "foreign minister": وزير الخارجية, the ministry in it
            portfolios += [(w,) for w in arabic if portfolio(w)]
            continue
        if not (english & set(read.before + read.after) and arabic):
            continue
        arabic += tuple(w for e in sorted(english) for w in _BODIES.get(e, ()))
        countries = tuple(w for w in arabic if nation(w) is not None)
        country = bool(countries) and bool(english & near) and not english & _NO_COUNTRY
        (nations if country else others).append(countries if country else arabic)
        if not owner and (english & set(read.before[:1]) or (read.verb and country)):
            owner = countries if country else arabic
    either = tuple(dict.fromkeys(w for words in others[:2] for w in words))
    qualifiers = portfolios + ([either] if either else []) + nations
    if not qualifiers:
        return None
    governs_region = regions and read.role == "محافظ" and bool(_REGIONS & set(read.before + read.after))
    titles = _REGION_TITLES if governs_region else ()
    return AskedRole(role_group(read.role), tuple(dict.fromkeys(qualifiers)), owner, titles=titles)
