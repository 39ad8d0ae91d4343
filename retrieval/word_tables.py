"""What each process would otherwise derive from the whole corpus again, saved in the store
beside the search index: the words filed by skeleton for English names (retrieval/english/
names.py) and Arabizi readings (retrieval/spelling.py), seconds to build at 20,000 articles,
the vector keys of every passage and article (retrieval/vectors.py: the SHA-256 of
every passage text, most of dense retrieval's start-up), and the Arabic spellings of names
(retrieval/name_renderings.py: a second over the dictionary, which an Arabic question with a
word the articles lack would otherwise pay). Built when the search index changes, read back
when it does not, parsed when first used."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
import weakref
from functools import cached_property

from retrieval import vectors
from retrieval.english.names import NameIndex
from retrieval.filed_words import FiledWords
from retrieval.index import SearchIndex
from retrieval.name_renderings import arabic_names, names_signature
from retrieval.spelling import spelling_table
from retrieval.store import Store
from retrieval.store_index_blobs import NAME_BLOBS

log = logging.getLogger(__name__)
_BLOBS = (
    "names.keys",
    "names.words",
    "spelling.keys",
    "spelling.words",
    "keys.passages",
    "keys.articles",
    "arabic_names",
)
# Each index's `signature` and the names' signature it was made with: the word tables and the
# saved vectors both check it at start (12-15 ms a time at 20,000 articles); an index is immutable.
_signatures: weakref.WeakKeyDictionary[SearchIndex, tuple[str, bytes]] = weakref.WeakKeyDictionary()


class WordTables:
    """The saved tables' blobs, parsed on first use."""

    def __init__(self, blobs: dict[str, bytes]):
        self._blobs = blobs

    def _table(self, name: str) -> FiledWords:
        return FiledWords.from_blobs(self._blobs[f"{name}.keys"], self._blobs[f"{name}.words"])

    @cached_property
    def names(self) -> FiledWords:
        return self._table("names")

    @cached_property
    def spelling(self) -> FiledWords:
        return self._table("spelling")

    @cached_property
    def keys(self) -> tuple[list[str], list[str]]:
        """Vector keys of the passages (position order) and articles (`text_keys`)."""
        passages, articles = (
            self._blobs[f"keys.{part}"].decode("ascii") for part in ("passages", "articles")
        )
        return passages.split("\n") if passages else [], articles.split("\n") if articles else []

    def arabic_names_made_from(self, made_from: bytes) -> bytes | None:
        """The saved Arabic name spellings' blob, if made from `made_from` (`names_signature`)."""
        if self._blobs.get("arabic_names.signature") == made_from:
            return self._blobs.get("arabic_names")
        return None

    @cached_property
    def arabic_names(self) -> frozenset[str]:
        """`retrieval.name_renderings.arabic_names`, as saved."""
        names = self._blobs["arabic_names"].decode("utf-8")
        return frozenset(names.split("\n")) if names else frozenset()


def signature(index: SearchIndex) -> bytes:
    """What the tables were built from: the index's documents and their versions, what the
    names were made from (`names_signature`: installing the dictionary changes them), and how
    an article's vector text is made (another lead length gives other article keys)."""
    names = names_signature()
    kept = _signatures.get(index)
    if kept is not None and kept[0] == names:
        return kept[1]
    documents = sorted(index.data.signatures.items())
    made_from = [documents, names, vectors.LEAD_WORDS]
    state = json.dumps(made_from, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(state).hexdigest().encode("ascii")
    _signatures[index] = (names, digest)
    return digest


def _build(index: SearchIndex, earlier: list[WordTables]) -> dict[str, bytes]:
    """The tables of `index`. The Arabic spellings of names do not depend on the articles: they
    are taken from `earlier` tables made from the same dictionary and lexicon when there are
    such (a refresh would otherwise spend a second of CPU on them)."""
    words = index.written_words()
    blobs = {}
    for name, table in (("names", NameIndex(words).filed), ("spelling", spelling_table(words))):
        blobs[f"{name}.keys"], blobs[f"{name}.words"] = table.to_blobs()
    passages, articles = vectors.text_keys(index)
    blobs["keys.passages"], blobs["keys.articles"] = (
        "\n".join(k).encode("ascii") for k in (passages, articles)
    )
    made_from = names_signature().encode("ascii")
    kept = next(filter(None, (tables.arabic_names_made_from(made_from) for tables in earlier)), None)
    blobs["arabic_names"] = kept if kept is not None else "\n".join(sorted(arabic_names())).encode("utf-8")
    blobs["arabic_names.signature"] = made_from
    return blobs


async def word_tables(store: Store, index: SearchIndex, earlier: WordTables | None = None) -> WordTables:
    """The tables for `index`: read from the store when saved for it, else built (with what
    `earlier` tables, those of the index it replaces, still hold good) and saved."""
    wanted = signature(index)

    def read() -> dict[str, bytes]:
        with store.snapshot() as snapshot:
            return snapshot.index_blobs(NAME_BLOBS)

    saved = {name.removeprefix(NAME_BLOBS): data for name, data in (await asyncio.to_thread(read)).items()}
    if saved.get("signature") == wanted and all(name in saved for name in _BLOBS):
        return WordTables(saved)
    candidates = [WordTables(saved), *([earlier] if earlier is not None else [])]
    blobs = await asyncio.to_thread(_build, index, candidates)
    try:
        await store.save_side_blobs(
            NAME_BLOBS, {NAME_BLOBS + k: v for k, v in (blobs | {"signature": wanted}).items()}
        )
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not save the word tables: %s", exc)  # built again at the next start
    return WordTables(blobs)
