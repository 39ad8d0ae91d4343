"""Read a corpus directory into documents: front matter, plain text and JSON Lines sources.

Formats (see README "Corpus format"):
- `.txt` / `.md` with optional front matter between `---` lines (`key: value`: title, source,
  date, date_inferred, url, lang, author); without a title, the first line with words is the title.
- `.jsonl`: one document per line, `{"doc_id", "title", "text", ...same optional keys}`.
A file's doc id is its path relative to the corpus directory without the extension.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.clean import clean_article
from retrieval.dates import infer_date

DOCUMENT_SUFFIXES = (".txt", ".md", ".jsonl")
MAX_FILE_BYTES = 20 * 1024 * 1024
_META_KEYS = ("title", "source", "date", "date_inferred", "url", "lang", "author")
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_DOC_ID_RE = re.compile(r"^[\w\-./]{1,200}$")


class CorpusError(Exception):
    """A corpus file (or line of one) that cannot be read as a document."""


@dataclass(frozen=True)
class Document:
    """A cleaned article with its citation metadata, ready to split into passages."""

    doc_id: str
    title: str
    body: str
    source: str = ""
    date: str = ""
    date_inferred: bool = False
    url: str = ""
    lang: str = "ar"
    author: str = ""
    credit: str = ""
    path: str = ""
    content_hash: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def content_hash(data: bytes) -> str:
    """Fingerprint used to tell a changed document from an unchanged one."""
    return hashlib.sha256(data).hexdigest()


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Document files below `corpus_dir`, sorted; README files and hidden files are not articles."""
    return sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.suffix.lower() in DOCUMENT_SUFFIXES
        and path.is_file()
        and not path.name.upper().startswith("README")
        and not any(part.startswith((".", "_")) for part in path.relative_to(corpus_dir).parts)
    )


def doc_id_for(corpus_dir: Path, path: Path) -> str:
    """A file's doc id: its path relative to the corpus, without extension, with `/` separators."""
    return path.relative_to(corpus_dir).with_suffix("").as_posix()


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of a file, or a CorpusError that says what is wrong with it."""
    if not data.strip():
        raise CorpusError(f"{name}: empty file")
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `key: value` front matter from the article text that follows it."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text.removeprefix("\ufeff")
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip()
    return meta, text[match.end() :]


def build_document(
    doc_id: str, meta: dict[str, str], text: str, *, path: str, digest: str, title: str | None
) -> Document:
    """Clean `text` and merge metadata found in it with the metadata given for it.

    `title=None` means the headline is the text's first line (a plain article file).
    """
    meta = {key: unescape_entities(value) for key, value in meta.items()}
    text = unescape_entities(text)
    title = None if title is None else unescape_entities(title)
    cleaned = clean_article(text, title)
    if not cleaned.paragraphs:
        raise CorpusError(f"{path or doc_id}: no article text after cleaning")
    date = meta.get("date", "")
    if date and not _ISO_DATE_RE.match(date):
        raise CorpusError(f"{path or doc_id}: date must be YYYY-MM-DD, got {date!r}")
    credit = cleaned.credit or cleaned.dateline or cleaned.byline or ""
    source = meta.get("source") or _outlet_from(cleaned.credit, cleaned.byline)
    inferred = meta.get("date_inferred", "").lower() in ("true", "yes", "1")
    if not date:
        date = infer_date(meta.get("url", ""), cleaned.date_text or "")
        inferred = bool(date)
    return Document(
        doc_id=doc_id,
        title=cleaned.title,
        body="\n\n".join(cleaned.paragraphs),
        source=source,
        date=date,
        date_inferred=inferred,
        url=meta.get("url", ""),
        lang=meta.get("lang") or "ar",
        author=meta.get("author") or cleaned.author or "",
        credit=credit,
        path=path,
        content_hash=digest,
        extra={k: v for k, v in meta.items() if k not in _META_KEYS and isinstance(v, str)},
    )


def unescape_entities(text: str) -> str:
    """HTML entities as the characters they stand for (`&quot;` -> `"`, `&#8220;` -> `“`),
    also when a scraper escaped them twice (`&amp;quot;`); nothing else changes."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def _outlet_from(credit: str | None, byline: str | None) -> str:
    """The outlet named first in a credit "(Outlet، AFP)" or a byline "Outlet-خاص"."""
    if credit:
        return re.split(r"[،,]", credit)[0].strip()
    if byline:
        return re.split(r"\s*[-–]\s*", byline)[0].strip()
    return ""


def read_file_documents(corpus_dir: Path, path: Path, data: bytes) -> Iterator[Document]:
    """Documents held in one corpus file's bytes (one, or one per line for JSON Lines)."""
    name = path.relative_to(corpus_dir).as_posix()
    text = decode_text(data, name)
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_documents(text, name)
        return
    meta, body = parse_front_matter(text)
    yield build_document(
        doc_id_for(corpus_dir, path),
        meta,
        body,
        path=name,
        digest=content_hash(data),
        title=meta.get("title") or None,
    )


def _jsonl_documents(text: str, name: str) -> Iterator[Document]:
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise CorpusError(f'{where}: each line needs a "text" string')
        doc_id = str(row.get("doc_id", "")).strip()
        if not _DOC_ID_RE.match(doc_id) or ".." in doc_id:
            raise CorpusError(f'{where}: missing or unsafe "doc_id"')
        if doc_id in seen:
            raise CorpusError(f"{where}: duplicate doc_id {doc_id!r}")
        seen.add(doc_id)
        meta = {k: _meta_value(v) for k, v in row.items() if k not in ("doc_id", "text")}
        digest = content_hash(line.encode("utf-8"))
        yield build_document(
            doc_id, meta, row["text"], path=where, digest=digest, title=meta.get("title", "")
        )


def _meta_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
