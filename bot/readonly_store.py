"""Reading the store's file from a second process (`backup`, `doctor`) while the bot may be
running: read-only connections, which in WAL mode neither block the bot nor wait for it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


def read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(read_only_uri(path), uri=True)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


@contextlib.contextmanager
def owner_kept(path: Path) -> Iterator[None]:
    """Even a reader creates the `-wal` and `-shm` files of a WAL database when they are missing.
    Run as root (an admin checking a systemd service's store), they would be root's and lock the
    bot out: give any such new file the database file's owner."""
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    missing = [companion for companion in companions if not companion.exists()]
    try:
        yield
    finally:
        if missing and os.geteuid() == 0 and path.exists():
            owner = path.stat()
            for companion in missing:
                with contextlib.suppress(FileNotFoundError):
                    os.chown(companion, owner.st_uid, owner.st_gid)
