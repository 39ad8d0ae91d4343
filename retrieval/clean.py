"""Turn scraped article text into clean body paragraphs plus the metadata hidden in it.

General rules, not per-file line lists: page furniture (widgets, menus, newsletter prompts,
related-article links), photo captions, repeated headlines and teaser/pull-quote duplicates are
dropped; date lines, source credits, datelines and bylines are moved into metadata. The source's
spelling is never changed: only whitespace is tidied.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from retrieval.normalize import word_table

_SENTENCE_END = ".!?؟…\"”»'’)"
_FULL_STOPS = (".", "!", "?", "؟", "…")

_RELATED_RE = re.compile(
    r"^(?:[اأإ]قر[اأ]|شاهد|طالع|[اأ]نظر)\s+[اأ]يض[اًا]+|^قد\s+(?:تحب|يعجبك|يهمك)|"
    r"^(?:اخترنا لك|مواضيع ذات صلة|[اأ]خبار ذات صلة|المزيد من|ذات صلة)\b|"
    r"^(?:read|see) (?:also|more)\b|^related\b",
    re.IGNORECASE,
)
_WIDGET_RE = re.compile(
    r"^\+?\s*الخط\s*-?$|reading icon|دقائق القراءة|^(?:المساهمون|التعليقات|تعليقات|العلامات|الوسوم|"
    r"شارك|مشاركة|شارك المقال|منشورات شائعة|الأكثر قراءة|الأكثر مشاهدة|النشرة الإخبارية|تابعنا|"
    r"حجم الخط|طباعة|كاريكاتير|comments|share|tags|advertisement|[اإ]علان)$|"
    r"اشترك\s+(?:في|ب)\s*(?:النشرة|قائمتنا|القائمة)|subscribe to our newsletter",
    re.IGNORECASE,
)
_MONTHS = (
    "يناير|فبراير|مارس|[اأإ]بريل|مايو|يونيو|يوليو|[اأ]غسطس|سبتمبر|[اأ]كتوبر|نوفمبر|ديسمبر|"
    "كانون الثاني|شباط|[اآ]ذار|نيسان|[اأ]يار|حزيران|تموز|[اآ]ب|[اأ]يلول|تشرين الأول|تشرين الثاني|"
    "كانون الأول|january|february|march|april|may|june|july|august|september|october|"
    "november|december"
)
_DATE_LINE_RE = re.compile(
    rf"^(?:\S+\s+)?(?:\d{{1,2}})\s+(?:{_MONTHS})(?:/\S+)?\s+\d{{4}}(?:\s*[-–|,،]?\s*\d{{1,2}}:\d{{2}})?$"
    r"|^\d{4}-\d{2}-\d{2}$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = (
    r"getty(?: images)?|afp|reuters|ap|epa|anadolu|shutterstock|"
    r"[اأ]\s?ب|[اأ]\s?ف\s?ب|فرانس برس|رويترز|الأناضول|[اإ]ي بي [اإ]ي|تويتر|فيسبوك"
)
_CAPTION_RE = re.compile(rf"\((?:{_PHOTO_CREDIT})[^()]*\)$|\s[-–/|]\s*(?:{_PHOTO_CREDIT})$", re.IGNORECASE)
_CREDIT_RE = re.compile(r"^\(([^()]{2,120})\)$")
_DATELINE_RE = re.compile(r"^(\S+(?:\s\S+)?)\s*[-–]\s*(وكالات|خاص|agencies)$", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^(?:[اإ]عداد وتحرير|[اإ]عداد|تحرير|كتب|كتبت|بقلم|by)\s*:\s*(.+)$", re.IGNORECASE)
# A columnist's contact lines closing the text: an address or handle, "write to the author: ...",
# "to reach me send an SMS to 88548 ... Zain: start with code 158", the operators' numbers.
_CONTACT_RE = re.compile(
    r"^(?:للتواصل|لمراسلة الكاتب|للمراسلة|تويتر|twitter)|تبدأ بالرمز|^الاتصالات\W*\d|"
    r"^\S+@\S+\.[a-z]{2,}|^(?:https?://|www\.)\S+$",
    re.IGNORECASE,
)
_CONTACT_MAX_WORDS = 30
# A gallery's "Next Previous" buttons scraped after a sentence.
_CAROUSEL_RE = re.compile(r"(?<=[.!?؟…\"”»'’)])\s*Next\s+Previous\b\s*")
_SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")

# A line whose word bigrams mostly occur in a longer line repeats body text (teaser,
# pull-quote); the longer line keeps every sentence.
_DUPLICATE_SHARE = 0.75
_MIN_DUPLICATE_WORDS = 4
# Lines compared with one line at most (see _repeats_a_longer_line).
_MAX_REPEAT_CANDIDATES = 100
_FOOTER_MAX_WORDS = 6


@dataclass
class CleanArticle:
    """Body paragraphs of an article and the metadata found inside its text."""

    title: str
    paragraphs: list[str]
    date_text: str | None = None
    credit: str | None = None
    dateline: str | None = None
    byline: str | None = None
    author: str | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)


def tidy_whitespace(line: str) -> str:
    """Collapse every kind of space (no-break, thin, zero-width) into one plain space."""
    return _SPACES_RE.sub(" ", line).strip()


def _key(line: str) -> str:
    return " ".join(norm for norm, _, _ in word_table(line))


def _has_words(line: str) -> bool:
    return bool(word_table(line))


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _is_sentence(line: str) -> bool:
    return line.rstrip()[-1:] in _SENTENCE_END


def first_title_line(lines: list[str]) -> str | None:
    """The first line that has words in it: what a plain-text article's headline is."""
    return next((line for line in (tidy_whitespace(raw) for raw in lines) if _has_words(line)), None)


