"""Read Debian's English→Arabic FreeDict dictionary (package `dict-freedict-eng-ara`) from where
the package installs it. The data is GPL: it is read at run time, never copied into this repo."""

from __future__ import annotations

import gzip
import logging
import os
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
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


class Dictionary(Mapping[str, tuple[str, ...]]):
    """Headword (lower case) → Arabic translations. Entries are decoded when first looked up:
    parsing all 87k took most of a second of the first English question, which needs a dozen."""

    def __init__(self, data: bytes, spans: dict[str, list[tuple[str, str]]]):
        """`spans`: headword -> (offset, length) of each of its entries, in dictd's base 64."""
        self._data = data
        self._spans = spans
        self._entries: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, word: str) -> tuple[str, ...]:
        found = self._entries.get(word)
        if found is None:
            found = ()
            if word in self._spans:
                entries = [self._entry(at, size) for at, size in self._spans[word]]
                found = tuple(dict.fromkeys(t for entry in entries for t in parse_entry(entry)))
            self._entries[word] = found
        if not found:
            raise KeyError(word)
        return found

    def _entry(self, offset: str, length: str) -> str:
        start = _b64(offset)
        return self._data[start : start + _b64(length)].decode("utf-8", errors="replace")

    def __iter__(self) -> Iterator[str]:
        return (word for word in self._spans if word in self)

    def __len__(self) -> int:
        return len(self._spans)  # headwords; a few may have no Arabic translation


def read_dictionary(index_path: Path, data_path: Path) -> Dictionary:
    """The dictionary in dictd index and (gzipped) data files."""
    opener = gzip.open if data_path.suffix == ".dz" else open
    with opener(data_path, "rb") as handle:
        data = handle.read()
    spans: dict[str, list[tuple[str, str]]] = {}
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        word, offset, length = parts
        spans.setdefault(word.lower(), []).append((offset, length))
    return Dictionary(data, spans)


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
