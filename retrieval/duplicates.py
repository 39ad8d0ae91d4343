"""Near-duplicate articles (agency copy reprinted by several outlets, one story scraped twice)
found at index time, so an answer shows each story once and cites the other outlets.

Each article becomes a MinHash signature of the n-grams of its index terms (normalized,
stemmed, stopwords out: spelling variants and small edits of one text agree); locality-sensitive
hashing on bands of the signature proposes pairs in linear time, and a pair is kept when their
numbers agree and the estimated Jaccard similarity of the shingle sets reaches the threshold, or
a lower one while the smaller article is mostly contained in the larger and both state numbers
(a reprint trimmed of paragraphs, or with its own lead and byline, shares fewer shingles with the
full copy but almost all of its own).
An answer shows one article of a pair and names the other's outlet.
"""

from __future__ import annotations

import base64
import itertools
import json
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class DuplicateConfig:
    """The tuned numbers of near-duplicate detection, in one place."""

    shingle_terms: int = 3  # index terms (stopwords out, stemmed): about 5 words of text
    permutations: int = 64
    bands: int = 32  # 32 bands of 2 rows: pairs near Jaccard .3 and above become candidates
    threshold: float = 0.6  # estimated Jaccard of the shingle sets for a pair to be one story
    # ... or this lower Jaccard when the smaller article's shingles are mostly in the larger one's.
    contained_threshold: float = 0.4
    min_containment: float = 0.8
    min_shingles: int = 20  # shorter bodies are too small to judge
    max_bucket: int = 50  # a band shared by more articles is boilerplate, not one story
    # Templated notices (the fourth relief flight, the fifth) share their wording, not their
    # numbers: a pair whose numbers mostly differ is two stories.
    min_shared_numbers: float = 0.5  # of the smaller set of numbers
    max_numbers: int = 24


FINGERPRINTS_KEY, PAIRS_KEY = "near_duplicate_fingerprints", "near_duplicate_pairs"


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection keeps of an article: its MinHash signature, numbers and
    how many shingles it has (0: not known, from a store written before they were kept)."""

    signature: np.ndarray
    numbers: frozenset[str]
    shingle_count: int = 0


CONFIG = DuplicateConfig()


@lru_cache(maxsize=1)
def _hash_parameters() -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hashing: (a * x + b) mod 2**64, top 32 bits, a odd: one universal hash per
    permutation, computed with numpy's wrapping uint64 arithmetic. Made when first hashing:
    numpy.random is a tenth of a cold `ask`'s imports, and only indexing needs it."""
    rng = np.random.default_rng(20150721)
    a = rng.integers(0, 1 << 63, size=CONFIG.permutations, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    return a, rng.integers(0, 1 << 63, size=CONFIG.permutations, dtype=np.uint64)


def shingles(terms: list[str], config: DuplicateConfig = CONFIG) -> np.ndarray:
    """The distinct hashed n-grams of an article's index terms, as uint64."""
    n = config.shingle_terms
    grams = {" ".join(terms[i : i + n]) for i in range(max(0, len(terms) - n + 1))}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


def signature(hashed: np.ndarray, config: DuplicateConfig = CONFIG) -> np.ndarray:
    """The MinHash signature of an article's hashed shingles (uint32 per permutation)."""
    a, b = _hash_parameters()
    values = (
        a[: config.permutations, None] * hashed[None, :] + b[: config.permutations, None]
    ) >> np.uint64(32)
    return values.min(axis=1).astype(np.uint32)


def numbers(terms: list[str], config: DuplicateConfig = CONFIG) -> frozenset[str]:
    """The numbers an article states, also as written with a thousands separator (1,489)."""
    found = {t for t in terms if t.isdigit()}
    found |= {a + b for a, b in itertools.pairwise(terms) if a.isdigit() and b.isdigit()}
    return frozenset(sorted(found)[: config.max_numbers])


def fingerprint(terms: list[str], config: DuplicateConfig = CONFIG) -> Fingerprint | None:
    """An article's fingerprint from its index terms in order, None when too short to judge."""
    hashed = shingles(terms, config)
    if len(hashed) < config.min_shingles:
        return None
    return Fingerprint(signature(hashed, config), numbers(terms, config), len(hashed))


def _numbers_agree(a: frozenset[str], b: frozenset[str], config: DuplicateConfig) -> bool:
    if not a or not b:
        return True
    return len(a & b) >= config.min_shared_numbers * min(len(a), len(b))


def containment(jaccard: float, a: Fingerprint, b: Fingerprint) -> float:
    """The estimated share of the smaller article's shingles found in the larger's: the
    intersection is J / (1 + J) of the sizes' sum. 0 when a size is not known."""
    if not a.shingle_count or not b.shingle_count:
        return 0.0
    both = jaccard / (1 + jaccard) * (a.shingle_count + b.shingle_count)
    return both / min(a.shingle_count, b.shingle_count)


def _one_story(jaccard: float, a: Fingerprint, b: Fingerprint, config: DuplicateConfig) -> bool:
    if not _numbers_agree(a.numbers, b.numbers, config):
        return False
    if jaccard >= config.threshold:
        return True
    # Below the threshold, shared wording alone also fits a template (a cable of congratulation
    # to another president, another day's weather): both must state numbers, and agree on them.
    contained = jaccard >= config.contained_threshold and containment(jaccard, a, b) >= config.min_containment
    return contained and bool(a.numbers) and bool(b.numbers)


def similar_pairs(
    fingerprints: dict[str, Fingerprint], new: set[str] | None = None, config: DuplicateConfig = CONFIG
) -> list[tuple[str, str, float]]:
    """(doc, doc, estimated Jaccard) for every pair of near-duplicates, in a stable order;
    with `new`, only the pairs that involve one of those documents."""
    ids = sorted(fingerprints)
    if len(ids) < 2 or (new is not None and not new):
        return []
    is_new = [new is None or i in new for i in ids]
    matrix = np.stack([fingerprints[i].signature for i in ids])
    rows = config.permutations // config.bands
    candidates: set[tuple[int, int]] = set()
    for band in range(config.bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows])
        for i in range(len(ids)):
            buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) <= config.max_bucket:
                candidates.update(
                    (a, b) for k, a in enumerate(members) for b in members[k + 1 :] if is_new[a] or is_new[b]
                )
    pairs = []
    for a, b in sorted(candidates):
        estimate = float(np.mean(matrix[a] == matrix[b]))
        if _one_story(estimate, fingerprints[ids[a]], fingerprints[ids[b]], config):
            pairs.append((ids[a], ids[b], round(estimate, 3)))
    return pairs