def clean_article(text: str, title: str | None = None) -> CleanArticle:
    """Split scraped text into body paragraphs, dropping furniture and keeping metadata.

    With `title=None` the first line with words is taken as the headline; with `""` the text
    has no headline in it (a bulk row whose title is kept apart).
    """
    lines = [tidy_whitespace(raw) for raw in text.splitlines()]
    lines = [line for line in lines if line]
    if lines:  # gallery buttons after the last sentence of the text, before its tags
        lines[-1:] = [part for part in _CAROUSEL_RE.split(lines[-1]) if part]
    if title is None:
        title = first_title_line(lines) or ""
    article = CleanArticle(title=title, paragraphs=[])
    title_key = _key(title) if title else None
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        reason = _classify(line, title_key, seen, article)
        if reason:
            article.dropped.append((line, reason))
            continue
        seen.add(_key(line))
        kept.append(line)
    article.paragraphs = _drop_footer(_drop_repeated_text(kept, article), article)
    return article


def _drop_footer(lines: list[str], article: CleanArticle) -> list[str]:
    """Without the lines of no sentence closing the text that are short or a contact line."""
    while len(lines) > 1 and not _is_sentence(lines[-1]) and _is_footer(lines[-1]):
        article.dropped.append((lines.pop(), "footer"))
    return lines


def _is_footer(line: str) -> bool:
    words = len(word_table(line))
    return words <= _FOOTER_MAX_WORDS or (words <= _CONTACT_MAX_WORDS and bool(_CONTACT_RE.search(line)))


def _classify(line: str, title_key: str | None, seen: set[str], article: CleanArticle) -> str | None:
    """Why `line` is not body text (recording any metadata it carries), or None to keep it."""
    if not _has_words(line):
        return "no words"
    key = _key(line)
    if key == title_key:
        return "repeated headline"
    if key in seen:
        return "duplicate line"
    if _RELATED_RE.search(line):
        return "related link"
    if _WIDGET_RE.search(line):
        return "widget"
    if _DATE_LINE_RE.match(line):
        article.date_text = article.date_text or line
        return "date line"
    if match := _CREDIT_RE.match(line):
        article.credit = article.credit or match.group(1).strip()
        return "source credit"
    if match := _DATELINE_RE.match(line):
        target = "byline" if match.group(2) == "خاص" else "dateline"
        setattr(article, target, getattr(article, target) or line)
        return target
    if match := _BYLINE_RE.match(line):
        article.author = article.author or match.group(1).strip()
        return "author"
    if _CAPTION_RE.search(line) and not line.endswith(_FULL_STOPS):
        return "photo caption"
    return None


def _drop_repeated_text(lines: list[str], article: CleanArticle) -> list[str]:
    words = [_key(line).split() for line in lines]
    grams = [_bigrams(w) for w in words]
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, line_grams in enumerate(grams):
        for gram in line_grams:
            holders[gram].append(j)
    kept = []
    for i, line in enumerate(lines):
        if _repeats_a_longer_line(i, words, grams, holders):
            article.dropped.append((line, "repeats body text"))
        else:
            kept.append(line)
    return kept


def _repeats_a_longer_line(
    i: int, words: list[list[str]], grams: list[set], holders: dict[tuple[str, str], list[int]]
) -> bool:
    """Whether a longer line holds `_DUPLICATE_SHARE` of line i's bigrams.

    Such a line holds one of any `len(mine) - need + 1` of them, so only the lines holding
    line i's rarest bigrams are compared with it, not every line (33,000 short lines took
    56 s). Bigrams that common lines share too often to tell (past `_MAX_REPEAT_CANDIDATES`,
    never in an article) leave the line kept, so cleaning stays linear in the text's size."""
    mine = grams[i]
    if len(words[i]) < _MIN_DUPLICATE_WORDS:
        return False
    need = math.ceil(_DUPLICATE_SHARE * len(mine))
    rarest = heapq.nsmallest(len(mine) - need + 1, mine, key=lambda gram: len(holders[gram]))
    if sum(len(holders[gram]) - 1 for gram in rarest) > _MAX_REPEAT_CANDIDATES:
        return False
    candidates = {j for gram in rarest for j in holders[gram] if len(words[j]) > len(words[i])}
    return any(len(mine & grams[j]) >= need for j in candidates)
