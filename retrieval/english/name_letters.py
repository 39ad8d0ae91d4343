"""Letters an Arabic spelling of an English name must answer for, beyond its consonant skeleton.

The skeleton (`retrieval.english.names`) ignores ain and hamza and merges letters Arabic keeps
apart, so at 20,000 articles ordinary words share a name's skeleton: Biden بعيدين, Ibrahim البراعم,
Rome الرومي. A transliteration writes ain or hamza inside a word only where the English has two
vowels together or an apostrophe (Saud سعود, Taif الطائف), kha for "kh" (Khurais خريص, not
كراس) and not for a plain k (Kazan كازان, not خاصان), tha only for "th", an opening zay (or
zah) for "z" and only for it, zay elsewhere for "z" or a lone "s", and no final yeh or waw
where the name ends in a consonant (an adjective's ending aside: Federal الفيدرالي). A "z"
before a vowel is a zay, a zah, a dad (Persian: Reza رضا, Rezaian رضايان) or the Italian تس
(Lazio لاتسيو), never a seen: Rezaian is not رئيسيان ("two main"), Reza not الريسه.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VOWELS = "aeiou"
_GLOTTAL = "عءئؤ"  # ain and the hamza seats (alef's hamza is normalized away)
_ADJECTIVE_ENDINGS = ("al", "ian", "ic", "ish", "ese")
_VOWEL_RUN_RE = re.compile(rf"[{_VOWELS}]{{2,}}|['’`-]")
# An h closing a syllable after a, e, i or u is the Arabic's ha (Fahd فهد, Ahmed احمد, Mahmoud
# محمود, Tehran طهران); after o it is often silent (John جون, Kohl كول).
_CLOSED_H_RE = re.compile(r"[aeiu]h[b-df-hj-np-tv-xz]")


@dataclass(frozen=True)
class EnglishLetters:
    """What an English name's letters allow an Arabic spelling of it."""

    glottals: int  # vowel pairs and apostrophes: places for an ain or hamza inside the word
    ending: str  # "consonant", "t", "an", "e" (Rome: silent), "adjective", "i", "u", "h", "vowel"
    kh: bool  # the Arabic must write a kha
    kha: bool  # the Arabic may write one
    th: bool
    h: bool
    z_first: bool
    zays: int
    dh_or_z: bool
    voiced_z: int  # z's before a vowel (a double z once): each needs its own letter
    closed_h: bool  # an h between a vowel (not o) and a consonant: Fahd, Ahmed, Mahmoud

    @classmethod
    def of(cls, word: str) -> EnglishLetters:
        letters = word.lower()
        return cls(
            glottals=len(_VOWEL_RUN_RE.findall(letters)),
            ending=_ending(letters),
            kh=bool(re.search("(?<!c)kh", letters)),  # Stockholm's k and h are two sounds
            # Kha only where the name has a sound k does not spell: Khalid, Munich ميونخ, Juan
            # خوان (Kazan is not خاصان, Kerry not خيري).
            kha=bool(re.search("kh|ch|j|x", letters)),
            th="th" in letters,
            h="h" in letters,
            z_first=letters.startswith("z"),
            # Zay for "z" or a lone s after the first letter (Malaysia ماليزيا, Panthers
            # بانثرز), not for "ss" (Nasser).
            zays=letters.count("z") + len(re.findall("(?<=[^s])s(?!s)", letters)),
            dh_or_z="dh" in letters or "z" in letters or "th" in letters,
            voiced_z=len(re.findall(f"z+(?=[{_VOWELS}y])", letters)),
            closed_h=bool(_CLOSED_H_RE.search(letters)),
        )


def _ending(letters: str) -> str:
    """ "consonant" when the name ends in one, "t" in a t, "an" in -an, "e" in a silent e (Rome),
    "adjective" in an English adjective's ending (Federal, Canarian: the Arabic's is a final
    yeh), "i" in an i sound (Dubai, Kerry, Rupee), "u" in an o or u (Aramco), "h" in a vowel
    and h (Saleh, Jeddah), else "vowel" (Geneva, Pele)."""
    if letters.endswith(_ADJECTIVE_ENDINGS):
        return "adjective"
    if letters.endswith("ys"):  # Grammys: جرامي
        return "i"
    if letters.endswith("e"):
        # Mosque, League: the u only spells the consonant before it.
        silent = letters[-2:-1] not in _VOWELS or letters[-3:-1] in ("qu", "gu")
        if silent:
            return "e"
        return "i" if letters.endswith(("ee", "ie", "ye")) else "vowel"
    if letters[-1:] in ("i", "y"):
        return "i"
    if letters[-1:] in ("o", "u"):
        return "u"
    if letters.endswith("h") and letters[-2:-1] in _VOWELS:
        return "h"
    if letters[-1:] in ("a", "w"):
        return "vowel"
    if letters.endswith("an"):
        return "an"  # a name or an adjective (Ediacaran: الايدياكارية)
    return "t" if letters.endswith("t") else "consonant"


