"""False and missed name snaps on a built store: `python -m bench.name_snaps --db STORE
[--corpus DIR] [--rows tune|heldout|all|none] [--json PATH]`.

Each English name of the judged sample (bench/name-snaps-judged.json: people, places, clubs,
firms, units, currencies, months, organisations and capitalised words that are not names, with
the Arabic spellings a snap may rightly give, judged by hand) is read as the English path reads
a capitalised word inside a question (`expand_english`: the curated lexicon, the dictionary,
then name snapping against the store's words). A name snaps falsely when a word it was snapped
to is none of its right spellings (a clitic or article aside): what "Matched on" would show. It
is missed when the store writes one of its right spellings and no rendering of it (snapped,
curated or from the dictionary) gives one. Printed per name and as a table for the sample's
fixed tuning and held-out halves; the JSON holds numbers and verdicts only (no corpus text).
Evaluation only: writes nothing but --json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "bench" / "name-snaps-judged.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "saudinewsnet"
HALVES = ("tune", "heldout")


@dataclass(frozen=True)
class Judged:
    """One name of the sample: its right spellings (normalized, without clitic or article)."""

    name: str
    kind: str
    half: str
    right: frozenset[str]


@dataclass(frozen=True)
class Verdict:
    """A name's renderings on the store, judged."""

    judged: Judged
    snaps: tuple[tuple[str, float, int], ...]  # snapped (word, likeness, passages using it)
    wrong: int  # snapped words that are none of its right spellings
    found: bool  # a rendering of it (snapped, curated or the dictionary's) is a right spelling
    written: bool  # the store writes one of its right spellings

    @property
    def label(self) -> str:
        if self.snaps and self.wrong:
            return "mixed" if self.wrong < len(self.snaps) else "wrong"
        if self.found:
            return "right"
        return "missed" if self.written else "none"


def bare_forms(word: str) -> set[str]:
    """`word` and what is left of it without a leading clitic or article (والكويت: كويت)."""
    from retrieval.english.names import clitic_forms

    return set(clitic_forms(word))


def load_judged(path: Path = JUDGED) -> list[Judged]:
    from retrieval.normalize import normalize_arabic

    rows = json.loads(path.read_text(encoding="utf-8"))["names"]
    return [
        Judged(r["name"], r["kind"], r["half"], frozenset(normalize_arabic(s) for s in r["right"]))
        for r in rows
    ]


def judge(
    judged: Judged, snaps: list[tuple[str, float, int]], others: list[str], filed: list[str]
) -> Verdict:
    """`others`: its curated and dictionary renderings; `filed`: the store's words filed
    under the skeletons of its right spellings."""
    wrong = sum(not (bare_forms(word) & judged.right) for word, _, _ in snaps)
    found = any(bare_forms(word) & judged.right for word in [w for w, _, _ in snaps] + others)
    written = any(bare_forms(word) & judged.right for word in filed)
    return Verdict(judged, tuple(snaps), wrong, found, written)


def rates(verdicts: list[Verdict]) -> dict[str, float | int]:
    snapped = [v for v in verdicts if v.snaps]
    false = [v for v in snapped if v.wrong]
    written = [v for v in verdicts if v.written]
    missed = [v for v in written if not v.found]
    words = sum(len(v.snaps) for v in verdicts)
    return {
        "names": len(verdicts),
        "snapped": len(snapped),
        "false": len(false),
        "false_rate": round(len(false) / len(snapped), 3) if snapped else 0.0,
        "snapped_words": words,
        "wrong_words": sum(v.wrong for v in verdicts),
        "written": len(written),
        "missed": len(missed),
        "missed_rate": round(len(missed) / len(written), 3) if written else 0.0,
    }


async def measure(db: Path, corpus: Path, judged: list[Judged]) -> list[Verdict]:
    from retrieval.engine import Engine
    from retrieval.english.expand import expand_english
    from retrieval.english.freedict import load_dictionary
    from retrieval.english.names import arabic_skeleton
    from retrieval.normalize import normalize_arabic
    from retrieval.ranking_config import ENGLISH_RANKING

    dictionary = load_dictionary()
    engine = await Engine.open(db, corpus, at_once=True)
    try:
        names, index = engine.resources.names, engine.index
        verdicts = []
        for row in judged:
            # As a capitalised word inside a question ("about" is no concept of its own).
            concepts = expand_english(f"about {row.name}", dictionary, names, ENGLISH_RANKING.expansion)
            renderings = [r for c in concepts for r in c.renderings if r.source != "latin"]
            snaps = [
                (r.text, r.confidence, index.word_frequency(r.text)) for r in renderings if r.source == "name"
            ]
            others = [w for r in renderings if r.source != "name" for w in normalize_arabic(r.text).split()]
            filed = [w for s in row.right for w in names.filed.get(arabic_skeleton(s))]
            verdicts.append(judge(row, snaps, others, filed))
        return verdicts
    finally:
        await engine.close()


def table(verdicts: list[Verdict]) -> tuple[str, dict[str, dict[str, float | int]]]:
    parts = {half: [v for v in verdicts if v.judged.half == half] for half in HALVES}
    parts["all"] = verdicts
    numbers = {name: rates(part) for name, part in parts.items()}
    lines = [
        "| half | names | snapped | false snaps | false rate | wrong words / snapped words "
        "| written | missed | missed rate |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in numbers.items():
        lines.append(
            f"| {name} | {r['names']} | {r['snapped']} | {r['false']} | {r['false_rate']:.3f} "
            f"| {r['wrong_words']} / {r['snapped_words']} | {r['written']} | {r['missed']} "
            f"| {r['missed_rate']:.3f} |"
        )
    return "\n".join(lines), numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--rows", choices=(*HALVES, "all", "none"), default="all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.db.is_file() or not args.corpus.is_dir():
        print(f"skipped: no store at {args.db} or no corpus at {args.corpus}")
        return
    os.environ.setdefault("CORPUSBOT_DENSE", "0")  # snapping reads words, not vectors
    verdicts = asyncio.run(measure(args.db, args.corpus, load_judged(args.judged)))
    for v in verdicts:
        if args.rows in (v.judged.half, "all"):
            snaps = ", ".join(f"{w} {s:.2f} ({n})" for w, s, n in v.snaps) or "-"
            print(f"{v.judged.half:7} {v.judged.kind:8} {v.judged.name:14} {v.label:6} {snaps}")
    text, numbers = table(verdicts)
    print(text)
    print(
        "by kind (all halves), false / snapped, missed / written:",
        {
            kind: f"{r['false']}/{r['snapped']}, {r['missed']}/{r['written']}"
            for kind in dict.fromkeys(v.judged.kind for v in verdicts)
            for r in [rates([v for v in verdicts if v.judged.kind == kind])]
        },
    )
    if args.json:
        labels = Counter(v.label for v in verdicts)
        report = {
            "rates": numbers,
            "labels": dict(labels),
            "verdicts": {v.judged.name: v.label for v in verdicts},
        }
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
