"""Where corpusbot keeps its database and finds its corpus when not told."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """`CORPUSBOT_DB`, else a per-user data file (XDG_DATA_HOME, default ~/.local/share)."""
    if configured := os.environ.get("CORPUSBOT_DB"):
        return Path(configured).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "corpusbot" / "corpusbot.sqlite3"


def configured_corpus(explicit: str | None) -> Path | None:
    """The corpus given by flag or `CORPUSBOT_CORPUS`; None lets the store's own corpus apply."""
    chosen = explicit or os.environ.get("CORPUSBOT_CORPUS")
    return Path(chosen).expanduser().resolve() if chosen else None
