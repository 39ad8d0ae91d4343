"""BM25 scores exactly as rank_bm25's BM25Okapi computes them, over postings instead of a loop
over every passage: only passages holding a query term are touched, and with max-score pruning
most postings of common terms are not touched either.

rank_bm25 stays the reference: tests/test_scoring_comparison.py proves equal scores on random
corpora and queries. Every score returned is computed with rank_bm25's own expression, in its
order (query terms in turn, repeats included), so scores agree to the last bit and ties break
the same way (by passage position).
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# rank_bm25.BM25Okapi's defaults.
K1 = 1.5
B = 0.75
EPSILON = 0.25

# Below this many postings in all, scoring them all is as quick as deciding what to skip.
_EXHAUSTIVE_POSTINGS = 20_000
_IMPACT_BLOCK = 1 << 22
# Partial scores are summed in float32 for speed; a passage is skipped only when even this
# much more than its float32 partial score could not reach the k-th best exact score.
_PARTIAL_SLACK = 1e-5


@dataclass(frozen=True)
class Postings:
    """Inverted lists in CSR form. Term t occurs in passages positions[offsets[t]:offsets[t+1]]
    (ascending) with frequencies freqs[same slice]; lengths[p] is passage p's number of terms.
    A term with an empty list (its passages were removed) is unknown to the corpus."""

    offsets: np.ndarray  # int64, one more than the number of terms
    positions: np.ndarray  # int32
    freqs: np.ndarray  # uint16 or int32
    lengths: np.ndarray  # int32

    @property
    def passages(self) -> int:
        return len(self.lengths)

    def doc_freqs(self) -> np.ndarray:
        return np.diff(self.offsets)


def build_postings(documents: Iterable[Sequence[str]], vocabulary: dict[str, int]) -> Postings:
    """Postings of tokenized passages, in order. New terms are added to `vocabulary` (term -> id)
    in order of first appearance, as rank_bm25 meets them."""
    ids = array("i")
    lengths = array("i")
    for terms in documents:
        ids.extend([vocabulary.setdefault(t, len(vocabulary)) for t in terms])
        lengths.append(len(terms))
    term_ids = np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, np.int32)
    lengths_arr = np.frombuffer(lengths, dtype=np.int32).copy() if lengths else np.zeros(0, np.int32)
    passage_ids = np.repeat(np.arange(len(lengths_arr), dtype=np.int32), lengths_arr)
    return postings_from_pairs(term_ids, passage_ids, lengths_arr, len(vocabulary))


def postings_from_pairs(
    term_ids: np.ndarray, passage_ids: np.ndarray, lengths: np.ndarray, n_terms: int
) -> Postings:
    """Postings from one (term, passage) pair per token, in any order."""
    n = max(len(lengths), 1)
    keys = term_ids.astype(np.int64)  # one int64 array, built in place: millions of tokens
    keys *= n
    keys += passage_ids
    keys.sort()
    if keys.size:
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        counts = np.diff(np.append(starts, keys.size))
        keys = keys[starts]
    else:
        counts = np.zeros(0, np.int64)
    terms = keys // n
    offsets = np.zeros(n_terms + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=offsets[1:])
    return Postings(offsets, (keys % n).astype(np.int32), _small_ints(counts), lengths.astype(np.int32))


def _small_ints(values: np.ndarray) -> np.ndarray:
    return values.astype(np.uint16 if values.size == 0 or values.max() < 2**16 else np.int32)


class _Scratch(threading.local):
    """Per-thread accumulators the size of the corpus, zero between queries, so a query costs
    its postings and not an allocation of the whole corpus."""

    def __init__(self) -> None:
        self.size = -1
        self.partial = np.zeros(0, np.float32)
        self.exact = np.zeros(0, np.float64)

    def get(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        if self.size != size:
            self.size = size
            # Written once so the pages are real now, not faulted in during a query.
            self.partial = np.full(size, 0.0, np.float32)
            self.exact = np.full(size, 0.0, np.float64)
        return self.partial, self.exact


class BM25Scorer:
    """BM25Okapi over `postings`, term ids from `vocabulary`; immutable, safe to share between
    threads."""

    def __init__(
        self,
        postings: Postings,
        vocabulary: dict[str, int],
        *,
        k1: float = K1,
        b: float = B,
        epsilon: float = EPSILON,
    ):
        self.postings = postings
        self.vocabulary = vocabulary
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self.size = postings.passages
        self.doc_freq = postings.doc_freqs()
        total = int(postings.lengths.sum(dtype=np.int64))
        self.searchable = self.size > 0 and total > 0
        self.avgdl = total / self.size if self.searchable else 0.0
        self.idf = self._idf()
        self.average_idf = self._average_idf
        # rank_bm25's length normalisation, k1 * (1 - b + b * |d| / avgdl), per passage.
        lengths = postings.lengths.astype(np.float64)
        self._norm = k1 * (1 - b + b * lengths / self.avgdl) if self.searchable else lengths
        self._impacts, self._max_impact = self._impact_table()
        self._scratch = _Scratch()
        # Queries with at most this many postings are scored in full (tests set 0 to prune always).
        self.exhaustive_postings = _EXHAUSTIVE_POSTINGS

    def _idf(self) -> np.ndarray:
        """rank_bm25's idf, log(N - n + 0.5) - log(n + 0.5), floored at epsilon times the average
        idf where negative; 0 for a term in no passage, as rank_bm25 gives an unknown term."""
        idf = np.zeros(len(self.doc_freq), np.float64)
        self._average_idf = 0.0
        present = np.flatnonzero(self.doc_freq > 0)
        if not self.searchable or present.size == 0:
            return idf
        # math.log, as rank_bm25 uses, once per distinct document frequency.
        distinct, inverse = np.unique(self.doc_freq[present], return_inverse=True)
        n = self.size
        by_df = np.array([math.log(n - d + 0.5) - math.log(d + 0.5) for d in distinct.tolist()])
        values = by_df[inverse]
        # Summed one by one in order of first appearance, as rank_bm25 sums (cumsum is sequential).
        self._average_idf = float(np.cumsum(values)[-1]) / values.size
        values[values < 0] = self.epsilon * self._average_idf
        idf[present] = values
        return idf

    def _impact_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Each posting's tf part of the score (float32, for pruning) and each term's largest
        (float64, exact: it bounds what the term can add). Computed a block of terms at a time,
        so a large index needs no float64 copy of all its postings."""
        p = self.postings
        impacts = np.zeros(p.positions.size, np.float32)
        max_impact = np.zeros(len(self.doc_freq), np.float64)
        if not self.searchable or p.positions.size == 0:
            return impacts, max_impact
        nonempty = np.flatnonzero(self.doc_freq > 0)
        starts = p.offsets[nonempty]
        # Blocks of whole terms, about _IMPACT_BLOCK postings each.
        cuts = np.searchsorted(starts, np.arange(0, p.positions.size, _IMPACT_BLOCK), side="right") - 1
        bounds = np.unique(np.append(np.maximum(cuts, 0), nonempty.size))
        for first, last in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            lo = int(starts[first])
            hi = int(p.offsets[nonempty[last - 1] + 1])
            tf = p.freqs[lo:hi]
            block = tf * (self.k1 + 1) / (tf + self._norm[p.positions[lo:hi]])
            max_impact[nonempty[first:last]] = np.maximum.reduceat(block, starts[first:last] - lo)
            impacts[lo:hi] = block
        return impacts, max_impact

    def term_ids(self, query: Iterable[str]) -> list[int]:
        """Ids of the query's terms known to the corpus, repeats kept, unknown terms dropped."""
        get = self.vocabulary.get
        df = self.doc_freq
        return [i for i in (get(t, -1) for t in query) if i >= 0 and df[i] > 0]

    def known(self, term: str) -> bool:
        i = self.vocabulary.get(term, -1)
        return i >= 0 and bool(self.doc_freq[i] > 0)

    def document_frequency(self, term: str) -> int:
        i = self.vocabulary.get(term, -1)
        return int(self.doc_freq[i]) if i >= 0 else 0

    def term_idf(self, term: str) -> float:
        """rank_bm25's `idf.get(term) or 0`."""
        i = self.vocabulary.get(term, -1)
        return float(self.idf[i]) if i >= 0 else 0.0

    def _slice(self, term: int) -> slice:
        return slice(int(self.postings.offsets[term]), int(self.postings.offsets[term + 1]))

    def holding(self, term: str) -> np.ndarray:
        """Which passages hold `term`, as a mask over all of them (from its postings: its BM25
        score is no guide where rank_bm25's idf is negative, as in a corpus of one article)."""
        mask = np.zeros(self.size, bool)
        i = self.vocabulary.get(term, -1)
        if i >= 0:
            mask[self.postings.positions[self._slice(i)]] = True
        return mask

    def holds(self, positions: Sequence[int] | np.ndarray, terms: Sequence[str]) -> np.ndarray:
        """Which passages of `positions` hold each of `terms`: bools, one row per term (one
        lookup per term, so answering weighs hundreds of hits without a loop over them)."""
        at = np.asarray(positions, dtype=np.int64)
        held = np.zeros((len(terms), at.size), bool)
        for row, term in enumerate(terms):
            i = self.vocabulary.get(term, -1)
            if i < 0 or at.size == 0:
                continue
            found = self.postings.positions[self._slice(i)]
            if found.size:
                held[row] = found[np.minimum(np.searchsorted(found, at), found.size - 1)] == at
        return held

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Every passage's score, as `BM25Okapi.get_scores(query)` returns it."""
        scores = np.zeros(self.size, np.float64)
        if not self.searchable:
            return scores
        for term in self.term_ids(query):
            where = self._slice(term)
            positions = self.postings.positions[where]
            scores[positions] += self._contribution(term, positions, self.postings.freqs[where])
        return scores

    def _contribution(self, term: int, positions: np.ndarray, freqs: np.ndarray) -> np.ndarray:
        """rank_bm25's expression for one query term, where freqs may be 0."""
        return self.idf[term] * (freqs * (self.k1 + 1) / (freqs + self._norm[positions]))

    def top_k(self, query: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The `k` best passages holding at least one query term: (positions, scores), best first,
        equal scores by position. Scores are those of `get_scores`."""
        ids = self.term_ids(query)
        if not ids or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        unique, counts = np.unique(np.array(ids, np.int64), return_counts=True)
        if int(self.doc_freq[unique].sum()) <= self.exhaustive_postings:
            return self._top_exhaustive(ids, unique, k)
        return self._top_max_score(ids, unique, counts, k)

    def _top_exhaustive(self, ids: list[int], unique: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        _, exact = self._scratch.get(self.size)
        p = self.postings
        touched = []
        contributions: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for term in unique.tolist():
            where = self._slice(term)
            positions = p.positions[where]
            contributions[term] = (positions, self._contribution(term, positions, p.freqs[where]))
            touched.append(positions)
        try:
            for term in ids:  # query order, repeats included, as rank_bm25 adds them
                positions, values = contributions[term]
                exact[positions] += values
            candidates = _union(touched)
            scores = exact[candidates]
        finally:
            for positions in touched:
                exact[positions] = 0.0
        return _best(candidates, scores, k)

    def _top_max_score(
        self, ids: list[int], unique: np.ndarray, counts: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Max-score: terms in falling order of the most they can add to a passage's score. Once
        the terms not yet read can add up to less than the k-th best score found, a passage none
        of the read terms holds cannot enter the top k; of the passages the read terms hold, only
        those whose partial score plus that bound reaches the k-th best are scored exactly."""
        partial, _ = self._scratch.get(self.size)
        p = self.postings
        idf = self.idf[unique]
        bounds = counts * np.maximum(idf, 0.0) * self._max_impact[unique]
        order = np.argsort(-bounds, kind="stable")
        remaining = np.cumsum(bounds[order][::-1])[::-1]  # remaining[i]: bound of order[i:]
        weights = (counts * idf).astype(np.float32)
        touched: list[np.ndarray] = []
        theta = -math.inf
        try:
            for step, index in enumerate(order.tolist()):
                if bounds[index] <= 0:
                    break  # terms that cannot raise a score are left to the exact pass
                where = self._slice(int(unique[index]))
                positions = p.positions[where]
                partial[positions] += weights[index] * self._impacts[where]
                touched.append(positions)
                theta = max(theta, self._kth_exact(ids, touched, partial, k))
                rest = remaining[step + 1] if step + 1 < len(order) else 0.0
                if rest * (1 + 1e-9) < theta:
                    break
            else:
                rest = 0.0
            if theta <= 0 or rest * (1 + 1e-9) >= theta:
                # Nothing can be skipped safely (e.g. fewer than k passages score above zero).
                raise _NoPruning
            reached = np.concatenate(touched)
            partial_scores = partial[reached].astype(np.float64)
            keep = reached[partial_scores * (1 + _PARTIAL_SLACK) + rest * (1 + 1e-9) >= theta]
        except _NoPruning:
            keep = None
        finally:
            for positions in touched:
                partial[positions] = 0.0
        if keep is None:
            return self._top_exhaustive(ids, unique, k)
        candidates = _distinct(keep)
        return _best(candidates, self._exact(ids, candidates), k)

    def _kth_exact(self, ids: list[int], touched: list[np.ndarray], partial: np.ndarray, k: int) -> float:
        """A lower bound on the k-th best score: the exact k-th best among the passages with the
        best partial scores so far (-inf if fewer than k)."""
        reached = touched[0] if len(touched) == 1 else np.concatenate(touched)
        values = partial[reached]
        take = min(values.size, 2 * k)
        if take < k:
            return -math.inf
        best = reached[np.argpartition(values, values.size - take)[values.size - take :]]
        best = _distinct(best)
        if best.size < k:
            return -math.inf
        scores = self._exact(ids, best)
        return float(np.partition(scores, scores.size - k)[scores.size - k])

    def _exact(self, ids: list[int], candidates: np.ndarray) -> np.ndarray:
        """Exact scores of sorted, distinct `candidates`, summed in query order like rank_bm25."""
        p = self.postings
        found: dict[int, np.ndarray] = {}
        scores = np.zeros(candidates.size, np.float64)
        for term in ids:
            if term not in found:
                where = self._slice(term)
                positions = p.positions[where]
                at = np.searchsorted(positions, candidates)
                np.minimum(at, positions.size - 1, out=at)
                freqs = p.freqs[where][at]
                freqs = np.where(positions[at] == candidates, freqs, 0)
                found[term] = self._contribution(term, candidates, freqs)
            scores += found[term]
        return scores


class _NoPruning(Exception):
    pass


def _best(positions: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (position, score) pairs: highest score first, equal scores by position."""
    if positions.size > k:
        kth = np.partition(scores, scores.size - k)[scores.size - k]
        chosen = np.flatnonzero(scores >= kth)
        positions, scores = positions[chosen], scores[chosen]
    order = np.lexsort((positions, -scores))[:k]
    return positions[order].astype(np.int64), scores[order]


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its overhead for our small int arrays)."""
    values = np.sort(values, kind="stable")
    if values.size > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _union(lists: list[np.ndarray]) -> np.ndarray:
    """Sorted union of ascending arrays (a stable sort merges the sorted runs quickly)."""
    return lists[0] if len(lists) == 1 else _distinct(np.concatenate(lists))
