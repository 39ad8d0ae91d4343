"""Question sets whose gold answers point into a corpus instead of copying it (tests/questions/
snn-*.jsonl): gold articles are `"<file>:<0-based line>"` of the corpus's JSON Lines files and the
answer is a character span of the first one's `text`. The corpus's licence forbids copying its
text, so ids and answer strings are read from the corpus at evaluation time.
"""

from __future__ import annotations

import json
from pathlib import Path


class CorpusAbsent(Exception):
    """The corpus a span question set points into is not on this machine."""


def is_span_set(records: list[dict]) -> bool:
    """Whether question records are in the span format (`gold` + `span`) rather than the
    evaluation format (`gold_doc_ids` + `answers`)."""
    return bool(records) and "span" in records[0] and "gold_doc_ids" not in records[0]


def _line_rows(corpus: Path, wanted: set[str]) -> dict[str, dict]:
    """The parsed JSON rows of the `file:line` ids in `wanted`, each file read once."""
    by_file: dict[str, set[int]] = {}
    for ref in wanted:
        name, _, line = ref.rpartition(":")
        by_file.setdefault(name, set()).add(int(line))
    rows: dict[str, dict] = {}
    for name, lines in by_file.items():
        path = corpus / f"{name}.jsonl"
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if number in lines:
                    rows[f"{name}:{number}"] = json.loads(line)
    missing = wanted - rows.keys()
    if missing:
        raise ValueError(f"gold ids not in {corpus}: {sorted(missing)[:5]}")
    return rows


def resolve_span_questions(records: list[dict], corpus: Path, name: str) -> list[dict]:
    """Span-format records as evaluation questions (`qid`, `lang`, `question`, `gold_doc_ids`,
    `answers`), with gold ids as the store's doc ids and answers read from the spans. Arabizi
    questions keep `lang` "arabizi"; `kind` is kept for per-register reports."""
    if not corpus.is_dir():
        raise CorpusAbsent(f"{corpus} is not here")
    rows = _line_rows(corpus, {ref for q in records for ref in q["gold"]})
    questions = []
    for number, q in enumerate(records, start=1):
        answers = []
        if q["span"]:
            span = q["span"]
            answers.append(rows[q["gold"][0]][span["field"]][span["start"] : span["end"]].strip())
        questions.append(
            {
                "qid": f"{name}-{number:03d}",
                "lang": q["lang"],
                "kind": q["kind"],
                "question": q["question"],
                "gold_doc_ids": [rows[ref]["doc_id"] for ref in q["gold"]],
                "answers": answers,
            }
        )
    return questions
