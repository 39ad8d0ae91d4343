"""CSV exports of any size, read row by row: a header names the columns (`text` or `body` or
`content` required; `doc_id`/`id`, `title`, `source`, `date`, `url`, `author`, `lang` optional),
and a row that cannot be read is skipped and reported by its line number."""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections.abc import Iterator

from retrieval.documents import CorpusError, Document, build_document, content_hash
from retrieval.sources.base import CorpusFile, Skipped

_TEXT_COLUMNS = ("text", "body", "content", "article")
_ID_COLUMNS = ("doc_id", "id")
_DOC_ID_RE = re.compile(r"^[\w\-./]{1,200}$")
# A long article in one cell exceeds csv's default field limit of 128 KB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class CsvExport(CorpusFile):
    """A `.csv` file in the corpus, as a Source; `doc_id` is the file's own id."""

    def documents(self) -> Iterator[Document | Skipped]:
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as stream:
                yield from self._rows(stream)
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{self.name}: not UTF-8 text (byte {exc.start} of a block)") from None

    def _rows(self, stream) -> Iterator[Document | Skipped]:
        reader = csv.reader(stream)
        try:
            header = [column.strip().lower() for column in next(reader)]
        except StopIteration:
            raise CorpusError(f"{self.name}: empty file") from None
        text_column = next((c for c in _TEXT_COLUMNS if c in header), None)
        if text_column is None:
            raise CorpusError(
                f"{self.name}: no text column (one of {', '.join(_TEXT_COLUMNS)}) in the header"
            )
        id_column = next((c for c in _ID_COLUMNS if c in header), None)
        seen: set[str] = set()
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Skipped(f"{self.name}:{reader.line_num}", f"unreadable row ({exc})")
                continue
            if not any(cell.strip() for cell in cells):
                continue
            where = f"{self.name}:{reader.line_num}"
            if len(cells) != len(header):
                yield Skipped(where, f"{len(cells)} fields, the header has {len(header)}")
                continue
            row = dict(zip(header, cells, strict=True))
            doc_id = self._doc_id(row, id_column, reader.line_num)
            if not _DOC_ID_RE.match(doc_id) or ".." in doc_id:
                yield Skipped(where, f"unsafe id {doc_id!r}")
                continue
            if doc_id in seen:
                yield Skipped(where, f"duplicate id {doc_id!r}")
                continue
            seen.add(doc_id)
            meta = {k: v.strip() for k, v in row.items() if k not in (text_column, id_column) and v.strip()}
            digest = content_hash("\x1f".join(cells).encode("utf-8"))
            try:
                yield build_document(
                    doc_id, meta, row[text_column], path=where, digest=digest, title=meta.get("title", "")
                )
            except CorpusError as exc:
                yield Skipped(where, str(exc).removeprefix(f"{where}: "))

    def _doc_id(self, row: dict[str, str], id_column: str | None, line: int) -> str:
        """The row's own id, else one from its URL, else its line: `<file id>/<...>`."""
        if id_column and row[id_column].strip():
            return row[id_column].strip()
        if url := row.get("url", "").strip():
            return f"{self.doc_id}/{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}"
        return f"{self.doc_id}/{line}"
