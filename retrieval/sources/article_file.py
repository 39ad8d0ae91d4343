"""A plain article file (`.txt`, `.md`, with optional front matter) as a Source of one document."""

from __future__ import annotations

from collections.abc import Iterator

from retrieval.documents import MAX_FILE_BYTES, Document, Skipped, article_document
from retrieval.sources.base import CorpusFile


class ArticleFile(CorpusFile):
    """A `.txt`/`.md` file in the corpus; its doc id is its path without the extension."""

    max_bytes = MAX_FILE_BYTES

    def documents(self) -> Iterator[Document | Skipped]:
        yield article_document(self.read_bytes(), self.name, self.doc_id)
