"""The quick n-th highest scores give exactly what np.partition gives over every passage's
score (the reference), on random arrays with ties, zeros and negative scores."""

import numpy as np
import pytest

from retrieval.dense_index import DenseIndex
from retrieval.order_stats import nth_highest, nth_highest_repeated, nth_highest_sparse


def reference(values: np.ndarray, n: int) -> float:
    n = min(n, len(values))
    return float(np.partition(values, -n)[-n])


def random_scores(rng: np.random.Generator, size: int) -> np.ndarray:
    """Mostly zeros, a few positive scores drawn from a handful of values (ties), some negative."""
    values = rng.choice([0.0, 0.0, 0.0, 1.5, 2.25, 3.0, -0.5, rng.normal()], size=size)
    return values * rng.choice([1.0, 0.0], size=size, p=[0.3, 0.7])


@pytest.mark.parametrize("seed", range(200))
def test_nth_highest_sparse_equals_partitioning_every_score(seed):
    rng = np.random.default_rng(seed)
    values = random_scores(rng, int(rng.integers(1, 40)))
    for n in range(1, len(values) + 3):
        assert nth_highest_sparse(values, n) == reference(values, n), (values.tolist(), n)
        assert nth_highest(values, n) == reference(values, n)


@pytest.mark.parametrize("seed", range(200))
def test_nth_highest_repeated_equals_partitioning_the_repeated_scores(seed):
    rng = np.random.default_rng(seed)
    runs = int(rng.integers(1, 15))
    values = rng.choice(rng.random(4).astype(np.float32), size=runs)  # ties between articles
    counts = rng.integers(1, 6, size=runs)
    expanded = np.repeat(values, counts)
    for n in range(1, len(expanded) + 3):
        assert nth_highest_repeated(values, counts, n) == reference(expanded, n), (values, counts, n)


class Embedder:
    dim = 4


@pytest.mark.parametrize("seed", range(50))
def test_dense_index_order_statistics_equal_partitioning_every_passage(seed):
    """Passages scored by their article's vector (a corpus at size) and, once some have vectors
    of their own, each by its own: the n-th best passage and the runner-up article are those
    np.partition finds."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, 5, size=int(rng.integers(1, 12)))
    doc_rows = np.repeat(np.arange(len(counts)), counts)
    article_scores = rng.choice(rng.random(3), size=len(counts))
    scores = article_scores[doc_rows]
    none = np.zeros(0, np.int64)
    at_size = DenseIndex(Embedder(), np.zeros((len(counts), 4)), doc_rows, none, np.zeros((0, 4)))
    some = np.sort(rng.choice(len(doc_rows), size=max(1, len(doc_rows) // 2), replace=False))
    mixed = scores.copy()
    mixed[some] = rng.random(len(some))
    partly = DenseIndex(Embedder(), np.zeros((len(counts), 4)), doc_rows, some, np.zeros((len(some), 4)))
    for n in range(1, len(doc_rows) + 2):
        assert at_size.nth_best(scores, n) == reference(scores, n)
        assert partly.nth_best(mixed, n) == reference(mixed, n)
        assert at_size.runner_up(scores, n) == reference(article_scores, n)
        best_per_article = np.maximum.reduceat(mixed, np.flatnonzero(np.diff(doc_rows, prepend=-1)))
        assert partly.runner_up(mixed, n) == reference(best_per_article, n)
