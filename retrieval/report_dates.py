"""Which dates of a passage date a report rather than what it reports. News dates what was said:
"وفي الرابع من ديسمبر، قال بايدن ... من الصعب على الرئيس الروسي غزو أوكرانيا" dates Biden's
words, not an invasion; a when-question asking no saying ("متى بدأ الغزو الروسي لأوكرانيا") is
not answered by it (issue 16: an event never reported). Pure functions over normalized words."""

from __future__ import annotations

import re

from retrieval.answer_kinds import is_saying
from retrieval.normalize import word_table

# English verbs of saying a question may ask with ("When did Lavrov say ...").
_ENGLISH_SAYING = frozenset(
    "say says said announce announces announced state states stated declare declares declared tell "
    "told warn warns warned confirm confirms confirmed".split()
)
# Between a date and its verb only a comma, a space or a dash may stand: "أعلن، السبت الماضي،"
# ("يوم" or "في" opening the date too: "وقال يوم الأربعاء").
_GAP = re.compile(r"[\s،,\-–]*")
_DATE_OPENERS = frozenset({"يوم", "في"})


def asks_saying(question: str) -> bool:
    """Whether `question` asks about something said (then the report's date is its answer)."""
    words = {w for w, _, _ in word_table(question)}
    english = set(re.findall(r"[a-z]+", question.lower()))
    return any(is_saying(w) for w in words) or bool(english & _ENGLISH_SAYING)


def dates_report(text: str, start: int, end: int) -> bool:
    """Whether the date at `text[start:end]` stands right beside a verb of saying, only commas
    between: "وفي الرابع من ديسمبر، قال ..." or "أعلن، السبت الماضي، ...": it dates the saying."""
    after = text[end : end + 40]
    following = word_table(after)
    if following and _GAP.fullmatch(after[: following[0][1]]) and is_saying(following[0][0]):
        return True
    before = text[max(0, start - 40) : start]
    preceding = list(word_table(before))
    opener = preceding[-1] if len(preceding) > 1 else None
    if opener and opener[0] in _DATE_OPENERS and _GAP.fullmatch(before[opener[2] :]):
        before, preceding = before[: opener[1]], preceding[:-1]
    return (
        bool(preceding) and bool(_GAP.fullmatch(before[preceding[-1][2] :])) and is_saying(preceding[-1][0])
    )
