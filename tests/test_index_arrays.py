"""The index arrays: an incremental update equals a fresh build, and saved blobs read back."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from retrieval.index_arrays import IndexData, IndexDataError
from retrieval.scoring import BM25Scorer

WORDS = [f"w{i}" for i in range(60)]


def random_rows(rng: random.Random, pids: list[int], docs: int = 8):
    rows = []
    for pid in pids:
        terms = rng.choices(WORDS[: rng.randint(3, 60)], k=rng.randint(0, 14))
        start = rng.randint(0, 500)
        rows.append((pid, f"doc{rng.randrange(docs)}", pid % 7, start, start + 40, terms))
    return rows


def postings_by_term(data: IndexData) -> dict[str, list[tuple[int, int]]]:
    """term -> [(pid, tf)], independent of term ids and positions."""
    p, pids = data.postings, data.passages.pids
    out = {}
    for term, i in data.vocabulary.items():
        where = slice(p.offsets[i], p.offsets[i + 1])
        if p.offsets[i + 1] > p.offsets[i]:
            out[term] = list(zip(pids[p.positions[where]].tolist(), p.freqs[where].tolist(), strict=True))
    return out


def table(data: IndexData) -> list[tuple]:
    return [(s.pid, s.doc_id, s.ordinal, s.start, s.end) for s in data.passages]


def assert_same_index(got: IndexData, expected: IndexData) -> None:
    assert table(got) == table(expected)
    assert postings_by_term(got) == postings_by_term(expected)
    np.testing.assert_array_equal(got.postings.lengths, expected.postings.lengths)
    p = got.postings  # positions ascend within every list
    for i in range(len(got.terms)):
        assert np.all(np.diff(p.positions[p.offsets[i] : p.offsets[i + 1]]) > 0)


@pytest.mark.parametrize("seed", range(12))
def test_update_equals_fresh_build(seed):
    rng = random.Random(seed)
    rows = random_rows(rng, list(range(1, rng.randint(2, 40))))
    data = IndexData.build(rows)
    for _ in range(4):
        removed = [r[0] for r in rows if rng.random() < 0.3]
        next_pid = max([r[0] for r in rows], default=0) + 1
        added = random_rows(rng, list(range(next_pid, next_pid + rng.randint(0, 6))))
        rows = [r for r in rows if r[0] not in removed] + added
        data = data.updated(np.array(removed, np.int64), added)
        assert_same_index(data, IndexData.build(rows))
        corpus = [list(r[5]) for r in rows]
        if any(corpus):
            query = rng.sample(WORDS, 4)
            scores = BM25Scorer(data.postings, data.vocabulary).get_scores(query)
            np.testing.assert_allclose(scores, BM25Okapi(corpus).get_scores(query), rtol=0, atol=1e-9)


def test_added_pids_below_kept_ones_are_put_in_pid_order():
    rng = random.Random(3)
    rows = random_rows(rng, [10, 20, 30])
    added = random_rows(rng, [15, 25])
    data = IndexData.build(rows).updated(np.array([20], np.int64), added)
    expected = sorted([r for r in rows if r[0] != 20] + added)
    assert_same_index(data, IndexData.build(expected))


def test_blobs_round_trip_and_reject_another_format():
    rows = random_rows(random.Random(5), list(range(1, 30)))
    data = IndexData.build(rows)
    again = IndexData.from_blobs(data.to_blobs())
    assert_same_index(again, data)
    assert again.terms == data.terms
    blobs = data.to_blobs()
    blobs["format"] = b'{"format": 999, "terms": 0}'
    with pytest.raises(IndexDataError):
        IndexData.from_blobs(blobs)
    with pytest.raises(IndexDataError):
        IndexData.from_blobs({k: v for k, v in data.to_blobs().items() if k != "positions"})


def test_empty_index():
    data = IndexData.build([])
    assert len(data.passages) == 0
    assert len(IndexData.from_blobs(data.to_blobs()).passages) == 0
    grown = data.updated(np.zeros(0, np.int64), [(1, "d", 0, 0, 5, ["a", "b", "a"])])
    assert postings_by_term(grown) == {"a": [(1, 2)], "b": [(1, 1)]}


def test_rows_with_terms_as_stored_strings_give_the_same_index():
    rows = random_rows(random.Random(8), list(range(1, 50)))
    as_text = [(*row[:5], " ".join(row[5])) for row in rows]
    assert_same_index(IndexData.build(as_text), IndexData.build(rows))
    assert IndexData.build(as_text).terms == IndexData.build(rows).terms
    base = IndexData.build(rows[:30])
    assert_same_index(base.updated(np.zeros(0, np.int64), as_text[30:]), IndexData.build(rows))
