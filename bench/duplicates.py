"""Sample article pairs of a built store by similarity band, to judge near-duplicate detection.

`python -m bench.duplicates --db STORE [--corpus ../shared/eval/saudinewsnet] [--per-band 12]`
finds every pair of articles that shares rare shingles (retrieval/duplicates.py's shingles of the
stored index terms), measures their exact shingle Jaccard and the containment of the smaller in
the larger, says which the detector pairs with today's config, and prints a seeded sample of each
band with titles and first lines, for a person to judge which are one story. Against a store
built before a config change, it samples the pairs the change adds and drops instead.
Evaluation only: it prints to the terminal and writes nothing. Skipped, with a message, when the
store or the corpus it was built from is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from retrieval import duplicates

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "saudinewsnet"
# (name, test on (jaccard, containment)): the bands a sample is drawn from.
BANDS = [
    ("J>=.6", lambda j, c: j >= 0.6),
    ("J .4-.6", lambda j, c: 0.4 <= j < 0.6),
    ("J .25-.4, C>=.7", lambda j, c: 0.25 <= j < 0.4 and c >= 0.7),
    ("J <.25, C>=.7", lambda j, c: j < 0.25 and c >= 0.7),
    ("J .25-.4, C<.7", lambda j, c: 0.25 <= j < 0.4 and c < 0.7),
]
RARE = 20  # a shingle in more articles than this is boilerplate, not evidence of one story
MIN_SHARED = 8


def band_of(measure: tuple[float, float]) -> str:
    return next((name for name, test in BANDS if test(*measure)), "other")


def terms_by_doc(db: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    terms: dict[str, list[str]] = defaultdict(list)
    for doc_id, text in con.execute("SELECT doc_id, terms FROM passages ORDER BY doc_id, ordinal"):
        terms[doc_id].extend(json.loads(text) if text.startswith("[") else text.split())
    return terms


def measured_pairs(shingle_sets: dict[str, set[int]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(a, b) -> (Jaccard, containment of the smaller) for every pair sharing enough rare shingles."""
    postings: dict[int, list[str]] = defaultdict(list)
    for doc, found in shingle_sets.items():
        for s in found:
            postings[s].append(doc)
    shared: Counter = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= RARE:
            docs.sort()
            shared.update((a, b) for k, a in enumerate(docs) for b in docs[k + 1 :])
    measured = {}
    for (a, b), count in shared.items():
        if count < MIN_SHARED:
            continue
        sa, sb = shingle_sets[a], shingle_sets[b]
        both = len(sa & sb)
        measured[(a, b)] = (both / len(sa | sb), both / min(len(sa), len(sb)))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--per-band", type=int, default=12)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    if not args.db.is_file() or not args.corpus.is_dir():
        print(f"skipped: no store at {args.db} or no corpus at {args.corpus}")
        return
    terms = terms_by_doc(args.db)
    shingle_sets = {d: set(duplicates.shingles(t).tolist()) for d, t in terms.items()}
    shingle_sets = {d: s for d, s in shingle_sets.items() if len(s) >= duplicates.CONFIG.min_shingles}
    measured = measured_pairs(shingle_sets)
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    stored = {(a, b) for a, b, _ in duplicates.decode_pairs(
        con.execute("SELECT value FROM meta WHERE key = ?", (duplicates.PAIRS_KEY,)).fetchone()[0])}
    fingerprints = {d: f for d, t in terms.items() if (f := duplicates.fingerprint(t)) is not None}
    found = {(a, b) for a, b, _ in duplicates.similar_pairs(fingerprints)}
    print(f"articles {len(terms)}, pairs sharing >= {MIN_SHARED} rare shingles {len(measured)}")
    print(f"pairs in the store {len(stored)}, pairs with today's config {len(found)}")
    rows = {d: (t, s, b) for d, t, s, b in con.execute("SELECT doc_id, title, source, body FROM documents")}
    rng = random.Random(args.seed)

    def show(name: str, band: list[tuple[str, str]]) -> None:
        merged = sum(p in found for p in band)
        print(f"\n=== {name}: {len(band)} pairs, {merged} paired by today's config ===")
        for a, b in rng.sample(band, min(args.per_band, len(band))):
            j, c = measured.get((a, b), (0.0, 0.0))
            print(f"\n-- J={j:.2f} C={c:.2f} paired={(a, b) in found} {a} ~ {b}")
            for doc in (a, b):
                title, source, body = rows[doc]
                print(f"   [{source}] {title[:70]} | {body[:110]!r} ({len(body)} chars)")

    if stored != found:
        more, fewer = sorted(found - stored), sorted(stored - found)
        print(f"today's config pairs {len(more)} more and {len(fewer)} fewer than the store")
        print("the more by band:", dict(Counter(band_of(measured.get(p, (0.0, 0.0))) for p in more)))
        show("paired by today's config, not in the store", more)
        show("in the store, not paired by today's config", fewer)
        return
    for name, test in BANDS:
        show(name, sorted(p for p, (j, c) in measured.items() if test(j, c)))


if __name__ == "__main__":
    main()
