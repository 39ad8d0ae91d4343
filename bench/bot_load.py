"""Bot load test: `python -m bench.bot_load [--size 10k] [--questions 2000] [--rate 250]`.

The real Application long-polls the Bot API stub (tests/botapi_stub.py, on 127.0.0.1) with the
synthetic corpus's store; questions from distinct users are injected at a fixed rate while a
reindex (one added article) runs, and each question's latency is measured from the moment its
update is queued to the moment the answer's sendMessage reaches the stub. Prints one JSON line.
The stub and the bot share this process and its event loop, so the numbers include the stub's
own work. Requires the corpus and store that `python -m bench.run --sizes SIZE` leaves behind.

As shipped, the bot paces its outgoing messages to Telegram's 30 a second (AIORateLimiter) and
handles updates one at a time (python-telegram-bot's default): `--no-send-limit` and
`--concurrent` lift each, to measure what the process itself can answer.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
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


async def load(
    size: str,
    data_dir: Path,
    count: int,
    rate: float,
    *,
    no_send_limit: bool = False,
    concurrent: bool = False,
) -> dict:
    import bot_harness
    from telegram.ext import ApplicationBuilder

    import bot.app
    from bot.ratelimit import QuestionLimiter

    if no_send_limit:
        bot.app.RetryingRateLimiter = functools.partial(bot.app.RetryingRateLimiter, overall_max_rate=0)
    if concurrent:
        build = ApplicationBuilder.build
        ApplicationBuilder.build = lambda self: build(self.concurrent_updates(True))  # type: ignore[method-assign]
    running_bot = bot_harness.running_bot

    base = data_dir / size
    questions = [q.question for q in load_questions(base)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        shutil.copytree(base / "corpus", corpus)
        (corpus / "bench-extra.txt").unlink(missing_ok=True)
        shutil.copy(base / "store.sqlite3", tmp_path / "store.sqlite3")
        env = {"CORPUSBOT_DENSE": "0"}
        limiter = QuestionLimiter(limit=10**9)
        async with running_bot(tmp_path, corpus=corpus, limiter=limiter, env=env) as bot:
            stub = bot.stub
            since = len(stub.calls)
            queued: dict[int, float] = {}
            reindex: dict[str, float] = {}

            async def reindex_midway() -> None:
                await asyncio.sleep(count / rate / 3)
                (corpus / "bench-extra.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
                started = time.monotonic()
                await bot.engine.refresh()
                reindex["seconds"] = time.monotonic() - started

            task = asyncio.create_task(reindex_midway())
            started = time.monotonic()
            for i in range(count):
                due = started + i / rate
                delay = due - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                user = FIRST_USER + i
                stub.inject_private_message(questions[i % len(questions)], user_id=user)
                queued[user] = time.monotonic()
            await task
            deadline = time.monotonic() + 60
            answered: dict[int, float] = {}
            while len(answered) < count and time.monotonic() < deadline:
                for call in stub.calls[since:]:
                    chat = call.params.get("chat_id")
                    if call.method == "sendMessage" and call.status is not None and chat is not None:
                        user = int(chat)
                        if user in queued and user not in answered:
                            answered[user] = call.received_at
                await asyncio.sleep(0.05)
            errors = len(stub.errors)
    latencies = np.array([answered[u] - queued[u] for u in answered]) * 1000
    span = max(answered.values()) - min(queued.values()) if answered else float("nan")
    return {
        "size": size,
        "send_limit": not no_send_limit,
        "concurrent_updates": concurrent,
        "questions": count,
        "answered": len(answered),
        "offered_rate": rate,
        "answered_per_s": len(answered) / span,
        "p50_ms": float(np.percentile(latencies, 50)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "reindex_s": reindex.get("seconds"),
        "stub_errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bot_load", description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA))
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=250.0, help="questions per second offered")
    parser.add_argument("--no-send-limit", action="store_true", help="lift the 30 messages/s pacing")
    parser.add_argument("--concurrent", action="store_true", help="handle updates concurrently")
    args = parser.parse_args(argv)
    os.environ["CORPUSBOT_DENSE"] = "0"
    result = asyncio.run(
        load(
            args.size,
            Path(args.data_dir),
            args.questions,
            args.rate,
            no_send_limit=args.no_send_limit,
            concurrent=args.concurrent,
        )
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
