"""Which attribute a how-many question asks of something (a place's population, a body's budget, a
person's salary) and the words by which a passage states it. Near-topic questions ask for
attributes the articles never give: "كم عدد سكان محافظة أملج" finds the passage on Umluj's new
hospital and its "100 سرير", a number that is no population (issue 16: a detail never given).
Pure functions over normalized words and index terms."""

from __future__ import annotations

import re

from retrieval.analysis import analyze
from retrieval.english.words import english_words
from retrieval.normalize import PROCLITICS, normalize_arabic, without_proclitic, word_table

# "What is the population of Jeddah?", "What's the estimated population ...", "What was Warsaw's
# population": an English question asking an attribute's value without "how many" (its first
# two words after "the" are read).
_WHAT_IS = re.compile(
    r"^\s*what(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+)?([\w']+(?:\s+\w+)?)", re.IGNORECASE
)


def _group(asked: str, english: str, stated: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Normalized Arabic words asking the attribute, English words asking it, and the index
    terms of the words stating it."""
    return (
        frozenset(normalize_arabic(w) for w in asked.split()),
        frozenset(english.split()),
        frozenset(t for w in stated.split() for t in analyze(w)),
    )


# The question's words (spoken forms too: "كيسكنو", Maghrebi "they live"), the English ones, and
# the passage's. A price or a cost is stated by a currency or by any of the ways a sum is
# written (بمبلغ، بقيمة، بتكلفة، ريال): "كم تبلغ تكلفة إنشاء المحطة" is not answered by "50 ميجاوات".
ATTRIBUTES = (
    _group(
        "سكان السكان سكانها سكانه نسمة نسمه تعداد يسكن يسكنها يسكنو كيسكنو يسكنون قاطني",
        "population inhabitants residents",
        "سكان السكان سكانها نسمة تعداد ساكن قاطن يقطن يسكن السكاني",
    ),
    _group(
        "ميزانية ميزانيه الميزانية الميزانيه ميزانيتها ميزانيته موازنة موازنه موازنتها",
        "budget",
        "ميزانية موازنة",
    ),
    _group(
        "راتب راتبه راتبها رواتب الراتب مرتب مرتبه المرتب معاش اجر اجره",
        "salary salaries wage wages",
        "راتب رواتب مرتب مرتبات أجر أجور معاش",
    ),
    _group(
        "سعر سعره سعرها السعر اسعار الاسعار تكلفة تكلفه تكلفته تكلفتها التكلفة التكلفه كلفة كلفه "
        "كلفته كلفتها تكاليف التكاليف",
        "price prices cost costs worth",
        "سعر أسعار تكلفة كلفة تكاليف تكلف كلف قيمة مبلغ ثمن ريال ريالا ريالات دولار دولارا دولارات يورو "
        "جنيه درهم دينار ليرة إسترليني",
    ),
)


def asked_attribute(question: str) -> frozenset[str]:
    """The index terms stating the attribute an Arabic or English `question` asks of something,
    or an empty set when it asks none of `ATTRIBUTES`."""
    words = {w for w, _, _ in word_table(question)}
    words |= {without_proclitic(w, PROCLITICS) for w in words}
    english = {w.text for w in english_words(question)}
    for arabic, english_words_asking, stated in ATTRIBUTES:
        if words & arabic or english & english_words_asking:
            return stated
    return frozenset()


def asked_value(question: str) -> frozenset[str]:
    """The index terms stating the attribute an English `question` asks the value of with "what
    is the ..." (`_WHAT_IS`), or an empty set: "What is the population of Jeddah?" asks a number
    as "how many people live in Jeddah?" does."""
    match = _WHAT_IS.match(question)
    return asked_attribute(match.group(1)) if match else frozenset()
