"""Measure retrieval quality: `python -m retrieval.evaluate --corpus DIR|FILE.jsonl --questions FILE`.

Prints hit@1/5/10 and MRR@10 at document level (a gold document among the first k distinct
documents, before abstention), answer-in-snippet (a gold answer in the first snippet the user
is shown: of the answer, or of the closest passages), the graded outcomes (answered, closest
passages, not found), and the failures. An answerable question counts as "not found" when it
gets no passages, or closest passages without a gold document among them. Sets with few unanswerable
questions (xquad-dev has none) still test abstention: each answerable question is asked again
with its gold documents withheld from the ranking, and should then get "not found". Question
files are JSON Lines: {"qid", "lang", "question", "gold_doc_ids", "answers"}; empty
gold_doc_ids = unanswerable. The fresh sets' format, {"question", "lang", "kind", "answerable",
"doc_id", "answer"}, is read too.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarabic.araby as araby

from retrieval.answering import answer_question, prepare_query, retrieve
from retrieval.candidates import Candidate
from retrieval.decision import ANSWER, CLOSEST
from retrieval.engine import Engine
from retrieval.indexes import Indexes
from retrieval.ranking_config import ENGLISH_RANKING
from retrieval.span_questions import CorpusAbsent, is_span_set, resolve_span_questions
from retrieval.vectors import SEED_FOLDER

RANK_DEPTH = 10
HALVES = ("tune", "check")
_ALEF_RE = re.compile("[أإآٱ]")
# Arabic-Indic and Eastern Arabic-Indic digits as ASCII: outlets write "٢٩" or "29" for one number.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_PARAGRAPH_SUFFIX_RE = re.compile(r"-\d+$")


@dataclass
class Report:
    """Quality numbers for one question file."""

    name: str
    questions: int = 0
    answerable: int = 0
    hit1: float = 0.0
    hit5: float = 0.0
    hit10: float = 0.0
    mrr10: float = 0.0
    answer_in_snippet: float = 0.0
    not_found_answerable: float = 0.0
    not_found_unanswerable: float = 0.0
    not_found_withheld: float = 0.0
    answered_answerable: float = 0.0
    closest_answerable: float = 0.0  # closest passages with a gold document among them
    answered_unanswerable: float = 0.0
    closest_unanswerable: float = 0.0
    unanswerable: int = 0
    # Length in characters of the first snippet of answered questions: median, 95th percentile, max.
    snippet_chars: tuple[int, int, int] = (0, 0, 0)
    failures: list[dict] = field(default_factory=list)


def loose(text: str) -> str:
    """Diacritics and tatweel removed, alef forms unified and digits made ASCII, to compare
    answer strings (script only: words are never rewritten)."""
    return _ALEF_RE.sub("ا", araby.strip_tatweel(araby.strip_diacritics(text))).translate(_DIGITS)


def ranked_documents(indexes: Indexes, question: str, depth: int = RANK_DEPTH) -> list[str]:
    """Distinct documents in the order their best passages rank among all passages, before
    abstention. The English path scores every passage once and hands back the best `limit` of
    that one order, so it is asked for more only until `depth` documents are found (a candidate
    for each of a large corpus's passages was most of an evaluation's time); the Arabic path
    reranks whatever BM25 hands it, so it gets every passage."""
    query = prepare_query(question, indexes.search, indexes.resources)
    everything = len(indexes.search)
    limit = everything if query.path == "ar" else depth * ENGLISH_RANKING.candidates_per_result
    while True:
        found = retrieve(indexes, query.text, query.path, limit=limit).found
        docs = distinct_documents(found, depth)
        if len(docs) == depth or len(found) < limit or limit >= everything:
            return docs
        limit *= 8


def distinct_documents(found: list[Candidate], depth: int) -> list[str]:
    """The first `depth` distinct documents of `found` candidates, in order."""
    docs: list[str] = []
    for candidate in found:
        if candidate.doc_id not in docs:
            docs.append(candidate.doc_id)
            if len(docs) == depth:
                break
    return docs


def story_of(gold: set[str], reprints: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The gold documents and their near-duplicates (retrieval/duplicates.py): the answer shows
    a story once, so an answer from a reprint of the gold article is a hit, and withholding the
    gold withholds its reprints too."""
    return gold | {doc for doc_id in gold for doc in reprints.get(doc_id, ())}


