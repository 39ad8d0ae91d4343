"""Publication dates read from where a site or an agency prints them: a URL's date folders and
a dateline's full Gregorian date. Pure functions; no guessing: a partial date (no year, no day),
a two-way ambiguous one (3/4/2015) or two dates that disagree give no date at all.
"""

from __future__ import annotations

import datetime as dt
import re

from retrieval.normalize import normalize_arabic

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            "يناير كانون_الثاني january jan",
            "فبراير شباط february feb",
            "مارس اذار march mar",
            "ابريل نيسان april apr",
            "مايو ايار may",
            "يونيو حزيران june jun",
            "يوليو تموز july jul",
            "اغسطس اب august aug",
            "سبتمبر ايلول september sep sept",
            "اكتوبر تشرين_الاول october oct",
            "نوفمبر تشرين_الثاني november nov",
            "ديسمبر كانون_الاول december dec",
        ),
        start=1,
    )
    for name in (normalize_arabic(n.replace("_", " ")) for n in names.split())
}
_MONTH_ALTERNATION = "|".join(sorted((re.escape(m) for m in _MONTH_NUMBERS), key=len, reverse=True))
# "10 اغسطس 2015" after normalization (alef forms folded, Arabic-Indic digits made ASCII).
_TEXT_DATE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_ALTERNATION})\s*,?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# /2015/08/04/, /2015/8/4/, /2015-08-04-, /Issues/20150726/, /2015/20150721/.
_URL_DATE_RES = (
    re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?=[/?#]|$)"),
    re.compile(r"/(\d{4})-(\d{2})-(\d{2})(?=[-/?#.]|$)"),
    re.compile(r"/(\d{4})(\d{2})(\d{2})(?=[/?#]|$)"),
)
YEARS = range(1990, 2101)


def _valid(year: str, month: str | int, day: str) -> str:
    """`YYYY-MM-DD` when the parts make a real calendar date in a plausible year, else ""."""
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return ""
    return value.isoformat() if value.year in YEARS else ""


def _one(dates: list[str]) -> str:
    """The date when every candidate agrees, "" when there is none or they disagree."""
    found = {d for d in dates if d}
    return found.pop() if len(found) == 1 else ""


def date_from_url(url: str) -> str:
    """The date a URL's path folders spell out (`/2015/08/04/`, `/Issues/20150726/`), or ""."""
    path = url.split("://", 1)[-1].partition("/")[2]
    if not path:
        return ""
    path = "/" + path
    return _one([_valid(*m.groups()) for pattern in _URL_DATE_RES for m in pattern.finditer(path)])


def date_from_text(text: str) -> str:
    """The full Gregorian date written in a dateline or date line ("الرياض 25 شوال 1436 هـ
    الموافق 10 أغسطس 2015 م", "14 July 2021", "2021-07-14"), or ""."""
    folded = normalize_arabic(text)
    found = [_valid(y, _MONTH_NUMBERS[m.lower()], d) for d, m, y in _TEXT_DATE_RE.findall(folded)]
    found += [_valid(*m) for m in _ISO_RE.findall(folded)]
    return _one(found)


URL, TEXT = "url", "text"  # where an inferred date was read


def infer_date(url: str, *datelines: str) -> tuple[str, str]:
    """The date the URL and the datelines agree on (any of them may be silent), and where it was
    read: URL when the URL spells it (the datelines agreeing or silent), TEXT when only a
    dateline does; ("", "") when they disagree or all are silent."""
    from_url = date_from_url(url)
    date = _one([from_url, *map(date_from_text, datelines)])
    return (date, URL if from_url else TEXT) if date else ("", "")
