"""Words filed under keys (consonant skeletons), saved as two blobs of lines and read back by
splitting them: the name index (English names) and the spelling index (Arabizi readings) are
such tables over every word of the corpus, too slow to build at each start at 20,000 articles."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import numpy as np


class FiledWords:
    """Key -> words, from a mapping (built) or from `to_blobs` output (saved)."""

    def __init__(self, keys: Sequence[str], words: Sequence[str]):
        """`keys` sorted; `words[i]` the space-separated words filed under `keys[i]`."""
        if len(keys) != len(words):
            raise ValueError("filed words are inconsistent: keys and word lists differ in number")
        self._keys, self._words = keys, words

    @classmethod
    def of(cls, filed: Mapping[str, Sequence[str] | set[str]]) -> FiledWords:
        keys = sorted(filed)
        return cls(keys, [" ".join(sorted(filed[key])) for key in keys])

    @classmethod
    def from_blobs(cls, keys: bytes, words: bytes) -> FiledWords:
        return cls(keys.decode("utf-8").split("\n"), Lines(words))

    def to_blobs(self) -> tuple[bytes, bytes]:
        return "\n".join(self._keys).encode("utf-8"), "\n".join(self._words).encode("utf-8")

    def get(self, key: str) -> list[str]:
        at = bisect.bisect_left(self._keys, key)
        return self._words[at].split(" ") if at < len(self._keys) and self._keys[at] == key else []


class Lines(Sequence[str]):
    """The lines of a UTF-8 blob (`blob.decode().split("\\n")`), each decoded when read: a
    question looks up a few of the name table's lines, and decoding and splitting all 9 MB of
    them took the first English answer 0.08 s at 20,000 articles. (No UTF-8 sequence holds a
    newline byte, so the lines are the same.)"""

    def __init__(self, blob: bytes):
        self._blob = blob
        ends = np.flatnonzero(np.frombuffer(blob, np.uint8) == ord("\n"))
        self._starts = np.concatenate(([0], ends + 1))
        self._ends = np.append(ends, len(blob))

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        return self._blob[int(self._starts[i]) : int(self._ends[i])].decode("utf-8")
