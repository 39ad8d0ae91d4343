"""Benchmarks on the synthetic corpus: `python -m bench.run --sizes 10k,100k [--json PATH]`.

For each size, in fresh processes so that memory and start-up are measured honestly:
  build  corpus files -> SQLite store -> index arrays (saved): time and peak memory
  serve  cold start (process spawn to engine ready), load time, resident memory, retrieval
         latency of the fast scorer and of rank_bm25's get_scores on the same questions (with a
         check that their top-10 scores agree), whole-answer latency, adding one article
  ask    `corpusbot ask` end to end, as a user runs it
Prints a table and writes JSON. Benchmarks are not tests: nothing here runs in CI.

Passage embeddings (English questions, retrieval/embedding.py) are switched off with
CORPUSBOT_DENSE=0: this measures the Arabic BM25 path.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "corpusbot-bench"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
TOP_K = 10
# rank_bm25's get_scores loops over every passage: fewer questions at larger sizes.
REFERENCE_QUESTIONS = {"10k": 200, "100k": 60, "1m": 10}
EXTRA_ARTICLE = """---
title: محادثات جديدة حول الطاقة في فيينا
source: وكالة الاختبار
date: 2024-05-01
---
عقدت الوفود جولة جديدة من المحادثات في فيينا حول أسعار الطاقة وإمدادات الغاز إلى أوروبا.

وقال المتحدث باسم الوفد إن الاتفاق قريب، وإن الجولة المقبلة ستعقد الشهر القادم في جنيف.

وأضاف أن الخلافات ما زالت قائمة حول آلية التحقق من الالتزام بالحصص.
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, CORPUSBOT_DENSE="0", PYTHONPATH=str(ROOT))
    env.pop("CORPUSBOT_DB", None)
    return env


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    """Peak resident memory of this process or of the largest worker process it ran."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _cpu_s() -> float:
    """CPU seconds used by this process and the worker processes it ran."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _percentiles(samples: list[float]) -> dict[str, float]:
    values = np.array(samples) * 1000
    return {"p50_ms": float(np.percentile(values, 50)), "p95_ms": float(np.percentile(values, 95))}


def _child(stage: str, size: str, data_dir: Path) -> dict:
    """Run one stage in a fresh interpreter; it prints one JSON line last."""
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.run", "--stage", stage, "--sizes", size, "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if "ready_at" in result:
        result["cold_start_s"] = result.pop("ready_at") - spawned
    return result


def _paths(size: str, data_dir: Path) -> tuple[Path, Path, Path]:
    base = data_dir / size
    return base, base / "corpus", base / "store.sqlite3"


# ---- stages (each in its own process) ----


async def stage_build(size: str, data_dir: Path) -> dict:
    from bench.corpus import generate
    from retrieval.progress import StderrProgress
    from retrieval.refresh import refresh_store
    from retrieval.saved_index import load_search_index
    from retrieval.store import Store
    from retrieval.word_tables import word_tables

    base, corpus, db = _paths(size, data_dir)
    started = time.perf_counter()
    generate(SIZES[size], base)
    generated = time.perf_counter() - started
    for leftover in (corpus / "bench-extra.txt",):
        leftover.unlink(missing_ok=True)
    for path in base.glob("store.sqlite3*"):
        path.unlink()
    store = await Store.open(db)
    cpu = _cpu_s()
    try:
        started = time.perf_counter()
        report = await refresh_store(store, corpus, progress=StderrProgress("store", "files"))
        store_s = time.perf_counter() - started
        started = time.perf_counter()
        index = await load_search_index(store)
        await word_tables(store, index)  # as `corpusbot index` saves them, for the serve stage
        index_s = time.perf_counter() - started
    finally:
        await store.close()
    return {
        "passages": len(index),
        "documents": report.documents,
        "generate_s": generated,
        "store_build_s": store_s,
        "index_build_s": index_s,
        "build_s": store_s + index_s,
        "build_cpu_s": _cpu_s() - cpu,
        "build_peak_mb": _peak_mb(),
        "db_mb": db.stat().st_size / 2**20,
    }


