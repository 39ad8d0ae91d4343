"""Embedding is saved as it is made: `index` killed mid-embedding resumes where it stopped,
reports the time it really took and shows progress off a terminal; the bot answers (BM25)
before its passages are embedded and switches dense retrieval on when they are."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bot_harness import TOKEN

from bot.app import open_engine
from bot.config import load_settings
from corpus import BUNDLED_CORPUS

REPO = Path(__file__).resolve().parents[1]
ARTICLES = 8
PARAGRAPHS = 10  # about one passage each: ~85 to embed (seconds), no seed vectors
PROGRESS_RE = re.compile(r"^embedding passages: (\d+)/(\d+)(?: \((\d+\.\d) s\))?$", re.M)
# A sentence of the generated corpus, asked as a question.
QUESTION = "ما الذي حدث في المقال الثالث الفقرة الخامسة؟"


def bundled_sentences() -> list[str]:
    text = " ".join(path.read_text("utf-8") for path in sorted(BUNDLED_CORPUS.glob("*.txt")))
    return [s.strip() + "." for s in re.split(r"[.؟!]\s", text) if 8 <= len(s.split()) <= 30]


def write_corpus(folder: Path) -> Path:
    """ARTICLES x PARAGRAPHS distinct paragraphs of real Arabic sentences (one passage each)."""
    folder.mkdir()
    sentences = bundled_sentences()
    for article in range(ARTICLES):
        paragraphs = []
        for paragraph in range(PARAGRAPHS):
            n = article * PARAGRAPHS + paragraph
            first, second = sentences[n % len(sentences)], sentences[(7 * n + 3) % len(sentences)]
            paragraphs.append(f"المقال {article} الفقرة {paragraph}: {first} {second}")
        (folder / f"article_{article}.txt").write_text(
            f"مقال رقم {article}\n\n" + "\n\n".join(paragraphs), "utf-8"
        )
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    clean.update(
        HOME=str(tmp_path),
        PYTHONPATH=str(REPO),
        CORPUSBOT_DB=str(tmp_path / "store.sqlite3"),
        CORPUSBOT_CORPUS=str(write_corpus(tmp_path / "corpus")),
    )
    return clean


def vectors_saved(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def index_command(env: dict[str, str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bot.cli",
        "index",
        "--db",
        env["CORPUSBOT_DB"],
        "--corpus",
        env["CORPUSBOT_CORPUS"],
    ]


def test_index_killed_mid_embedding_resumes_where_it_stopped(env):
    db = Path(env["CORPUSBOT_DB"])
    first = subprocess.Popen(index_command(env), env=env, cwd=env["HOME"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while vectors_saved(db) < 16 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "index finished before it could be killed"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
        first.stderr.close()
    saved = vectors_saved(db)
    assert saved >= 16  # every batch made before the kill is in the store

    second = subprocess.run(
        index_command(env), env=env, cwd=env["HOME"], capture_output=True, text=True, timeout=180
    )
    assert second.returncode == 0, second.stderr
    passages = vectors_saved(db)  # distinct passage texts, every one embedded now
    assert passages > saved
    # Progress lines on a stderr that is not a terminal: the second run embeds only the rest.
    progress = PROGRESS_RE.findall(second.stderr)
    assert progress, second.stderr
    done, total, took = progress[-1]
    assert int(done) == int(total) == passages - saved < passages
    # The time reported is the whole run's, embedding included.
    reported = float(re.search(r" in (\d+\.\d+) s$", second.stdout.strip()).group(1))
    # The progress line rounds to tenths (2.28 s prints as 2.3 s): compare within that.
    assert reported >= float(took) - 0.05 > 0


def test_bot_answers_before_its_passages_are_embedded(env):
    db = Path(env["CORPUSBOT_DB"])
    settings = load_settings({**env, "TELEGRAM_BOT_TOKEN": TOKEN}, env_file=Path(env["HOME"]) / "no.env")

    async def body() -> None:
        engine = await open_engine(settings)  # what `serve` does before it starts polling
        try:
            at_start = vectors_saved(db)
            assert engine.indexes.dense is None
            answer = await engine.ask(QUESTION)
            assert answer.answered  # BM25 answers meanwhile
            for _ in range(1200):
                if engine.indexes.dense is not None:
                    break
                await asyncio.sleep(0.05)
            assert engine.indexes.dense is not None  # switched in when ready
            assert vectors_saved(db) > at_start  # open_engine did not wait for the embedding
        finally:
            await engine.close()

    asyncio.run(body())
