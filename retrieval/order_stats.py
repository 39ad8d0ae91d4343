"""The n-th highest of a score array, exactly the value `np.partition` finds, without
partitioning every passage's score: a question's scores are mostly zero (lexical) or
repeated (an article's vector scoring all its passages), and at 113,000 passages partitioning
them all cost more than a millisecond an English question."""

from __future__ import annotations

import numpy as np


def nth_highest(values: np.ndarray, n: int) -> float:
    """The n-th highest of `values` (the lowest, when there are fewer)."""
    n = min(n, len(values))
    return float(np.partition(values, -n)[-n])


def nth_highest_sparse(values: np.ndarray, n: int) -> float:
    """`nth_highest`, from the nonzero values only (they are few)."""
    n = min(n, len(values))
    if n < 1:
        return nth_highest(values, n)
    nonzero = values[values != 0]
    zeros = len(values) - len(nonzero)
    above = nonzero[nonzero > 0]
    if len(above) >= n:
        return nth_highest(above, n)
    if len(above) + zeros >= n:
        return 0.0
    return nth_highest(nonzero[nonzero < 0], n - len(above) - zeros)


def nth_highest_repeated(values: np.ndarray, counts: np.ndarray, n: int) -> float:
    """`nth_highest` of `values` with each repeated its `counts` times (all at least 1), from
    the n highest values: the n highest repeated ones are among them."""
    n = min(n, int(counts.sum()))
    if n < 1:
        return nth_highest(np.repeat(values, counts), n)
    top = min(n, len(values))
    best = np.argpartition(values, len(values) - top)[len(values) - top :]
    best = best[np.argsort(-values[best], kind="stable")]
    reached = np.cumsum(counts[best])
    return float(values[best[np.searchsorted(reached, n)]])
