"""Documents from a corpus file's contents: front matter, plain text and JSON Lines.

Formats (see README "Corpus format"):
- `.txt` / `.md` with optional front matter between `---` lines (`key: value`: title, source,
  date, date_inferred, url, lang, author); without a title, the first line with words is the title.
- `.jsonl`: one document per line, `{"doc_id", "title", "text", ...same optional keys}`, read
  line by line with no size limit (bulk exports); a bad line is skipped and reported by number.
A file's doc id is its path relative to the corpus directory without the extension.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.clean import clean_article
from retrieval.dates import infer_date
from retrieval.models import CorpusError

DOCUMENT_SUFFIXES = (".txt", ".md", ".jsonl")  # what an upload may be
MAX_FILE_BYTES = 20 * 1024 * 1024  # an article file (.txt, .md); JSON Lines have no limit
_META_KEYS = ("title", "source", "date", "date_inferred", "url", "lang", "author")
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_DOC_ID_RE = re.compile(r"^[\w\-./]{1,200}$")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Skipped:
    """A part of a source that was not indexed: where (e.g. `export.csv:17`) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Document:
    """A cleaned article with its citation metadata, ready to split into passages."""

    doc_id: str
    title: str
    body: str
    source: str = ""
    date: str = ""
    date_inferred: bool = False
    date_from: str = ""  # where an inferred date was read: dates.URL or dates.TEXT ("" unsaid)
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


def file_hash(path: Path) -> str:
    """`content_hash` of a file's bytes, read in blocks (a bulk export may be hundreds of MB)."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Document files below `corpus_dir`, sorted (see retrieval/sources/corpus_files.py)."""
    from retrieval.sources.corpus_files import walk_corpus  # the sources are built on this module

    return [source.path for source in walk_corpus(corpus_dir).sources]


def doc_id_for(corpus_dir: Path, path: Path) -> str:
    """A file's doc id: its path relative to the corpus, without extension, with `/` separators."""
    return path.relative_to(corpus_dir).with_suffix("").as_posix()


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of a file, or a CorpusError that says what is wrong with it."""
    if not data.strip():
        raise CorpusError(f"{name}: empty file", "empty")
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file, not text", "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"{name}: not UTF-8 text (byte {exc.start})"
        raise CorpusError(message, "not_utf8", position=exc.start) from None


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
    date_from = ""
    if not date:
        date, date_from = infer_date(meta.get("url", ""), cleaned.date_text or "")
        inferred = bool(date)
    return Document(
        doc_id=doc_id,
        title=cleaned.title,
        body="\n\n".join(cleaned.paragraphs),
        source=source,
        date=date,
        date_inferred=inferred,
        date_from=date_from,
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
    """Documents held in one corpus file's bytes (one, or one per line for JSON Lines); the
    first bad line of JSON Lines raises its CorpusError (an upload is taken whole or not)."""
    name = path.relative_to(corpus_dir).as_posix()
    if path.suffix.lower() != ".jsonl":
        yield article_document(data, name, doc_id_for(corpus_dir, path))
        return
    decode_text(data, name)
    for item in jsonl_documents(io.BytesIO(data), name):
        if isinstance(item, Skipped):
            raise CorpusError(str(item))
        yield item


def article_document(data: bytes, name: str, doc_id: str) -> Document:
    """The article of a `.txt`/`.md` file's bytes, with its front matter as metadata."""
    meta, body = parse_front_matter(decode_text(data, name))
    return build_document(
        doc_id, meta, body, path=name, digest=content_hash(data), title=meta.get("title") or None
    )


def jsonl_documents(lines: Iterable[bytes], name: str) -> Iterator[Document | Skipped]:
    """Each line's document, or what is skipped and why: one bad record never costs the
    others. `lines` may be an open file, read as it goes."""
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{name} line {number}"
        try:
            doc_id, document = _jsonl_document(raw.removeprefix(BOM) if number == 1 else raw, where)
            if doc_id in seen:
                raise CorpusError(f"duplicate doc_id {doc_id!r}")
            seen.add(doc_id)
            yield document
        except CorpusError as exc:
            yield Skipped(where, str(exc).removeprefix(f"{where}: "))


def _jsonl_document(raw: bytes, where: str) -> tuple[str, Document]:
    if b"\x00" in raw:
        raise CorpusError("binary data, not text")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise CorpusError('each line needs a "text" string')
    doc_id = str(row.get("doc_id", "")).strip()
    if not _DOC_ID_RE.match(doc_id) or ".." in doc_id:
        raise CorpusError('missing or unsafe "doc_id"')
    meta = {k: _meta_value(v) for k, v in row.items() if k not in ("doc_id", "text")}
    digest = content_hash(line.rstrip("\r\n").encode("utf-8"))
    title = meta.get("title", "")
    return doc_id, build_document(doc_id, meta, row["text"], path=where, digest=digest, title=title)


def _meta_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
