"""Read Debian's English→Arabic FreeDict dictionary (package `dict-freedict-eng-ara`) from where
the package installs it. The data is GPL: it is read at run time, never copied into this repo."""

from __future__ import annotations

import gzip
import logging
import os
import re
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

DEBIAN_PACKAGE = "dict-freedict-eng-ara"
# CORPUSBOT_FREEDICT_DIR points at another dictd folder (e.g. a copy unpacked without root).
DICTD_DIRS = (Path("/usr/share/dictd"), Path("/usr/local/share/dictd"))
_NAME = "freedict-eng-ara"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SPLIT_RE = re.compile(r"\s*[،,;؛]\s*")
# Glosses that explain rather than translate ("آي - الحرف الأول ...") are cut at the dash.
_GLOSS_RE = re.compile(r"\s+[-–]\s+.*$")


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def dictionary_files() -> tuple[Path, Path] | None:
    """The (index, data) files of the installed dictionary, or None when it is not installed."""
    dirs = [Path(os.environ["CORPUSBOT_FREEDICT_DIR"])] if os.environ.get("CORPUSBOT_FREEDICT_DIR") else []
    for folder in [*dirs, *DICTD_DIRS]:
        index = folder / f"{_NAME}.index"
        for data in (folder / f"{_NAME}.dict.dz", folder / f"{_NAME}.dict"):
            if index.is_file() and data.is_file():
                return index, data
    return None


def parse_entry(entry: str) -> list[str]:
    """Arabic translations in one dictd entry: a headword line, then lines of translations."""
    translations = []
    for line in entry.strip().splitlines()[1:]:
        for part in _SPLIT_RE.split(_GLOSS_RE.sub("", line.strip())):
            if part and any("\u0621" <= ch <= "\u064a" for ch in part):
                translations.append(part)
    return translations


def _index_fields(line: str) -> list[str] | None:
    """A dictd index line's headword, offset and length; None for other lines."""
    fields = line.rstrip("\r").split("\t")
    if len(fields) != 3 or fields[0].startswith("00database"):
        return None
    return fields


# Searches of the index text after which it is read whole: reading it costs about what this
# many searches do (0.08 s against 0.8 ms a search, installed dictionary), so a cold `ask`
# searches and a running bot soon answers new English words from a table.
SEARCHES_BEFORE_READING_WHOLE = 100


class Dictionary(Mapping[str, tuple[str, ...]]):
    """Headword (lower case) → Arabic translations. A headword's index lines are found in the
    index text and its entries decoded when it is first looked up: parsing all 87k index lines
    cost 0.11 s of CPU of a cold English `ask` (parsing every entry most of a second), which
    looks up a dozen words; iterating, or SEARCHES_BEFORE_READING_WHOLE lookups, read every line."""

    def __init__(self, data: bytes, index: str):
        self._data = data
        self._index = index
        self._entries: dict[str, tuple[str, ...]] = {}
        self._every_line: dict[str, list[tuple[str, str]]] | None = None
        self._searches = 0

    def __getitem__(self, word: str) -> tuple[str, ...]:
        found = self._entries.get(word)
        if found is None:
            entries = [self._entry(at, size) for at, size in self._spans_of(word)]
            found = tuple(dict.fromkeys(t for entry in entries for t in parse_entry(entry)))
            self._entries[word] = found
        if not found:
            raise KeyError(word)
        return found

    def _spans_of(self, word: str) -> list[tuple[str, str]]:
        """Where `word`'s entries are: the index lines whose headword in lower case is `word`."""
        self._searches += 1
        if (
            self._every_line is not None
            or self._searches > SEARCHES_BEFORE_READING_WHOLE
            or self._lowered is None
            or "\n" in word
            or "\t" in word
        ):
            return self._spans().get(word, [])  # once read whole, a dict lookup
        lowered, spans, needle = self._lowered, [], f"\n{word}\t"
        at = lowered.find(needle)
        while at >= 0:  # `at` is where the line starts in the index (lowered has one more "\n")
            end = self._index.find("\n", at)
            fields = _index_fields(self._index[at : end if end >= 0 else len(self._index)])
            if fields is not None:
                spans.append((fields[1], fields[2]))
            at = lowered.find(needle, at + 1)
        return spans

    @cached_property
    def _lowered(self) -> str | None:
        """The index in lower case after a line break, to find a headword's lines in; None when
        lower case changes the text's length (its positions would not be the index's)."""
        lowered = "\n" + self._index.lower()
        return lowered if len(lowered) == len(self._index) + 1 else None

    def _spans(self) -> dict[str, list[tuple[str, str]]]:
        """Every headword's entries, from every index line (read once)."""
        if self._every_line is None:
            spans: dict[str, list[tuple[str, str]]] = {}
            for line in self._index.split("\n"):
                fields = _index_fields(line)
                if fields is not None:
                    spans.setdefault(fields[0].lower(), []).append((fields[1], fields[2]))
            self._every_line = spans
        return self._every_line

    def _entry(self, offset: str, length: str) -> str:
        start = _b64(offset)
        return self._data[start : start + _b64(length)].decode("utf-8", errors="replace")

    def __iter__(self) -> Iterator[str]:
        return (word for word in self._spans() if word in self)

    def __len__(self) -> int:
        return len(self._spans())  # headwords; a few may have no Arabic translation


def read_dictionary(index_path: Path, data_path: Path) -> Dictionary:
    """The dictionary in dictd index and (gzipped) data files."""
    opener = gzip.open if data_path.suffix == ".dz" else open
    with opener(data_path, "rb") as handle:
        data = handle.read()
    return Dictionary(data, index_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_dictionary() -> Mapping[str, tuple[str, ...]]:
    """The installed dictionary, read once per process; empty (logged once) when not installed."""
    files = dictionary_files()
    if files is None:
        log.warning(
            "English questions: the English-Arabic dictionary is not installed "
            "(apt-get install %s); using the built-in lexicon and names only",
            DEBIAN_PACKAGE,
        )
        return {}
    try:
        return read_dictionary(*files)
    except (OSError, ValueError, EOFError) as exc:
        log.warning("English questions: cannot read %s (%s)", files[0].parent, exc)
        return {}
