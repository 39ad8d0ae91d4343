"""Words filed under keys (consonant skeletons), saved as two blobs of lines and read back by
splitting them: the name index (English names) and the spelling index (Arabizi readings) are
such tables over every word of the corpus, too slow to build at each start at 20,000 articles."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence


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
        return cls(keys.decode("utf-8").split("\n"), words.decode("utf-8").split("\n"))

    def to_blobs(self) -> tuple[bytes, bytes]:
        return "\n".join(self._keys).encode("utf-8"), "\n".join(self._words).encode("utf-8")

    def get(self, key: str) -> list[str]:
        at = bisect.bisect_left(self._keys, key)
        return self._words[at].split(" ") if at < len(self._keys) and self._keys[at] == key else []
