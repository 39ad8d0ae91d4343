"""Whose something a question asks about, told otherwise by the story: "من ترأس الوفد الأمريكي"
over "... ريابكوف، الذي ترأس الوفد الروسي في المباحثات" asks a fact the covered story does not
hold (issue 16). Pure functions over index terms in order."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from retrieval.analysis import analyze

# Countries, one line each: their adjectives of nationality (and a few regions') as written,
# and how the role reader (`retrieval.roles.nation`) knows them: normalized prefixes of the
# adjective, the name or the capital ("موسكو" writes the Russian one). A country either leaves
# empty is not read by that one.
COUNTRIES = (
    ("الروسي الروس", "روس موسكو الكرملين كرملين"),
    ("الأمريكي الأميركي الأمريكان", "امريك اميرك واشنطن"),
    ("الأوكراني", "اوكران كييف"),
    ("الصيني", "صين بكين"),
    ("الفرنسي", "فرنس باريس"),
    ("البريطاني", "بريطان لندن"),
    ("الألماني", "الماني المان برلين"),
    ("التركي", "ترك انقره"),
    ("الإيراني", "ايران طهران"),
    ("السعودي", "سعود الرياض"),
    ("المصري", "مصر القاهره"),
    ("", "امم دولي"),  # the UN's envoy is the international one: "المبعوث الأممي" / "الدولي"
    *(
        (adjective, "")
        for adjective in (
            "الإماراتي القطري الكويتي الإسرائيلي الفلسطيني السوري العراقي اليمني الأردني الهندي "
            "الياباني الإيطالي الإسباني الأوروبي الباكستاني الأفغاني البحريني العماني المغربي "
            "الجزائري التونسي الليبي السوداني الكوري الهولندي البرازيلي البرتغالي الكندي"
        ).split()
    ),
)

# The adjectives as index terms: the qualifier that tells one delegation, minister or side of a
# story from another.
NATIONALITIES = frozenset(term for adjectives, _ in COUNTRIES for term in analyze(adjectives))

# "his counterpart": "وزير الخارجية الأمريكي بلينكن ونظيره الروسي" gives the Russian minister too.
COUNTERPARTS = frozenset(analyze("نظير نظيره نظيرته نظراؤه"))


def nationality_pairs(terms: Sequence[str]) -> frozenset[tuple[str, str]]:
    """The (noun, nationality) pairs of consecutive index terms: ("وفد", "امريك") in "الوفد الأمريكي"."""
    return frozenset(
        (noun, of) for noun, of in pairwise(terms) if of in NATIONALITIES and noun not in NATIONALITIES
    )


def other_nationality(asked: Sequence[str], passage: Sequence[str]) -> bool:
    """Whether the question (`asked`, its index terms in order) asks about a noun of one
    nationality (the American delegation) that the best passage with its neighbours (`passage`,
    their terms in order) gives another nationality (the Russian delegation) and never the one
    asked, nor as a counterpart's ("ونظيره الروسي")."""
    held = nationality_pairs(passage)
    nouns = {noun for noun, _ in held}
    counterparts = {of for noun, of in held if noun in COUNTERPARTS}
    return any(
        noun in nouns and (noun, of) not in held and of not in counterparts
        for noun, of in nationality_pairs(asked)
    )
