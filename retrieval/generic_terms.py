"""Words that name no subject of their own (days, years, the world, people, the first, a way):
a passage sharing only these with a question is not near it ("ما نتيجة كأس العالم 2022" and an
article on wars around the world share العالم). Index terms, as `analyze` makes them."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.analysis import analyze

_WORDS = """
يوم اليوم أيام أمس البارحة غدا بكرة الآن حاليا سنة عام أعوام سنوات شهر أسبوع ساعة دقيقة وقت زمن
العالم عالمي الناس شخص أشخاص مكان
أول ثاني ثالث أخير آخر عدد رقم كثير قليل جديد قديم كبير صغير
طريقة شكل حال حالة شيء أشياء أمر نوع
"""

GENERIC_TERMS: frozenset[str] = frozenset(analyze(_WORDS))


def holds_specific_term(matched: Iterable[str]) -> bool:
    """Whether any of the `matched` question terms is more than a generic word."""
    return any(term not in GENERIC_TERMS for term in matched)
