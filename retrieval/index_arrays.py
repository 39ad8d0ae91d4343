"""The search index's arrays: term vocabulary, postings and the passage table.

Built once from the store's passage terms, then updated from what changed (removed and added
passages; nothing is re-tokenized), and saved in the store as blobs so that start-up loads
arrays instead of rebuilding them from text.
"""

from __future__ import annotations

import io
import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import overload

import numpy as np

from retrieval.scoring import Postings, postings_from_pairs
from retrieval.store_corpus import StoredPassage

# Version of the saved layout below; a saved index of another version is rebuilt.
FORMAT = 1

# (pid, doc_id, ordinal, start, end, terms) as the store's passages table holds a passage; terms
# is a list, or a str of space-separated terms as the store keeps them (terms have no spaces).
PassageRow = tuple[int, str, int, int, int, str | Sequence[str]]


class IndexDataError(ValueError):
    """Saved index blobs that cannot be read (another format, truncated)."""


class PassageTable(Sequence[StoredPassage]):
    """The passages in position order, as columns; items are StoredPassage records without
    their terms (those live in the postings: see SearchIndex.hits)."""

    def __init__(
        self,
        pids: np.ndarray,
        doc_index: np.ndarray,
        ordinals: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        doc_ids: list[str],
    ):
        self.pids, self.doc_index, self.ordinals = pids, doc_index, ordinals
        self.starts, self.ends, self.doc_ids = starts, ends, doc_ids
        # Answering looks the same few hundred passages up again and again. The cache holds the
        # columns, not the table: no cycle, so a replaced index is freed as soon as it is dropped
        # (the bot keeps the collector out of its long-lived objects: bot/heap.py).
        self._record = lru_cache(maxsize=1 << 14)(
            partial(_make_record, (pids, doc_index, ordinals, starts, ends, doc_ids))
        )

    def __len__(self) -> int:
        return len(self.pids)

    @overload
    def __getitem__(self, position: int) -> StoredPassage: ...
    @overload
    def __getitem__(self, position: slice) -> list[StoredPassage]: ...
    def __getitem__(self, position: int | slice) -> StoredPassage | list[StoredPassage]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._record(position)

    def __iter__(self) -> Iterator[StoredPassage]:
        return (self[i] for i in range(len(self)))

    def permuted(self, order: np.ndarray) -> PassageTable:
        c = (self.pids, self.doc_index, self.ordinals, self.starts, self.ends)
        return PassageTable(*(column[order] for column in c), self.doc_ids)


def _make_record(columns: tuple, position: int) -> StoredPassage:
    """The record at `position` of the table's columns (pids, doc index, ordinals, starts,
    ends, doc ids)."""
    pids, doc_index, ordinals, starts, ends, doc_ids = columns
    return StoredPassage(
        int(pids[position]),
        doc_ids[doc_index[position]],
        int(ordinals[position]),
        int(starts[position]),
        int(ends[position]),
        [],
    )