@dataclass(frozen=True)
class Outcome:
    """What one question got. `--by-lang` reports a question in its file's row and in its
    language's: it is asked once a run (`evaluate`'s `asked`), not once a row."""

    outcome: str  # ANSWER, CLOSEST or not found
    answered: bool
    snippet_chars: int | None  # of the first result's snippet, when there is one
    answerable: bool
    rank: int | None = None  # of the first gold document among the first RANK_DEPTH
    in_snippet: bool = False
    closest_gold: bool = False  # closest passages with a gold document among them
    withheld_answered: bool = False  # answered again with the gold withheld
    failure: dict | None = None


def question_outcome(indexes: Indexes, q: dict) -> Outcome:
    """Ask `q` (and an answerable one again with its gold withheld) and judge what it got."""
    gold = story_of(set(q["gold_doc_ids"]), indexes.search.reprints)
    answer = answer_question(indexes, q["question"], k=3)
    chars = len(answer.results[0].snippet) if answer.results else None
    if not gold:
        failure = _failure(q, "answered an unanswerable question", answer) if answer.answered else None
        return Outcome(answer.outcome, answer.answered, chars, False, failure=failure)
    docs = ranked_documents(indexes, q["question"])
    rank = next((i for i, doc in enumerate(docs, 1) if doc in gold), None)
    shown = answer.shown
    snippet = loose(shown[0].snippet) if shown else ""
    in_snippet = any(loose(a) in snippet for a in q["answers"]) if snippet else False
    closest_gold = answer.outcome == CLOSEST and any(r.doc_id in gold for r in shown)
    # Asked again with the gold withheld from the ranking (an approximation of removing
    # it from the index: term statistics still count it), it should not be answered.
    withheld = answer_question(indexes, q["question"], k=3, withheld=gold)
    failure = None
    if rank != 1 or not in_snippet or not answer.answered:
        why = (
            f"{answer.outcome} ({answer.reason})"
            if not answer.answered
            else f"gold rank {rank}"
            if rank != 1
            else "answer not in snippet"
        )
        failure = _failure(q, why, answer, docs[:3])
    return Outcome(
        answer.outcome,
        answer.answered,
        chars,
        answerable=True,
        rank=rank,
        in_snippet=in_snippet,
        closest_gold=closest_gold,
        withheld_answered=withheld.answered,
        failure=failure,
    )