async def stage_serve(size: str, data_dir: Path) -> dict:
    started = time.perf_counter()
    from bench.corpus import load_questions
    from retrieval.answering import query_terms
    from retrieval.engine import Engine

    base, corpus, db = _paths(size, data_dir)
    opened = time.perf_counter()
    engine = await Engine.open(db, corpus)
    ready_at = time.time()
    load_s = time.perf_counter() - opened
    import_s = opened - started
    try:
        questions = [q.question for q in load_questions(base)]
        engine.answer(questions[0])
        served_mb = _rss_mb()
        term_lists = [query_terms(q) for q in questions]
        index = engine.index
        for terms in term_lists[:50]:  # warm the caches as a serving process would be
            index.scorer.top_k(terms, TOP_K)
        fast, fast_cpu = [], []
        for terms in term_lists:  # scores and top k, as rank_bm25 is timed below
            t0, c0 = time.perf_counter(), time.thread_time()
            index.scorer.top_k(terms, TOP_K)
            fast.append(time.perf_counter() - t0)
            fast_cpu.append(time.thread_time() - c0)
        answers = []
        for question in questions:
            t0 = time.perf_counter()
            engine.answer(question)
            answers.append(time.perf_counter() - t0)
        add_s, remove_s = await _add_and_remove_article(engine, corpus)
        reference = _reference(index, term_lists[: REFERENCE_QUESTIONS[size]], db)
    finally:
        await engine.close()
    fast_p = _percentiles(fast)
    return {
        "ready_at": ready_at,
        "import_s": import_s,
        "load_s": load_s,
        "served_rss_mb": served_mb,
        "questions": len(term_lists),
        "fast": fast_p,
        "fast_cpu": _percentiles(fast_cpu),
        "answer": _percentiles(answers),
        "add_article_s": add_s,
        "remove_article_s": remove_s,
        **reference,
        "ratio_p50": reference["rank_bm25"]["p50_ms"] / fast_p["p50_ms"],
    }


async def _add_and_remove_article(engine, corpus: Path) -> tuple[float, float]:
    extra = corpus / "bench-extra.txt"
    extra.write_text(EXTRA_ARTICLE, encoding="utf-8")
    try:
        t0 = time.perf_counter()
        report = await engine.refresh()
        added = time.perf_counter() - t0
        assert report.added == ["bench-extra"], report
        assert engine.answer("أين عقدت محادثات الطاقة في فيينا؟").results[0].doc_id == "bench-extra"
    finally:
        extra.unlink()
    t0 = time.perf_counter()
    report = await engine.refresh()
    removed = time.perf_counter() - t0
    assert report.removed == ["bench-extra"], report
    return added, removed


def _reference(index, term_lists: list[list[str]], db_path: Path) -> dict:
    """rank_bm25 on the same passages and questions; top-10 scores checked against ours."""
    import sqlite3

    from rank_bm25 import BM25Okapi

    from retrieval.ranking_config import BM25_PARAMETERS

    data = index.data
    pids = data.passages.pids.tolist()
    db = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    terms = dict(db.execute("SELECT pid, terms FROM passages"))
    db.close()
    started = time.perf_counter()
    reference = BM25Okapi([terms[pid].split() for pid in pids], k1=BM25_PARAMETERS.k1, b=BM25_PARAMETERS.b)
    build_s = time.perf_counter() - started
    del terms
    timings, worst = [], 0.0
    for query in term_lists:
        t0 = time.perf_counter()
        scores = reference.get_scores(query)
        top = np.argsort(-scores, kind="stable")[:TOP_K]
        timings.append(time.perf_counter() - t0)
        hits = index.search(query, TOP_K)
        ours = np.array([h.score for h in hits])
        theirs = scores[top][: len(ours)]
        worst = max(worst, float(np.max(np.abs(ours - theirs))) if len(ours) else 0.0)
    return {
        "rank_bm25": _percentiles(timings),
        "rank_bm25_build_s": build_s,
        "reference_questions": len(term_lists),
        "max_abs_score_diff": worst,
    }