def _ending_agrees(ending: str, arabic: str, endings: bool) -> bool:
    """A name ending in a consonant does not end in yeh, waw, ain or hamza (Nile: النيلي,
    Google: جولي); Spain اسبانيا and Rome روما end in alef. With `endings` (see `NameSnapping`)
    it ends in teh marbuta only for a t (Zakat: الزكاة; Bandar is not بانذارة) or, after a long
    vowel, a silent e (Jose: خوسيه; Mutaib is not متابعيه) or an "-an" (Ediacaran); a name
    ending in an i sound ends in yeh, alef maksura, alef (Italy: ايطاليا), a glottal (Sinai:
    سيناء) or ية (Rupee: روبية) (Aquilani is not العقلان), one in o or u in waw or a glottal
    (Yanbu: ينبع), one in a vowel and h not in yeh or waw (Saleh is not سالي), a plural's s
    aside. A name ending in a or a pronounced e may lose it (Geneva: جنيف)."""
    last = arabic[-1]
    if ending in ("consonant", "t", "e", "an"):
        heh = last == "ه" and (
            ending == "consonant" or (ending in ("e", "an") and arabic[-2:-1] not in "اوي")
        )
        return last not in "يوى" and last not in _GLOTTAL and not (endings and heh)
    if not endings:
        return True
    if last in "سز" and len(arabic) > 2:
        last = arabic[-2]  # the plural's s, kept by the Arabic (Bronco: البرونكوس)
    if ending == "i":
        return last in "يىا" or last in _GLOTTAL or arabic.endswith("يه")
    if ending == "u":
        return last == "و" or last in _GLOTTAL
    if ending == "h":
        return last not in "يو"
    return True


def _inner_glottals(arabic: str) -> int:
    """Ains and hamzas inside the word, not counting an ain opening a name after the article
    within it (عبدالعزيز)."""
    return sum(
        char in _GLOTTAL and not (char == "ع" and arabic[i - 2 : i] == "ال")
        for i, char in enumerate(arabic[1:-1], start=1)
    )


def _z_letters(arabic: str) -> int:
    """The letters an Arabic spelling may write for an English z before a vowel."""
    return sum(arabic.count(c) for c in "زظض") + arabic.count("تس")


def _letters_agree(english: EnglishLetters, arabic: str, tightened: bool, z_letters: bool) -> bool:
    if _inner_glottals(arabic) > english.glottals:
        return False
    if english.kh and "خ" not in arabic:
        return False
    if "خ" in arabic and not english.kha:
        return False
    if "ث" in arabic and not english.th:
        return False
    if ("ح" in arabic and not english.h) or ("ظ" in arabic and not english.dh_or_z):
        return False
    opening = "زظض" if z_letters and english.z_first else "زظ"
    if (arabic[0] in opening) != english.z_first or arabic.count("ز") > english.zays:
        return False
    if z_letters and _z_letters(arabic) < english.voiced_z:
        return False
    if english.closed_h and not _closed_h(arabic):
        return False
    return _ending_agrees(english.ending, arabic, tightened)


def _closed_h(arabic: str) -> bool:
    """Whether `arabic` writes a ha or heh with no long vowel before it (an opening alef is a
    hamza's seat): Fahd is فهد, not فاهد nor فاض."""
    return any(
        char in "حه" and (i <= 1 or arabic[i - 1] not in "اوي") and i < len(arabic) - 1
        for i, char in enumerate(arabic)
    )


def spells_letters(
    english: EnglishLetters, arabic: str, tightened: bool = True, z_letters: bool = True
) -> bool:
    """Whether normalized Arabic word `arabic` (without its clitic or article) writes the
    letters `english` asks for and none it lacks; `tightened`: `NameSnapping.tightened`, which
    also reads a word glued to a number without it (Apollo: ابولو1); `z_letters`:
    `NameSnapping.z_letters`."""
    if tightened:
        arabic = arabic.rstrip("0123456789")
    return len(arabic) > 1 and _letters_agree(english, arabic, tightened, z_letters)
