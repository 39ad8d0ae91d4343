"""Run a piece of code in a child process that is killed past a time bound: a test of "this
no longer takes quadratic time" fails quickly instead of running for minutes."""

from __future__ import annotations

import subprocess
import sys


def finishes_within(seconds: float, code: str) -> bool:
    """Whether `code` (run by a fresh Python in this checkout) ends, successfully, in time."""
    try:
        done = subprocess.run([sys.executable, "-c", code], timeout=seconds, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return False
    assert done.returncode == 0, done.stderr
    return True