def evaluate(
    indexes: Indexes, questions: list[dict], name: str, asked: dict[tuple[str, str], Outcome] | None = None
) -> Report:
    """The report of one set; `asked` holds the outcomes of questions already asked this run."""
    report = Report(name=name, questions=len(questions))
    keys = "hit1 hit5 hit10 mrr10 snip nf_a nf_u nf_w ans_a cl_a ans_u cl_u"
    sums = dict.fromkeys(keys.split(), 0.0)
    lengths = []
    asked = {} if asked is None else asked
    for q in questions:
        key = (q["qid"], q["question"])
        if key not in asked:
            asked[key] = question_outcome(indexes, q)
        got = asked[key]
        if got.snippet_chars is not None:
            lengths.append(got.snippet_chars)
        if got.failure is not None:
            report.failures.append(got.failure)
        if not got.answerable:
            report.unanswerable += 1
            sums["nf_u"] += not got.answered
            sums["ans_u"] += got.outcome == ANSWER
            sums["cl_u"] += got.outcome == CLOSEST
            continue
        report.answerable += 1
        rank = got.rank
        sums["hit1"] += rank == 1
        sums["hit5"] += rank is not None and rank <= 5
        sums["hit10"] += rank is not None
        sums["mrr10"] += 1 / rank if rank else 0.0
        sums["snip"] += got.in_snippet
        sums["ans_a"] += got.answered
        sums["cl_a"] += got.closest_gold
        sums["nf_a"] += not got.answered and not got.closest_gold
        sums["nf_w"] += not got.withheld_answered
    n = max(report.answerable, 1)
    u = max(report.unanswerable, 1)
    report.hit1, report.hit5, report.hit10 = sums["hit1"] / n, sums["hit5"] / n, sums["hit10"] / n
    report.mrr10, report.answer_in_snippet = sums["mrr10"] / n, sums["snip"] / n
    report.not_found_answerable = sums["nf_a"] / n
    report.answered_answerable, report.closest_answerable = sums["ans_a"] / n, sums["cl_a"] / n
    report.not_found_unanswerable = sums["nf_u"] / u
    report.answered_unanswerable, report.closest_unanswerable = sums["ans_u"] / u, sums["cl_u"] / u
    report.not_found_withheld = sums["nf_w"] / n
    if lengths:
        lengths.sort()
        report.snippet_chars = (
            lengths[len(lengths) // 2],
            lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))],
            lengths[-1],
        )
    return report


def _failure(q: dict, why: str, answer, docs: list[str] | None = None) -> dict:
    return {
        "qid": q["qid"],
        "question": q["question"],
        "why": why,
        "gold": q["gold_doc_ids"],
        "got": docs if docs is not None else [r.doc_id for r in answer.results],
        "snippet": answer.shown[0].snippet[:160] if answer.shown else "",
        "missing": list(answer.missing),
    }


