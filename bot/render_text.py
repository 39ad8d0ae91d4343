"""Answers as text for a terminal, with interface words in the question's language."""

from __future__ import annotations

import re

from bot.display import shown_citation
from retrieval.language import reply_language
from retrieval.models import Answer, Citation

# A snippet that runs on into the next paragraph is shown as one block: the blank line between
# the paragraphs would read as the start of the next result.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
RLM = "\u200f"  # starts a line right-to-left, so Arabic reads naturally in bidi-aware terminals
BOLD, RESET = "\x1b[1m", "\x1b[0m"
LIST_SEPARATOR = {"ar": "، ", "en": ", "}

LABELS = {
    "ar": {
        "not_found": "لم أجد في المقالات ما يجيب عن هذا السؤال.",
        "inferred": "تاريخ تقديري",
        "no_source": "مصدر غير معروف",
        "question": "السؤال",
        "matched_on": "طوبق على",
        "read_as": "قرأت السؤال هكذا",
        "closest": "لا مقال يجيب عن هذا بالضبط؛ أقرب الفقرات:",
        "missing": "ليس في المقالات",
        "also_in": "ونُشر أيضًا في",
    },
    "en": {
        "not_found": "Nothing in the corpus answers this question.",
        "inferred": "date inferred",
        "no_source": "unknown outlet",
        "question": "Question",
        "matched_on": "Matched on",
        "read_as": "Read as",
        "closest": "No article answers this exactly; the closest passages:",
        "missing": "Not in the articles",
        "also_in": "also in",
    },
}


def mark(text: str, spans: tuple[tuple[int, int], ...], before: str, after: str) -> str:
    """Wrap each highlighted span of `text` in `before`/`after`."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], before, text[start:end], after]
        last = end
    out.append(text[last:])
    return "".join(out)


def citation_line(citation: Citation, lang: str) -> str:
    labels = LABELS[lang]
    citation = shown_citation(citation)
    date = citation.date
    if date and citation.date_inferred:
        date = f"{date} ({labels['inferred']})"
    parts = [citation.title, citation.source or labels["no_source"], date, citation.url]
    if outlets := citation.other_outlets():
        parts.append(f"{labels['also_in']}: {LIST_SEPARATOR[lang].join(outlets)}")
    return " · ".join(part for part in parts if part) + f" [{citation.doc_id}]"


def render_answer_text(answer: Answer, *, color: bool) -> str:
    """A readable answer: numbered snippets, each followed by its citation (for the closest
    passages, under a line saying so), and the question's words the articles lack."""
    lang = reply_language(answer.lang, answer.question)
    labels = LABELS[lang]
    start = RLM if lang == "ar" else ""
    lines = [f"{start}{labels['question']}: {answer.question}"]
    if answer.read_as:  # Arabizi: the Arabic-script reading retrieval ran on
        lines.append(f"{start}{labels['read_as']}: {answer.read_as}")
    if answer.missing:
        comma = "، " if lang == "ar" else ", "
        lines.append(f"{start}{labels['missing']}: {comma.join(answer.missing)}")
    if not answer.shown:
        lines.append(start + labels["not_found"])
        return "\n".join(lines)
    if not answer.answered:
        lines.append(start + labels["closest"])
    for result in answer.shown:
        snippet = mark(result.snippet, result.highlights, BOLD, RESET) if color else result.snippet
        snippet = PARAGRAPH_BREAK.sub("\n" + RLM, snippet)
        lines.append("")
        lines.append(f"{RLM}{result.rank}. {snippet}")
        lines.append(f"{RLM}   — {citation_line(result.citation, lang)}")
    if answer.matched_on:  # English questions: which Arabic words the English ones were matched as
        pairs = "; ".join(f"{english} = {arabic}" for english, arabic in answer.matched_on)
        lines += ["", f"{labels['matched_on']}: {pairs}"]
    return "\n".join(lines)
