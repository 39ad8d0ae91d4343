"""What answering reads: the BM25 index and, once vectors cover its passages, the dense index
aligned with it. The engine composes the two and swaps the pair as one, so an answer never
sees the vectors of one index beside the passages of another."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.dense_index import DenseIndex
from retrieval.index import SearchIndex


@dataclass(frozen=True)
class Indexes:
    search: SearchIndex
    dense: DenseIndex | None = None  # None: BM25 answers alone (no model, or not embedded yet)
