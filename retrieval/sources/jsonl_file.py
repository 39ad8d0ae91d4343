"""A JSON Lines file (a bulk export) as a Source, read line by line with no size limit: a bad
line is skipped and reported by number, the first LISTED_BAD_LINES one by one, the rest counted."""

from __future__ import annotations

from collections.abc import Iterator

from retrieval.documents import CorpusError, Document, Skipped, jsonl_documents
from retrieval.sources.base import CorpusFile

LISTED_BAD_LINES = 100


class JsonlFile(CorpusFile):
    """A `.jsonl` file in the corpus: one document per line, each with its own doc id."""

    def documents(self) -> Iterator[Document | Skipped]:
        bad = good = 0
        with self.path.open("rb") as lines:
            for item in jsonl_documents(lines, self.name):
                if isinstance(item, Document):
                    good += 1
                    yield item
                    continue
                bad += 1
                if bad <= LISTED_BAD_LINES:
                    yield item
        if bad > LISTED_BAD_LINES:
            yield Skipped(self.name, f"{bad - LISTED_BAD_LINES} more bad lines skipped")
        if not good and not bad:
            raise CorpusError(f"{self.name}: empty file")
