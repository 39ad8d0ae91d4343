"""Changing the corpus folder: adding, replacing and removing document files, for the bot's
uploads and /remove and any other caller of the engine. Checks raise CorpusError with a reason
code; writes are atomic, so a refresh never reads a half-written file.
"""

from __future__ import annotations

import errno
import json
import os
import re
import unicodedata
import uuid
from pathlib import Path

from corpus import BUNDLED_CORPUS
from retrieval.documents import DOCUMENT_SUFFIXES, decode_text, read_file_documents
from retrieval.models import CorpusEdit, CorpusError

MAX_NAME_CHARS = 100
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-]+")


def safe_file_name(raw: str | None) -> str | None:
    """A plain file name for an upload: no folders, no hidden or skipped names, only letters,
    digits, `.`, `-` and `_`; None when nothing usable is left."""
    if not raw:
        return None
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("_", name.strip()).lstrip("._-")
    stem, dot, suffix = name.rpartition(".")
    stem = stem.rstrip("._-")
    if not dot or not stem or not suffix or stem.upper().startswith("README"):
        return None
    return f"{stem[: MAX_NAME_CHARS - len(suffix) - 1]}.{suffix.lower()}"


def document_file_name(raw: str | None) -> str:
    """The corpus file name for a document file named `raw`; CorpusError "bad_name" or "bad_type"."""
    name = safe_file_name(raw)
    if name is None:
        raise CorpusError(f"unusable file name: {raw!r}", "bad_name")
    if Path(name).suffix not in DOCUMENT_SUFFIXES:
        raise CorpusError(f"{name}: not one of {', '.join(DOCUMENT_SUFFIXES)}", "bad_type")
    return name


def check_editable(corpus_dir: Path) -> None:
    """CorpusError "read_only" for the bundled corpus, "not_writable" for a folder we cannot write."""
    corpus = corpus_dir.resolve()
    if corpus == BUNDLED_CORPUS.resolve():
        raise CorpusError("the bundled corpus is read-only", "read_only")
    if not corpus.is_dir() or not os.access(corpus, os.W_OK):
        raise CorpusError(f"cannot write to the corpus folder {corpus}", "not_writable")


def check_text(name: str, data: bytes) -> None:
    """CorpusError "empty", "binary" or "not_utf8" (with `position`) unless `data` is UTF-8 text."""
    decode_text(data, name)


def document_ids(corpus_dir: Path, name: str, data: bytes) -> list[str]:
    """The ids of the documents file `name` with `data` would hold (CPU work: cleaning and
    splitting the text); CorpusError "invalid" saying why it holds none."""
    corpus = corpus_dir.resolve()
    return [doc.doc_id for doc in read_file_documents(corpus, corpus / name, data)]


def add_file(corpus_dir: Path, name: str, data: bytes, doc_ids: list[str]) -> CorpusEdit:
    """Write `data` as corpus file `name` (read by `document_ids`), keeping what it replaces;
    CorpusError "name_is_folder", "disk_full" or "not_saved" (nothing was changed)."""
    target = corpus_dir.resolve() / name
    if target.is_dir():
        raise CorpusError(f"{name} is a folder of the corpus", "name_is_folder")
    previous = target.read_bytes() if target.is_file() else None
    try:
        write_atomically(target, data)
    except OSError as exc:
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        raise CorpusError(exc.strerror or str(exc), "disk_full" if full else "not_saved") from None
    return CorpusEdit(target, previous, tuple(doc_ids))


def undo(edit: CorpusEdit) -> None:
    """Put the corpus back as it was before `edit`."""
    if edit.previous is None:
        edit.path.unlink(missing_ok=True)
    else:
        write_atomically(edit.path, edit.previous)


def remove_document(corpus_dir: Path, file: str, documents_in_file: int, doc_id: str) -> bool:
    """Delete `doc_id` from corpus file `file`: its lines when a JSON Lines file holds others
    too, else the file (a symbolic link itself, never the file it points to). False when the
    file lies outside the corpus; CorpusError "linked_file" when it is a link holding other
    documents too (nothing is changed either way)."""
    corpus = corpus_dir.resolve()
    path = corpus / file  # not resolved: see above
    if not path.parent.resolve().is_relative_to(corpus):
        return False
    if path.is_symlink() and documents_in_file > 1:
        raise CorpusError(f"{file} is a link holding other documents too", "linked_file", file=file)
    if not (path.suffix == ".jsonl" and documents_in_file > 1 and remove_from_jsonl(path, doc_id)):
        path.unlink(missing_ok=True)
    return True


def remove_from_jsonl(path: Path, doc_id: str) -> bool:
    """Drop the lines of `doc_id` from a JSON Lines file; False when no other line is left."""
    kept = []
    for line in path.read_text(encoding="utf-8-sig").splitlines(keepends=True):
        try:
            row = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            row = None
        if isinstance(row, dict) and str(row.get("doc_id", "")).strip() == doc_id:
            continue
        kept.append(line)
    if not any(line.strip() for line in kept):
        return False
    write_atomically(path, "".join(kept).encode("utf-8"))
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a refresh never reads a half-written file (the temporary
    name starts with a dot, which the corpus reader skips)."""
    temporary = path.with_name(f".upload-{uuid.uuid4().hex}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
