"""Bot load test: `python -m bench.bot_load [--size 10k] [--questions 2000] [--rate 250]`.

The real Application long-polls the Bot API stub with the synthetic corpus's store. The stub
runs in a process of its own (tests/botapi_stub_process.py), as Telegram's server does not share
the bot's process: it injects questions from distinct users at a fixed rate itself and stamps
each one, and each question's latency runs from that stamp to the arrival of the answer's
sendMessage. A reindex (one added article) runs in the bot meanwhile, through its Reindexer as
/reindex runs it (bot/heap.py freezes the new index). Prints one JSON line.
Requires the corpus and store that `python -m bench.run --sizes SIZE` leaves behind.

As shipped, the bot paces its outgoing messages to Telegram's 30 a second (CORPUSBOT_SEND_RATE);
`--no-send-limit` runs it with CORPUSBOT_SEND_RATE=0, to measure what the process itself can
answer. Updates are handled concurrently across chats (bot/updates.py) either way. README
"Benchmarks" has the last numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the stub and the harness live with the tests

from bench.corpus import load_questions  # noqa: E402
from bench.run import DEFAULT_DATA, EXTRA_ARTICLE  # noqa: E402

FIRST_USER = 500_000
TOKEN = "123456:BENCH-token_abcdefghijklmnop"


async def load(
    size: str,
    data_dir: Path,
    count: int,
    rate: float,
    *,
    no_send_limit: bool = False,
) -> dict:
    from botapi_stub_process import StubProcess

    from bot.app import build_application, open_engine, running
    from bot.config import load_settings
    from bot.ratelimit import QuestionLimiter

    base = data_dir / size
    questions = [q.question for q in load_questions(base)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        shutil.copytree(base / "corpus", corpus)
        (corpus / "bench-extra.txt").unlink(missing_ok=True)
        shutil.copy(base / "store.sqlite3", tmp_path / "store.sqlite3")
        async with StubProcess() as stub:
            settings = load_settings(
                {
                    "TELEGRAM_BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_BASE_URL": stub.base_url,
                    "TELEGRAM_FILE_BASE_URL": stub.base_file_url,
                    "CORPUSBOT_DB": str(tmp_path / "store.sqlite3"),
                    "CORPUSBOT_CORPUS": str(corpus),
                    "CORPUSBOT_DENSE": "0",
                    **({"CORPUSBOT_SEND_RATE": "0"} if no_send_limit else {}),
                },
                env_file=tmp_path / "no.env",
            )
            engine = await open_engine(settings)
            try:
                application = build_application(settings, engine, limiter=QuestionLimiter(limit=10**9))
                async with running(application, poll_timeout=1):
                    texts = [questions[i % len(questions)] for i in range(count)]
                    await stub.load(texts, rate, FIRST_USER)
                    await asyncio.sleep(count / rate / 3)
                    (corpus / "bench-extra.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
                    started = time.monotonic()
                    await application.bot_data["services"].reindexer.refresh()  # as /reindex does
                    reindex_s = time.monotonic() - started
                    deadline = time.monotonic() + count / rate + 60
                    results = await stub.results()
                    while len(results.answered) < count and time.monotonic() < deadline:
                        await asyncio.sleep(0.2)
                        results = await stub.results()
            finally:
                await engine.close()
    answered, injected = results.answered, results.injected
    latencies = np.array([answered[u] - injected[u] for u in answered]) * 1000
    span = max(answered.values()) - min(injected.values()) if answered else float("nan")
    return {
        "size": size,
        "send_limit": not no_send_limit,
        "questions": count,
        "answered": len(answered),
        "offered_rate": rate,
        "answered_per_s": len(answered) / span,
        "p50_ms": float(np.percentile(latencies, 50)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "reindex_s": reindex_s,
        "stub_errors": results.errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bot_load", description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA))
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=250.0, help="questions per second offered")
    parser.add_argument("--no-send-limit", action="store_true", help="CORPUSBOT_SEND_RATE=0 (no pacing)")
    args = parser.parse_args(argv)
    os.environ["CORPUSBOT_DENSE"] = "0"
    result = asyncio.run(
        load(
            args.size,
            Path(args.data_dir),
            args.questions,
            args.rate,
            no_send_limit=args.no_send_limit,
        )
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
