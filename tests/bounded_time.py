"""Run a piece of code in a child process limited in CPU time: a test of "this no longer takes
quadratic time" fails quickly instead of running for minutes. The bound is on the child's CPU
seconds (RLIMIT_CPU), not the wall clock, so a machine loaded by other work does not fail it;
a wall-clock backstop of ten times the bound stops a child that waits instead of computing."""

from __future__ import annotations

import resource
import subprocess
import sys


def finishes_within(seconds: int, code: str) -> bool:
    """Whether `code` (run by a fresh Python in this checkout) ends, successfully, within
    `seconds` of CPU time."""

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    try:
        done = subprocess.run(
            [sys.executable, "-c", code], timeout=10 * seconds, capture_output=True, text=True,
            preexec_fn=limit_cpu,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return False
    if done.returncode < 0:  # killed by SIGXCPU (or SIGKILL at the hard limit): over the bound
        return False
    assert done.returncode == 0, done.stderr
    return True
