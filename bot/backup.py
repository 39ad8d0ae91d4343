"""`corpusbot backup PATH`: a consistent copy of the SQLite store, taken while the bot runs.

SQLite's online backup API copies the database as of one read transaction (the store is in WAL
mode, so the bot keeps writing meanwhile). The copy is written next to its destination under a
temporary name, checked with PRAGMA integrity_check and only then moved into place, so PATH is
either a complete, verified backup or untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.readonly_store import connect_read_only, owner_kept


class BackupError(Exception):
    """The backup could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class BackupReport:
    source: Path
    target: Path
    bytes: int
    documents: int
    passages: int
    seconds: float


def backup_target(path: Path) -> Path:
    """PATH itself, or a dated file inside PATH when it is a directory (handy from cron)."""
    if path.is_dir():
        return path / f"corpusbot-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3"
    return path


def backup_store(source: Path, destination: Path, *, force: bool = False) -> BackupReport:
    """Copy the store at `source` to `destination` (see the module docstring)."""
    started = time.perf_counter()
    if not source.is_file():
        raise BackupError(f"no store at {source} (set CORPUSBOT_DB or pass --db)")
    target = backup_target(destination)
    if target.resolve() == source.resolve():
        raise BackupError("the backup cannot be the store itself")
    if target.exists() and not force:
        raise BackupError(f"{target} exists: pass --force to overwrite it")
    if not target.parent.is_dir():
        raise BackupError(f"folder not found: {target.parent}")
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        try:
            with (
                owner_kept(source),
                contextlib.closing(connect_read_only(source)) as src,
                contextlib.closing(sqlite3.connect(partial)) as dst,
            ):
                src.backup(dst)  # in one step: one consistent snapshot
        except sqlite3.Error as exc:
            raise BackupError(f"cannot back up {source}: {exc}") from None
        except OSError as exc:
            raise BackupError(f"cannot write {target}: {exc.strerror}") from None
        documents, passages = verify_copy(partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    return BackupReport(
        source, target, target.stat().st_size, documents, passages, time.perf_counter() - started
    )


def verify_copy(path: Path) -> tuple[int, int]:
    """Make a fresh copy one self-contained file (rollback journal instead of WAL: the bot
    switches it back when it opens it) and check it: (documents, passages), else BackupError."""
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode = DELETE")
            (result,) = db.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise BackupError(f"the copy fails PRAGMA integrity_check ({result}); nothing was written")
            documents, passages = db.execute(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM passages)"
            ).fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"the copy is not a usable corpusbot store ({exc}); nothing was written") from None
    return documents, passages


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be fsynced
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
