"""Progress of long work on stderr: a bar redrawn in place on a terminal; elsewhere (a log file,
a pipe, systemd's journal) a line every few seconds, so a long first build is seen to move, and
one when it ends (unless it was quick)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

# progress(done, total): called as work is done (files read, passages embedded).
Progress = Callable[[int, int], None]

BAR_WIDTH = 30
LINE_EVERY_SECONDS = 5.0
QUICK_SECONDS = 1.0  # off a terminal, work done within this is not reported


class StderrProgress:
    """A `progress(done, total)` callback for one kind of work, e.g. "embedding passages".
    One job at a time: its clock starts at the first call and stops when done reaches total."""

    def __init__(self, label: str, unit: str = ""):
        self.label = label
        self.unit = f" {unit}" if unit else ""
        self._started: float | None = None
        self._last_line = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._started is None:
            self._started = self._last_line = now
        finished = done >= total
        if sys.stderr.isatty():
            filled = BAR_WIDTH * done // max(total, 1)
            bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}]"
            end = "\n" if finished else ""
            print(f"\r{self.label} {bar} {done}/{total}{self.unit}", end=end, file=sys.stderr, flush=True)
        elif now - self._last_line >= LINE_EVERY_SECONDS or (
            finished and now - self._started >= QUICK_SECONDS
        ):
            self._last_line = now
            took = f" ({now - self._started:.1f} s)" if finished else ""
            print(f"{self.label}: {done}/{total}{self.unit}{took}", file=sys.stderr, flush=True)
        if finished:
            self._started = None