def stage_ask(size: str, data_dir: Path) -> dict:
    _, corpus, db = _paths(size, data_dir)
    exe = shutil.which("corpusbot")
    command = [exe] if exe else [sys.executable, "-m", "bot.cli"]
    question = "أين عقدت محادثات الاستقرار الاستراتيجي؟"
    t0 = time.perf_counter()
    subprocess.run(
        [*command, "ask", "--db", str(db), "--corpus", str(corpus), "--json", question],
        env=_env(),
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return {"ask_cli_s": time.perf_counter() - t0}


# ---- orchestration ----


def _ms(timing: dict, digits: int = 2) -> str:
    return f"{timing['p50_ms']:.{digits}f} / {timing['p95_ms']:.{digits}f} ms"


ROWS = [
    ("passages", lambda r: f"{r['passages']:,}"),
    ("build: store + index arrays", lambda r: f"{r['store_build_s']:.0f} s + {r['index_build_s']:.1f} s"),
    ("build CPU time (all processes)", lambda r: f"{r['build_cpu_s']:.0f} s"),
    ("build peak memory", lambda r: f"{r['build_peak_mb']:,.0f} MB"),
    ("cold start (spawn → ready)", lambda r: f"{r['cold_start_s']:.2f} s"),
    ("index load (Engine.open)", lambda r: f"{r['load_s']:.2f} s"),
    ("served RSS", lambda r: f"{r['served_rss_mb']:,.0f} MB"),
    ("retrieval p50 / p95 (fast)", lambda r: _ms(r["fast"])),
    ("retrieval CPU p50 (fast)", lambda r: f"{r['fast_cpu']['p50_ms']:.2f} ms"),
    ("rank_bm25 get_scores p50 / p95", lambda r: _ms(r["rank_bm25"], 1)),
    ("speed-up (p50, same run)", lambda r: f"{r['ratio_p50']:.0f}×"),
    ("top-10 max |Δscore| vs rank_bm25", lambda r: f"{r['max_abs_score_diff']:.1e}"),
    ("answer p50 / p95 (Engine.answer)", lambda r: _ms(r["answer"])),
    ("add one article (refresh)", lambda r: f"{r['add_article_s']:.2f} s"),
    ("remove it again (refresh)", lambda r: f"{r['remove_article_s']:.2f} s"),
    ("`corpusbot ask` end to end", lambda r: f"{r['ask_cli_s']:.2f} s"),
]  # fmt: skip


def table(results: dict[str, dict]) -> str:
    sizes = list(results)
    lines = ["| | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
    for label, cell in ROWS:
        values = []
        for size in sizes:
            try:
                values.append(cell(results[size]))
            except (KeyError, TypeError):
                values.append("–")
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA), help="corpora and stores (cached)")
    parser.add_argument("--json", default=str(ROOT / "bench" / "last-run.json"), help="results file")
    parser.add_argument("--stage", choices=("build", "serve", "ask"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(SIZES)}")
    if args.stage == "build":
        print(json.dumps(asyncio.run(stage_build(sizes[0], data_dir))))
        return 0
    if args.stage == "serve":
        print(json.dumps(asyncio.run(stage_serve(sizes[0], data_dir))))
        return 0
    if args.stage == "ask":
        print(json.dumps(stage_ask(sizes[0], data_dir)))
        return 0
    results: dict[str, dict] = {}
    for size in sizes:
        print(f"[{size}] building…", file=sys.stderr, flush=True)
        results[size] = _child("build", size, data_dir)
        print(f"[{size}] serving…", file=sys.stderr, flush=True)
        results[size].update(_child("serve", size, data_dir))
        results[size].update(_child("ask", size, data_dir))
    machine = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    Path(args.json).write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(table(results))
    print(f"\n(JSON: {args.json}; load average {machine['load_average'][0]:.1f} on {machine['cpus']} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
