"""Embedding throughput of article vectors (headline and lead) on a real store:
`python -m bench.embedding --db STORE [--sample 300] [--batches 4,16,64] [--threads 1,2] [--json PATH]`.

A deterministic sample of the store's distinct headline-and-lead texts is embedded once per
batch size and thread count (each thread count in a fresh process: OpenMP reads it once), and
the time per token is extrapolated to every distinct text of the store, the way `index` embeds
them. On a shared machine the wall time says how much of the CPU the run got; the CPU time per
token (all threads) is what the model costs. Also counts the tokens a shorter lead would leave.
Prints a table and writes JSON with numbers only (no article text: the corpus may be for
evaluation only); the load average is recorded beside the times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

LEADS = (24, 16, 12)


def store_texts(db: Path, lead_words: int) -> list[str]:
    """The store's distinct headline-and-lead texts with `lead_words` words of lead, in key order."""
    from retrieval import vectors

    old, vectors.LEAD_WORDS = vectors.LEAD_WORDS, lead_words
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT title, body FROM documents").fetchall()
        made = (vectors.article_text(title, body) for title, body in rows)
        texts = {vectors.passage_key(text): text for text in made}
    finally:
        vectors.LEAD_WORDS = old
    return [texts[key] for key in sorted(texts)]


def measure(db: Path, sample: int, batches: list[int]) -> dict:
    """In this process (OMP_NUM_THREADS as set): embed the sample at each batch size."""
    from retrieval.embedder import Embedder

    embedder = Embedder()
    texts = store_texts(db, LEADS[0])
    step = max(1, len(texts) // sample)
    chosen = texts[::step][:sample]
    count = embedder._model.token_count
    sample_tokens = sum(count(t) for t in chosen)
    embedder.passages(chosen[:8])  # warm: first call pages the model in
    runs = {}
    for batch in batches:
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(chosen), batch):
            embedder.passages(chosen[i : i + batch])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        runs[str(batch)] = {
            "wall_s": wall,
            "cpu_s": cpu,
            "ms_per_token": 1000 * wall / sample_tokens,
            "load_after": os.getloadavg()[0],
        }
    tokens = {str(lead): sum(count(t) for t in store_texts(db, lead)) for lead in LEADS}
    return {
        "texts": len(texts),
        "sample": len(chosen),
        "sample_tokens": sample_tokens,
        "runs": runs,
        "tokens": tokens,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.embedding", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--batches", default="4,16,64")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args(argv)
    batches = [int(b) for b in args.batches.split(",")]
    if args.one:
        print(json.dumps(measure(args.db, args.sample, batches)))
        return 0
    results = {}
    for threads in args.threads.split(","):
        env = {**os.environ, "OMP_NUM_THREADS": threads}
        command = [sys.executable, "-m", "bench.embedding", "--one", "--db", str(args.db)]
        command += ["--sample", str(args.sample), "--batches", args.batches]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        results[threads] = json.loads(done.stdout)
    any_run = next(iter(results.values()))
    print(f"{any_run['texts']} distinct headline-and-lead texts, {any_run['tokens']['24']} tokens")
    shorter = " / ".join(str(v) for v in any_run["tokens"].values())
    print(f"tokens with a lead of 24 / 16 / 12 words: {shorter}")
    print("threads  batch  ms/token  CPU ms/token  CPU share  all texts (min)  all texts, CPU (min)  load")
    for threads, result in results.items():
        for batch, run in result["runs"].items():
            minutes = run["ms_per_token"] * result["tokens"]["24"] / 60_000
            cpu_ms = 1000 * run["cpu_s"] / result["sample_tokens"]
            cpu_minutes = cpu_ms * result["tokens"]["24"] / 60_000
            print(
                f"{threads:>7}  {batch:>5}  {run['ms_per_token']:8.3f}  {cpu_ms:12.3f}"
                f"  {run['cpu_s'] / run['wall_s']:9.2f}  {minutes:15.1f}  {cpu_minutes:20.1f}"
                f"  {run['load_after']:4.1f}"
            )
    if args.json:
        machine = {"python": platform.python_version(), "cpus": os.cpu_count()}
        machine["date"] = time.strftime("%Y-%m-%d %H:%M")
        args.json.write_text(json.dumps({"machine": machine, "threads": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
