"""Answers and passages as Telegram HTML messages: numbered snippets with the matched words in
bold and a citation under each, split into messages of at most 4096 characters.

Every piece of corpus or user text goes through `html.escape` on its own before it meets any
tag, and messages are only ever split between whole blocks (or inside plain text before it is
escaped), so no message can end inside a tag or an entity.
"""

from __future__ import annotations

import html
import re

from bot.display import shorten, shown_citation
from bot.render_text import LIST_SEPARATOR, PARAGRAPH_BREAK, missing_lines, shown_date
from bot.texts import text
from retrieval.engine import script_counts
from retrieval.models import Answer, Citation, Result

MAX_MESSAGE_CHARS = 4096
RLM = "\u200f"  # a line starting with it is laid out right-to-left, so Arabic reads naturally
_URL_RE = re.compile(r"^https?://[^\s<>\"']+$")


_TAG_RE = re.compile(r"<[^>]*>")


MAX_MATCHED_ON = 12  # pairs shown; a question has few topic words


def utf16_len(value: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(value.encode("utf-16-le")) // 2


def visible_len(message_html: str) -> int:
    """Length of a message's text once Telegram has parsed its HTML (the 4096 limit's measure)."""
    return utf16_len(html.unescape(_TAG_RE.sub("", message_html)))


def escape(plain: str) -> str:
    """Text for a message body: `<`, `>` and `&` escaped (quotes need it only in attributes)."""
    return html.escape(plain, quote=False)


def line_start(plain: str, lang: str) -> str:
    """U+200F for a line whose words are mostly Arabic (or an Arabic line with no letters)."""
    arabic, latin = script_counts(plain)
    if arabic > latin or (arabic == latin and lang == "ar"):
        return RLM
    return ""


def rtl_lines(block: str, lang: str) -> str:
    """Interface text with every line laid out in the interface language's direction."""
    return "\n".join(line_start("", lang) + line for line in block.split("\n"))


def mark_html(plain: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """`plain` escaped, with each [start, end) span in <b>."""
    out, last = [], 0
    for start, end in sorted(spans):
        start, end = max(start, last), min(end, len(plain))
        if start >= end:
            continue
        out += [escape(plain[last:start]), "<b>", escape(plain[start:end]), "</b>"]
        last = end
    out.append(escape(plain[last:]))
    return "".join(out)


def citation_html(citation: Citation, lang: str) -> str:
    """One line: 📰 headline — outlet · date · link, each within its display bound."""
    citation = shown_citation(citation)
    date = escape(shown_date(citation, lang))
    source = escape(citation.source) if citation.source else text("unknown_source", lang)
    parts = [source, date]
    if _URL_RE.match(citation.url):
        parts.append(f'<a href="{html.escape(citation.url, quote=True)}">{text("link", lang)}</a>')
    if outlets := citation.other_outlets():
        parts.append(text("also_in", lang, outlets=escape(LIST_SEPARATOR[lang].join(outlets))))
    title = f"<i>{escape(citation.title)}</i> — " if citation.title else ""
    details = " · ".join(part for part in parts if part)
    return f"{line_start(citation.title or citation.source, lang)}📰 {title}{details}"


def result_html(result: Result, lang: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """A numbered snippet with its matched words in bold, then its citation; the snippet is cut
    (verbatim up to an ellipsis) only when the block would not fit in `limit` characters."""
    citation = citation_html(result.citation, lang)
    snippet, spans = result.snippet, result.highlights
    while True:
        marked = PARAGRAPH_BREAK.sub("\n" + line_start(snippet, lang), mark_html(snippet, spans))
        block = f"{line_start(snippet, lang)}<b>{result.rank}.</b> {marked}\n{citation}"
        if visible_len(block) <= limit or len(snippet) <= 1:
            return block
        snippet = shorten(snippet, len(snippet) * 3 // 4)
        spans = tuple((s, min(e, len(snippet) - 1)) for s, e in spans if s < len(snippet) - 1)


def pack_blocks(blocks: list[str], limit: int = MAX_MESSAGE_CHARS, sep: str = "\n\n") -> list[str]:
    """Join whole blocks into as few messages of at most `limit` characters as possible."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        candidate = f"{current}{sep}{block}" if current else block
        if current and visible_len(candidate) > limit:
            messages.append(current)
            current = block
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def render_answer_html(
    answer: Answer,
    lang: str,
    results: tuple[Result, ...] | None = None,
    *,
    heading: str = "answer_heading",
    block_limit: int = MAX_MESSAGE_CHARS,
) -> list[str]:
    """The answer's messages: a heading, then each result; the closest passages under a heading
    that says they do not answer exactly; "not found" when there are none. Words of the question
    the articles lack are named. A result longer than `block_limit` characters has its snippet cut."""
    shown = answer.shown if results is None else results
    notes = [read_as_html(answer.read_as, lang)] if answer.read_as else []
    notes += [missing_html(key, words, lang) for key, words in missing_lines(answer)]
    if not shown:
        return ["\n".join([f"{line_start('', lang)}{text('not_found', lang)}", *notes])]
    if not answer.answered and heading == "answer_heading":
        heading = "closest_heading"
    blocks = [f"{line_start('', lang)}{text(heading, lang)}", *notes]
    blocks += [result_html(result, lang, block_limit) for result in shown]
    if answer.matched_on:
        blocks.append(matched_on_html(answer.matched_on, lang))
    return pack_blocks(blocks)


def read_as_html(reading: str, lang: str) -> str:
    """How an Arabizi question was read in Arabic script, so a wrong reading is visible."""
    return f"{line_start('', lang)}<i>{text('read_as', lang)} {escape(reading)}</i>"


def missing_html(key: str, words: tuple[str, ...], lang: str) -> str:
    """A line of the question's specific words the articles or the passages shown lack
    (`missing_lines`), like a search engine's "Missing:" line: "Not in the articles: Modi, 2023"."""
    return f"{line_start('', lang)}{text(key, lang, words=escape(LIST_SEPARATOR[lang].join(words)))}"


def matched_on_html(pairs: tuple[tuple[str, str], ...], lang: str) -> str:
    """Which Arabic words an English question was matched as, so a reader sees why an Arabic
    snippet answers it: "Matched on: Lavrov = لافروف · arms control = الحد من التسلح"."""
    shown = " · ".join(f"{escape(english)} = {escape(arabic)}" for english, arabic in pairs[:MAX_MATCHED_ON])
    return f"{line_start('', lang)}<i>{text('matched_on', lang)} {shown}</i>"


def render_page_html(
    answer: Answer, lang: str, results: tuple[Result, ...], *, heading: str = "answer_heading"
) -> str:
    """Like `render_answer_html`, but always one message (a page edited in place): snippets are
    cut when the page would not fit otherwise."""
    messages = render_answer_html(answer, lang, results, heading=heading)
    if len(messages) == 1:
        return messages[0]
    share = (MAX_MESSAGE_CHARS - 200) // max(len(results), 1) - 2
    return render_answer_html(answer, lang, results, heading=heading, block_limit=share)[0]


def render_single_result_html(result: Result, lang: str, *, closest: bool = False) -> str:
    """One snippet with its citation as a whole message (inline mode); a closest passage says
    that it does not answer exactly."""
    block = result_html(result, lang)
    return f"{line_start('', lang)}<i>{text('inline_closest', lang)}</i>\n{block}" if closest else block


def split_plain(plain: str, limit: int) -> list[str]:
    """Plain text in pieces of at most `limit` characters, cut at line breaks or spaces."""
    pieces = []
    while len(plain) > limit:
        cut = max(plain.rfind("\n", 0, limit), plain.rfind(" ", 0, limit))
        if cut < limit // 2:
            cut = limit
        pieces.append(plain[:cut])
        plain = plain[cut:].lstrip()
    if plain:
        pieces.append(plain)
    return pieces


def render_passage_html(passage: str, citation: Citation, lang: str) -> list[str]:
    """A whole passage with its citation, in as many messages as it needs."""
    head = f"{line_start('', lang)}{text('full_passage', lang)}\n{citation_html(citation, lang)}"
    # Pieces are cut by code points; halving leaves room for characters outside the BMP.
    room = (MAX_MESSAGE_CHARS - visible_len(head) - 8) // 2
    paragraphs = [p for p in passage.split("\n") if p.strip()]
    blocks = [head]
    for paragraph in paragraphs:
        for piece in split_plain(paragraph, room):
            blocks.append(f"{line_start(piece, lang)}{escape(piece)}")
    return pack_blocks(blocks, sep="\n")