@dataclass(frozen=True)
class IndexData:
    """Everything the scorer and the passage lookups need, as arrays; immutable."""

    terms: list[str]  # term id -> term
    vocabulary: dict[str, int]  # term -> term id
    postings: Postings
    passages: PassageTable
    # The store's signature of every document these arrays were built from (see
    # StoreSnapshot.document_signatures): what tells a saved index which documents changed.
    signatures: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[PassageRow]) -> IndexData:
        """From passage rows in position (pid) order. Term ids follow first appearance, the order
        in which rank_bm25 meets the terms."""
        vocabulary: dict[str, int] = {}
        columns = _Columns()
        ids = array("i")
        for pid, doc_id, ordinal, start, end, terms in rows:
            if isinstance(terms, str):
                terms = terms.split()
            columns.add(pid, doc_id, ordinal, start, end, len(terms))
            ids.extend([vocabulary.setdefault(t, len(vocabulary)) for t in terms])
        lengths = columns.array("lengths", np.int32)
        passage_ids = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        term_ids = np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, np.int32)
        postings = postings_from_pairs(term_ids, passage_ids, lengths, len(vocabulary))
        del ids, term_ids, passage_ids
        return cls(list(vocabulary), vocabulary, postings, columns.table())

    @classmethod
    def from_passages(cls, passages: Iterable[StoredPassage]) -> IndexData:
        return cls.build((p.pid, p.doc_id, p.ordinal, p.start, p.end, p.terms) for p in passages)

    def updated(self, removed_pids: np.ndarray, added: list[PassageRow]) -> IndexData:
        """This index without the passages `removed_pids` and with the `added` rows (pid order).
        Postings of untouched passages are moved, not rebuilt: cost is a few passes over arrays."""
        old = self.passages
        keep = ~np.isin(old.pids, removed_pids) if len(removed_pids) else np.ones(len(old), bool)
        vocabulary = dict(self.vocabulary)
        terms = list(self.terms)
        columns = _Columns(old, keep)
        ids = array("i")
        for pid, doc_id, ordinal, start, end, row_terms in added:
            if isinstance(row_terms, str):
                row_terms = row_terms.split()
            columns.add(pid, doc_id, ordinal, start, end, len(row_terms))
            ids.extend([_term_id(vocabulary, terms, t) for t in row_terms])
        table = columns.table()
        kept = int(keep.sum())
        lengths = np.concatenate([self.postings.lengths[keep], columns.array("lengths", np.int32)])
        added_ids = _ints(ids)
        added_positions = kept + np.repeat(
            np.arange(len(added), dtype=np.int64), lengths[kept:].astype(np.int64)
        )
        p = self.postings
        old_terms = np.repeat(np.arange(len(self.terms), dtype=np.int64), p.doc_freqs())
        survives = keep[p.positions]
        new_position = np.cumsum(keep) - 1
        kept_terms = old_terms[survives]
        kept_positions = new_position[p.positions[survives]]
        kept_freqs = p.freqs[survives]
        if kept and len(added) and int(table.pids[kept - 1]) > int(table.pids[kept]):
            # Added pids interleave with kept ones: rebuild the lists from (term, passage) pairs.
            order = np.argsort(table.pids, kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            pairs_terms = np.concatenate([np.repeat(kept_terms, kept_freqs.astype(np.int64)), added_ids])
            pairs_positions = rank[
                np.concatenate([np.repeat(kept_positions, kept_freqs.astype(np.int64)), added_positions])
            ]
            postings = postings_from_pairs(pairs_terms, pairs_positions, lengths[order], len(terms))
            return IndexData(terms, vocabulary, postings, table.permuted(order))
        fresh = postings_from_pairs(
            added_ids, added_positions - kept, lengths[kept:], len(terms)
        )  # positions relative to the first added passage
        postings = _merge(kept_terms, kept_positions, kept_freqs, fresh, kept, len(terms), lengths)
        return IndexData(terms, vocabulary, postings, table)

    def to_blobs(self) -> dict[str, bytes | memoryview]:
        """Named byte strings that `from_blobs` reads back (array blobs are views, not copies)."""
        t, p = self.passages, self.postings
        arrays = {
            "offsets": p.offsets,
            "positions": p.positions,
            "freqs": p.freqs,
            "lengths": p.lengths,
            "pids": t.pids,
            "doc_index": t.doc_index,
            "ordinals": t.ordinals,
            "starts": t.starts,
            "ends": t.ends,
        }
        blobs = {name: _npy(values) for name, values in arrays.items()}
        blobs["terms"] = "\n".join(self.terms).encode("utf-8")
        blobs["doc_ids"] = "\n".join(t.doc_ids).encode("utf-8")
        blobs["signatures"] = json.dumps(self.signatures, ensure_ascii=False).encode("utf-8")
        blobs["format"] = json.dumps({"format": FORMAT, "terms": len(self.terms)}).encode()
        return blobs

    @classmethod
    def from_blobs(cls, blobs: dict[str, bytes]) -> IndexData:
        try:
            header = json.loads(blobs["format"])
            if header.get("format") != FORMAT:
                raise IndexDataError(f"saved index format {header.get('format')}, expected {FORMAT}")
            a = {name: np.load(io.BytesIO(blobs[name]), allow_pickle=False) for name in _ARRAYS}
            terms = _lines(blobs["terms"])
            doc_ids = _lines(blobs["doc_ids"])
            signatures = json.loads(blobs["signatures"])
        except (KeyError, ValueError, OSError) as exc:
            raise IndexDataError(f"saved index unreadable: {exc}") from None
        if len(terms) != header["terms"] or len(a["offsets"]) != len(terms) + 1:
            raise IndexDataError("saved index is inconsistent (term counts differ)")
        postings = Postings(a["offsets"], a["positions"], a["freqs"], a["lengths"])
        table = PassageTable(a["pids"], a["doc_index"], a["ordinals"], a["starts"], a["ends"], doc_ids)
        return cls(terms, {t: i for i, t in enumerate(terms)}, postings, table, signatures)


_ARRAYS = ("offsets", "positions", "freqs", "lengths", "pids", "doc_index", "ordinals", "starts", "ends")


def _npy(values: np.ndarray) -> memoryview:
    out = io.BytesIO()
    np.save(out, values, allow_pickle=False)
    return out.getbuffer()


def _lines(blob: bytes) -> list[str]:
    return blob.decode("utf-8").split("\n") if blob else []


def _ints(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int32).astype(np.int64) if values else np.zeros(0, np.int64)


def _term_id(vocabulary: dict[str, int], terms: list[str], term: str) -> int:
    found = vocabulary.get(term)
    if found is None:
        found = vocabulary[term] = len(terms)
        terms.append(term)
    return found


def _merge(
    kept_terms: np.ndarray,
    kept_positions: np.ndarray,
    kept_freqs: np.ndarray,
    fresh: Postings,
    kept: int,
    n_terms: int,
    lengths: np.ndarray,
) -> Postings:
    """Kept postings (term-major, ascending positions) followed, within each term, by the
    postings of passages added after them."""
    kept_df = np.bincount(kept_terms, minlength=n_terms)
    fresh_df = fresh.doc_freqs()
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(kept_df + fresh_df, out=offsets[1:])
    kept_start = np.zeros(n_terms + 1, np.int64)
    np.cumsum(kept_df, out=kept_start[1:])
    total = int(offsets[-1])
    positions = np.empty(total, np.int32)
    freq_type = np.result_type(kept_freqs.dtype, fresh.freqs.dtype)
    freqs = np.empty(total, freq_type)
    where = offsets[kept_terms] + (np.arange(kept_terms.size) - kept_start[kept_terms])
    positions[where] = kept_positions
    freqs[where] = kept_freqs
    fresh_terms = np.repeat(np.arange(n_terms, dtype=np.int64), fresh_df)
    rank = np.arange(fresh_terms.size) - fresh.offsets[fresh_terms]
    where = offsets[fresh_terms] + kept_df[fresh_terms] + rank
    positions[where] = fresh.positions.astype(np.int64) + kept
    freqs[where] = fresh.freqs
    return Postings(offsets, positions, freqs, lengths.astype(np.int32))


class _Columns:
    """The passage table's columns as they are appended to (after the kept rows of `base`)."""

    def __init__(self, base: PassageTable | None = None, keep: np.ndarray | None = None):
        self.doc_ids: list[str] = []
        self._doc_number: dict[str, int] = {}
        self.base = base
        self.keep = keep
        self.rows: dict[str, array] = {
            name: array("q") for name in ("pids", "doc_index", "ordinals", "starts", "ends", "lengths")
        }
        if base is not None and keep is not None:
            used = np.unique(base.doc_index[keep])
            for number in used.tolist():
                self._doc(base.doc_ids[number])
            remap = np.full(len(base.doc_ids), -1, np.int64)
            remap[used] = np.arange(len(used))
            self._base_doc_index = remap[base.doc_index[keep]]

    def _doc(self, doc_id: str) -> int:
        number = self._doc_number.get(doc_id)
        if number is None:
            number = self._doc_number[doc_id] = len(self.doc_ids)
            self.doc_ids.append(doc_id)
        return number

    def add(self, pid: int, doc_id: str, ordinal: int, start: int, end: int, length: int) -> None:
        r = self.rows
        r["pids"].append(pid)
        r["doc_index"].append(self._doc(doc_id))
        r["ordinals"].append(ordinal)
        r["starts"].append(start)
        r["ends"].append(end)
        r["lengths"].append(length)

    def array(self, name: str, dtype: type) -> np.ndarray:
        values = self.rows[name]
        return np.frombuffer(values, dtype=np.int64).astype(dtype) if values else np.zeros(0, dtype)

    def table(self) -> PassageTable:
        def column(name: str, dtype: type, base: np.ndarray | None) -> np.ndarray:
            new = self.array(name, dtype)
            return np.concatenate([base.astype(dtype), new]) if base is not None else new

        b, k = self.base, self.keep
        return PassageTable(
            column("pids", np.int64, b.pids[k] if b is not None else None),
            column("doc_index", np.int32, self._base_doc_index if b is not None else None),
            column("ordinals", np.int32, b.ordinals[k] if b is not None else None),
            column("starts", np.int32, b.starts[k] if b is not None else None),
            column("ends", np.int32, b.ends[k] if b is not None else None),
            self.doc_ids,
        )
