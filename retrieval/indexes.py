"""What answering reads: the BM25 index, the dense index aligned with it once vectors cover its
passages, and the query resources derived from it. The engine composes them and swaps them as
one, so an answer never sees the vectors or name tables of one index beside the passages of
another."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.dense_index import DenseIndex
from retrieval.index import SearchIndex
from retrieval.query_resources import QueryResources


@dataclass(frozen=True)
class Indexes:
    search: SearchIndex
    dense: DenseIndex | None = None  # None: BM25 answers alone (no model, or not embedded yet)
    # Read from the tables saved beside the index (engine), else built from it when first used.
    resources: QueryResources = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.resources is None:
            object.__setattr__(self, "resources", QueryResources(self.search))