def updated_pairs(
    pairs: list[tuple[str, str, float]], fingerprints: dict[str, Fingerprint], new: set[str], gone: set[str]
) -> list[tuple[str, str, float]]:
    """The pairs after a refresh: those of unchanged documents kept, the new documents' found."""
    stale = new | gone
    kept = [p for p in pairs if p[0] not in stale and p[1] not in stale]
    return sorted(kept + similar_pairs(fingerprints, new))


def encode_fingerprints(fingerprints: dict[str, Fingerprint]) -> str:
    return json.dumps(
        {
            doc: [
                base64.b64encode(f.signature.astype("<u4").tobytes()).decode("ascii"),
                sorted(f.numbers),
                f.shingle_count,
            ]
            for doc, f in sorted(fingerprints.items())
        },
        ensure_ascii=False,
    )


def decode_fingerprints(text: str | None) -> dict[str, Fingerprint]:
    if not text:
        return {}
    return {
        doc: Fingerprint(
            np.frombuffer(base64.b64decode(saved[0]), dtype="<u4").astype(np.uint32),
            frozenset(saved[1]),
            saved[2] if len(saved) > 2 else 0,
        )
        for doc, saved in json.loads(text).items()
    }


def encode_pairs(pairs: list[tuple[str, str, float]]) -> str:
    return json.dumps(pairs, ensure_ascii=False)


def decode_pairs(text: str | None) -> list[tuple[str, str, float]]:
    return [tuple(p) for p in json.loads(text)] if text else []


def reprints(pairs: Iterable[tuple[str, str, float]]) -> dict[str, tuple[str, ...]]:
    """doc id -> the doc ids paired with it, sorted. Pairs are not chained into larger groups:
    templated notices (the fourth relief flight, the fifth, the sixth) link one to the next
    but are different stories."""
    linked: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in pairs:
        linked[a].add(b)
        linked[b].add(a)
    return {doc: tuple(sorted(others)) for doc, others in linked.items()}
