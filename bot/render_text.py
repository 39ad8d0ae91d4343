"""Answers as text for a terminal, with interface words in the question's language."""

from __future__ import annotations

import re

from bot.display import shown_citation
from bot.texts import text
from retrieval.engine import reply_language
from retrieval.models import Answer, Citation

# A snippet that runs on into the next paragraph is shown as one block: the blank line between
# the paragraphs would read as the start of the next result.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
RLM = "\u200f"  # starts a line right-to-left, so Arabic reads naturally in bidi-aware terminals
BOLD, RESET = "\x1b[1m", "\x1b[0m"
LIST_SEPARATOR = {"ar": "، ", "en": ", "}

# Words of bot/texts.py as a terminal shows them: without their leading emoji and HTML.
_LEADING_EMOJI = re.compile(r"^\W+?\s")
_BOLD_TAGS = re.compile(r"</?b>")


def plain(key: str, lang: str, **values: object) -> str:
    """An interface text of bot/texts.py for a terminal (e.g. "🔤 Read as:" -> "Read as:")."""
    return _BOLD_TAGS.sub("", _LEADING_EMOJI.sub("", text(key, lang, **values), count=1))


def mark(text: str, spans: tuple[tuple[int, int], ...], before: str, after: str) -> str:
    """Wrap each highlighted span of `text` in `before`/`after`."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], before, text[start:end], after]
        last = end
    out.append(text[last:])
    return "".join(out)


_DATE_FROM = {"url": "date_from_url", "text": "date_from_text"}  # Citation.date_from -> text key


def shown_date(citation: Citation, lang: str) -> str:
    """The citation's date, saying where it was read when it was not given with the article."""
    if not citation.date or not citation.date_inferred:
        return citation.date
    return f"{citation.date} ({text(_DATE_FROM.get(citation.date_from, 'date_inferred'), lang)})"


def citation_line(citation: Citation, lang: str) -> str:
    citation = shown_citation(citation)
    date = shown_date(citation, lang)
    parts = [citation.title, citation.source or text("unknown_source", lang), date, citation.url]
    if outlets := citation.other_outlets():
        parts.append(text("also_in", lang, outlets=LIST_SEPARATOR[lang].join(outlets)))
    return " · ".join(part for part in parts if part) + f" [{citation.doc_id}]"


def missing_lines(answer: Answer) -> list[tuple[str, tuple[str, ...]]]:
    """The text keys and words of the "missing" lines: the words the articles lack ("Not in the
    articles"), then those only the passages shown lack ("Not in the passages shown")."""
    lacking = tuple(w for w in answer.missing if w not in answer.not_in_shown)
    lines = (("missing", lacking), ("not_in_shown", answer.not_in_shown))
    return [(key, words) for key, words in lines if words]


def render_answer_text(answer: Answer, *, color: bool) -> str:
    """A readable answer: numbered snippets, each followed by its citation (for the closest
    passages, under a line saying so), and the question's words the articles lack."""
    lang = reply_language(answer.lang, answer.question)
    start = RLM if lang == "ar" else ""
    lines = [f"{start}{text('question_label', lang)}: {answer.question}"]
    if answer.read_as:  # Arabizi: the Arabic-script reading retrieval ran on
        lines.append(f"{start}{plain('read_as', lang)} {answer.read_as}")
    for key, words in missing_lines(answer):
        lines.append(start + plain(key, lang, words=LIST_SEPARATOR[lang].join(words)))
    if not answer.shown:
        lines.append(start + text("not_found_terminal", lang))
        return "\n".join(lines)
    if not answer.answered:
        lines.append(start + plain("closest_heading", lang))
    for result in answer.shown:
        snippet = mark(result.snippet, result.highlights, BOLD, RESET) if color else result.snippet
        snippet = PARAGRAPH_BREAK.sub("\n" + RLM, snippet)
        lines.append("")
        lines.append(f"{RLM}{result.rank}. {snippet}")
        lines.append(f"{RLM}   — {citation_line(result.citation, lang)}")
    if answer.matched_on:  # English questions: which Arabic words the English ones were matched as
        pairs = "; ".join(f"{english} = {arabic}" for english, arabic in answer.matched_on)
        lines += ["", f"{plain('matched_on', lang)} {pairs}"]
    return "\n".join(lines)