def load_questions(path: Path) -> list[dict]:
    """The questions of a .jsonl file, in either format (see the module's docstring)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        _from_fresh(row, f"{path.stem}-{i:03d}") if "doc_id" in row else row for i, row in enumerate(rows, 1)
    ]


def article_of(question: dict) -> str:
    """The article a question is about: its first gold document without a paragraph number
    ("xquad-07-03" is paragraph 3 of article "xquad-07"), or its qid when it has no gold."""
    gold = question["gold_doc_ids"]
    return _PARAGRAPH_SUFFIX_RE.sub("", gold[0]) if gold else question["qid"]


def half_of(questions: list[dict], half: str) -> list[dict]:
    """The questions of one fixed half, split by article so that no paragraph or article is in
    both: articles ordered by a hash of their id, the first half of them "tune", the rest "check"."""
    articles = sorted(
        {article_of(q) for q in questions}, key=lambda a: hashlib.sha256(a.encode()).hexdigest()
    )
    tune = set(articles[: (len(articles) + 1) // 2])
    return [q for q in questions if (article_of(q) in tune) == (half == HALVES[0])]


def _from_fresh(row: dict, qid: str) -> dict:
    """A question of the fresh sets' format in the evaluation's own."""
    answerable = bool(row["answerable"])
    return {
        "qid": qid,
        "lang": row["lang"],
        "kind": row.get("kind", ""),
        "question": row["question"],
        "gold_doc_ids": [row["doc_id"]] if answerable else [],
        "answers": [row["answer"]] if answerable else [],
    }


def question_sets(
    paths: list[Path], corpus: Path, by_lang: bool, halves: bool = False
) -> list[tuple[str, list[dict]]]:
    """(name, questions) per file, or per file and question language with `by_lang`; per half of
    each file's articles with `halves`. Span sets are resolved against `corpus`, and left out
    (said on stderr) when it is absent."""
    sets = []
    for path in paths:
        questions = load_questions(path)
        if is_span_set(questions):
            try:
                questions = resolve_span_questions(questions, corpus, path.stem)
            except CorpusAbsent as exc:
                print(f"skipped {path.name}: its corpus {exc}", file=sys.stderr)
                continue
        parts = [(f"{path.stem}[{h}]", half_of(questions, h)) for h in HALVES] if halves else []
        for name, part in parts or [(path.stem, questions)]:
            sets.append((name, part))
            if by_lang:
                for lang in dict.fromkeys(q["lang"] for q in part):
                    sets.append((f"{name}/{lang}", [q for q in part if q["lang"] == lang]))
    return sets


async def build_index(corpus: Path, db: Path) -> Indexes:
    """Index `corpus` (a directory, or a single .jsonl file) into the store at `db`."""
    if corpus.is_file():
        folder = db.parent / "corpus"
        folder.mkdir(exist_ok=True)
        (folder / corpus.name).write_bytes(corpus.read_bytes())
        seeds = corpus.parent / SEED_FOLDER  # shipped passage embeddings (retrieval.vectors)
        if seeds.is_dir():
            shutil.copytree(seeds, folder / SEED_FOLDER, dirs_exist_ok=True)
        corpus = folder
    engine = await Engine.open(db, corpus)
    try:
        report = await engine.refresh()
        for error in report.errors:
            print(f"skipped {error}", file=sys.stderr)
        return engine.indexes
    finally:
        await engine.close()


def format_table(reports: list[Report]) -> str:
    columns = [
        "set",
        "n",
        "hit@1",
        "hit@5",
        "hit@10",
        "MRR@10",
        "ans-in-snippet",
        "not-found (answerable)",
        "not-found (unanswerable)",
        "not-found (gold withheld)",
        "answerable: answer / closest / not found",
        "unanswerable: answer / closest / not found",
        "snippet chars p50/p95/max",
    ]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in reports:
        unans = f"{r.not_found_unanswerable:.3f} of {r.unanswerable}" if r.unanswerable else "-"
        lines.append(
            f"| {r.name} | {r.answerable} | {r.hit1:.3f} | {r.hit5:.3f} | {r.hit10:.3f} | {r.mrr10:.3f} "
            f"| {r.answer_in_snippet:.3f} | {r.not_found_answerable:.3f} | {unans} "
            f"| {r.not_found_withheld:.3f} "
            f"| {_graded(r.answered_answerable, r.closest_answerable, r.answerable)} "
            f"| {_graded(r.answered_unanswerable, r.closest_unanswerable, r.unanswerable)} "
            f"| {'/'.join(map(str, r.snippet_chars))} |"
        )
    return "\n".join(lines)


def _graded(answered: float, closest: float, n: int) -> str:
    return f"{answered:.2f} / {closest:.2f} / {max(1 - answered - closest, 0.0):.2f}" if n else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retrieval.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, type=Path, help="corpus directory or .jsonl file")
    parser.add_argument("--questions", required=True, type=Path, nargs="+", help="question .jsonl files")
    parser.add_argument(
        "--failures", type=int, default=10, metavar="N", help="print up to N failures per set"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the reports as JSON")
    parser.add_argument(
        "--db", type=Path, help="store to build or refresh and keep (default: a temporary one)"
    )
    parser.add_argument("--by-lang", action="store_true", help="also report each question language apart")
    parser.add_argument(
        "--halves",
        action="store_true",
        help="report each file as two fixed halves of its articles: [tune] to tune on, [check] to check",
    )
    args = parser.parse_args(argv)
    sets = question_sets(args.questions, args.corpus, args.by_lang, args.halves)
    if not sets:
        return 0
    if args.db:
        indexes = asyncio.run(build_index(args.corpus, args.db))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            indexes = asyncio.run(build_index(args.corpus, Path(tmp) / "eval.sqlite3"))
    asked: dict[tuple[str, str], Outcome] = {}
    reports = [evaluate(indexes, questions, name, asked) for name, questions in sets]
    print(format_table(reports))
    for report in reports:
        for failure in report.failures[: args.failures]:
            print(
                f"  {report.name} {failure['qid']}: {failure['why']} | {failure['question']} | "
                f"gold {failure['gold']} got {failure['got']} | missing {failure['missing']} "
                f"| {failure['snippet']}"
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
