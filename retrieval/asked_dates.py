"""The calendar days a question names ("تداولات 11 أغسطس", "10 اغسطس 2015") and whether an
article's date reports one: a daily story (a market's close, a day's raids) is told again every
day in the same words, and only the article's date tells which day's report is asked for.
Pure functions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from retrieval.dates import MONTH_NUMBERS
from retrieval.normalize import normalize_arabic

_MONTHS = "|".join(sorted((re.escape(m) for m in MONTH_NUMBERS), key=len, reverse=True))
# "11 اغسطس", "10 من اغسطس", "الـ10 من اغسطس 2015" after normalization; a month alone is no day.
_DAY_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({_MONTHS})(?![^\W\d_])(?:\s*,?\s+(\d{{4}}))?")


@dataclass(frozen=True)
class AskedDay:
    """A day of a month, in a year when the question gives one."""

    month: int
    day: int
    year: int | None = None


def asked_days(question: str) -> tuple[AskedDay, ...]:
    """The calendar days `question` names with a day number and a Gregorian month."""
    found = []
    for day, month, year in _DAY_RE.findall(normalize_arabic(question)):
        asked = AskedDay(MONTH_NUMBERS[month.lower()], int(day), int(year) if year else None)
        if 1 <= asked.day <= 31 and asked not in found:
            found.append(asked)
    return tuple(found)


def reports_day(article_date: str, asked: AskedDay, lag_days: int) -> bool:
    """Whether an article dated `article_date` (YYYY-MM-DD, or "") is of the day `asked` or up to
    `lag_days` after it (a paper reports a day's events the next morning)."""
    try:
        published = dt.date.fromisoformat(article_date)
    except ValueError:
        return False
    for lag in range(lag_days + 1):
        day = published - dt.timedelta(days=lag)
        if (day.month, day.day) == (asked.month, asked.day) and asked.year in (None, day.year):
            return True
    return False
