"""Audit a built store of the SaudiNewsNet sample for outlet furniture, raw HTML entities and dates.

`python -m bench.realnews_audit --db STORE [--corpus ../shared/eval/saudinewsnet]` counts the
documents whose indexed body (what snippets are cut from) or title still shows a pattern of
outlet furniture, the share of documents dated among those whose URL or raw text carries a
date, and how inferred dates agree with the dataset's own `date` field where it is set. The
corpus is read by path for the raw side; nothing is skipped silently: without the corpus only
the store side is printed. `--examples N` instead lists N matches of each pattern with the text
around them, to read on the terminal. Evaluation only: nothing of the corpus is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from retrieval import outlet_state
from retrieval.documents import CorpusError, build_document
from retrieval.outlets import outlet_key, strip_furniture

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "saudinewsnet"

# Patterns the issue names, as regular expressions over a document's body or title: anywhere
# in a paragraph, not only at its start (a byline can follow a deck's sentences).
FURNITURE = {
    "رابط الخبر بصحيفة …": re.compile(r"رابط الخبر بصحيفة"),
    "سمات … tag line": re.compile(r"(?:^|[.!?؟”\"»]\s*)سمات\s[^\n]{0,150}$", re.MULTILINE),
    # ... and one glued to the end of a last line without a full stop (a poem's, a link's).
    "سمات … glued to the last line": re.compile(r"\sسمات(?:\s+[^\s.!?؟]+){2,12}\s*\Z"),
    "Next Previous": re.compile(r"Next\s+Previous|Previous\s+Next", re.IGNORECASE),
    "… - سبق - …: byline": re.compile(r"[-–]\s*سبق\s*[-–][^\n.:]{0,40}:"),
    "… – عين اليوم / عين اليوم – …": re.compile(r"[-–]\s*عين اليوم|عين اليوم\s*[-–]"),
    "// انتهى // and time line": re.compile(r"//\s*انتهى\s*//|^\d{1,2}:\d{2}\s*ت\s*م$", re.MULTILINE),
    "للتواصل … SMS": re.compile(r"للتواصل\s+(?:مع الكاتب\s+)?[اأ]رسل"),
    "شارك من خلال": re.compile(r"^شارك من خلال", re.MULTILINE),
}
ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
URL_DATE = re.compile(r"/20\d\d/[01]?\d/[0-3]?\d/|/20\d\d[01]\d[0-3]\d/")
TEXT_DATE = re.compile(
    r"\b\d{1,2}\s+(?:يناير|فبراير|مارس|[اأإ]بريل|مايو|يونيو|يوليو|[اأ]غسطس|سبتمبر|[اأ]كتوبر|نوفمبر|ديسمبر)\s+20\d\d"
)


def raw_rows(corpus: Path) -> dict[str, dict]:
    rows = {}
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            rows[row["doc_id"]] = row
    return rows


def carries_date(row: dict) -> bool:
    """The raw article shows a publication date: in its URL, or a full date in its first line."""
    first = row["text"].strip().split("\n", 1)[0]
    return bool(URL_DATE.search(row.get("url", "")) or TEXT_DATE.search(first))


def inferred_without_date(row: dict, profiles: dict) -> str:
    """The date the product infers for a dataset row from its URL and text alone."""
    meta = {k: str(v) for k, v in row.items() if k not in ("doc_id", "text", "date")}
    try:
        document = build_document(row["doc_id"], meta, row["text"], path="", digest="", title=meta["title"])
    except CorpusError:
        return ""
    if not document.date:
        document, _ = strip_furniture(document, profiles.get(outlet_key(document)))
    return document.date


def show_examples(db: Path, limit: int) -> None:
    """Up to `limit` documents per pattern, with the text around the match (to the terminal)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = con.execute("SELECT doc_id, title, body FROM documents").fetchall()
    for name, pattern in {**FURNITURE, "HTML entity": ENTITY}.items():
        hits = [(doc_id, m, text) for doc_id, *texts in docs for text in texts if (m := pattern.search(text))]
        print(f"== {name}: {len(hits)}")
        for doc_id, m, text in hits[:limit]:
            print(f"{doc_id}\t{text[max(0, m.start() - 80) : m.end() + 80]!r}")


def audit(db: Path, corpus: Path | None) -> dict:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = con.execute("SELECT doc_id, title, body, date, date_inferred, source FROM documents").fetchall()
    result: dict = {"documents": len(docs), "furniture": {}, "entities": {}}
    for name, pattern in FURNITURE.items():
        hits = [d for d in docs if pattern.search(d[2]) or pattern.search(d[1])]
        result["furniture"][name] = {"documents": len(hits), "example": hits[0][0] if hits else ""}
    result["entities"] = {
        "bodies": sum(1 for d in docs if ENTITY.search(d[2])),
        "titles": sum(1 for d in docs if ENTITY.search(d[1])),
    }
    result["dated"] = sum(1 for d in docs if d[3])
    result["dated_inferred"] = sum(1 for d in docs if d[3] and d[4])
    if corpus and corpus.is_dir():
        rows = raw_rows(corpus)
        carrying = [d for d in docs if d[0] in rows and carries_date(rows[d[0]])]
        result["carry_date"] = len(carrying)
        result["carry_date_dated"] = sum(1 for d in carrying if d[3])
        state = con.execute("SELECT value FROM meta WHERE key = ?", (outlet_state.META_KEY,)).fetchone()
        profiles = outlet_state.FurnitureState.from_json(state[0] if state else None).profiles
        compared: Counter = Counter()
        wrong = []
        for doc_id, row in rows.items():
            if not row.get("date"):
                continue
            date = inferred_without_date(row, profiles)
            compared["agree" if date == row["date"] else "differ" if date else "none"] += 1
            if date and date != row["date"] and len(wrong) < 10:
                wrong.append((doc_id, date, row["date"], row["url"]))
        # Where the dataset has a date, the date the product infers when that field is left out.
        result["inferred_vs_dataset"] = dict(compared)
        result["inferred_vs_dataset_examples"] = wrong
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--examples", type=int, metavar="N", help="only list N matches per pattern, in context"
    )
    args = parser.parse_args()
    if args.examples:
        show_examples(args.db, args.examples)
        return
    print(json.dumps(audit(args.db, args.corpus), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
