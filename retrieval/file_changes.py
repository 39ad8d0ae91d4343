"""Which corpus files a refresh must look at: one pure function, shared by the refresh itself
and by `corpusbot doctor`'s freshness check, so the two can never disagree.

A file whose size and modification time match the store is taken as unchanged without reading
it; one whose stamp differs is only *touched*: its content hash decides whether it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol


class FileStamp(NamedTuple):
    """What is compared before reading a file."""

    size: int
    mtime_ns: int


class Stamped(Protocol):
    """A file's stamp as the store keeps it (FileState has it too)."""

    size: int
    mtime_ns: int


def file_stamp(path: Path) -> FileStamp:
    """`path`'s size and modification time (OSError when it cannot be read)."""
    stat = path.stat()
    return FileStamp(stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class FileChanges:
    """Corpus files against the store, each list in the order given (removed: sorted)."""

    to_read: list[str] = field(default_factory=list)  # new or touched, in corpus order
    new: list[str] = field(default_factory=list)  # not in the store
    touched: list[str] = field(default_factory=list)  # size or mtime differ: read and hash them
    unchanged: list[str] = field(default_factory=list)  # same stamp: not read at all
    removed: list[str] = field(default_factory=list)  # in the store, no longer in the corpus


def file_changes(
    present: Mapping[str, FileStamp | None],
    known: Mapping[str, Stamped],
    also_stored: Iterable[str] = (),
    hidden: Callable[[str], bool] = lambda name: False,
) -> FileChanges:
    """Compare the corpus's files (`present`: name -> stamp, None when it could not be read)
    with the stamps the store `known`s; `also_stored` names more files the store holds
    documents of (their stamps forgotten, e.g. before a re-analysis). A stored file that is
    `hidden` (in a folder that could not be read) is not taken as removed."""
    stored = set(known) | set(also_stored)
    changes = FileChanges(removed=sorted(n for n in stored - set(present) if not hidden(n)))
    for name, stamp in present.items():
        old = known.get(name)
        if stamp is None:
            continue
        if old and (old.size, old.mtime_ns) == (stamp.size, stamp.mtime_ns):
            changes.unchanged.append(name)
            continue
        changes.to_read.append(name)
        (changes.touched if old else changes.new).append(name)
    return changes
