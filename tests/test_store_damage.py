"""A damaged store is refused with its reason, or repaired, never answered from in silence:
garbage written into the middle of the database file, and a NaN in one stored passage vector."""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from async_runner import run
from bot_harness import TOKEN, copy_corpus

from bot.app import open_engine
from bot.config import load_settings
from retrieval.embedder import MODEL_NAME
from retrieval.models import StoreError
from retrieval.store import Store

GENEVA_QUESTION = "أين عقدت محادثات الاستقرار الاستراتيجي؟"
GENEVA_DOC = "003_b556f401f158842d"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    clean.update(
        HOME=str(tmp_path),
        NO_COLOR="1",
        CORPUSBOT_DB=str(tmp_path / "store.sqlite3"),
        CORPUSBOT_CORPUS=str(copy_corpus(tmp_path)),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",  # never reached: the store fails first
    )
    return clean


def corpusbot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=env["HOME"],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        capture_output=True,
        text=True,
        timeout=120,
    )


def built_store(env: dict[str, str]) -> Path:
    assert corpusbot(env, "index").returncode == 0
    return Path(env["CORPUSBOT_DB"])


def write_garbage_into_the_middle(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    garbage = random.Random(13).randbytes(page_size)
    with db.open("r+b") as file:
        file.seek(pages // 2 * page_size)
        file.write(garbage)


def put_nan_into_one_vector(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        key, blob = conn.execute("SELECT key, vector FROM embeddings ORDER BY key LIMIT 1").fetchone()
        vector = np.frombuffer(blob, dtype=np.float32).copy()
        vector[7] = np.nan
        conn.execute("UPDATE embeddings SET vector = ? WHERE key = ?", (vector.tobytes(), key))
    conn.close()
    return key


def put_nan_into_the_saved_dense_index(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        (blob,) = conn.execute("SELECT data FROM index_blobs WHERE name = 'dense.passages'").fetchone()
        vectors = np.frombuffer(blob, dtype=np.float32).copy()
        vectors[7] = np.nan
        conn.execute("UPDATE index_blobs SET data = ? WHERE name = 'dense.passages'", (vectors.tobytes(),))
    conn.close()


def stored_vector(db: Path, key: str) -> np.ndarray:
    with sqlite3.connect(db) as conn:
        (blob,) = conn.execute(
            "SELECT vector FROM embeddings WHERE model = ? AND key = ?", (MODEL_NAME, key)
        ).fetchone()
    conn.close()
    return np.frombuffer(blob, dtype=np.float32)


def test_garbage_in_the_middle_of_the_database_is_refused_by_ask_serve_and_doctor(env):
    db = built_store(env)
    write_garbage_into_the_middle(db)

    asked = corpusbot(env, "ask", GENEVA_QUESTION)
    assert asked.returncode == 1 and asked.stdout == ""
    assert asked.stderr.count("\n") == 1 and "is damaged" in asked.stderr and "restore" in asked.stderr

    served = corpusbot(env, "serve")
    assert served.returncode == 1
    assert served.stderr.startswith("corpusbot: ") and "is damaged" in served.stderr.splitlines()[-1]

    doctor = corpusbot(env, "doctor", "--offline")
    assert doctor.returncode == 1 and "FAIL  store:" in doctor.stdout


def test_nan_in_one_stored_vector_is_caught_by_doctor_and_embedded_again_by_ask(env):
    db = built_store(env)
    key = put_nan_into_one_vector(db)

    doctor = corpusbot(env, "doctor", "--offline")
    assert doctor.returncode == 1 and "FAIL  passage vectors: 1 of" in doctor.stdout

    for damaged_too in (False, True):  # `ask` reads the dense index `index` saved, if sound
        if damaged_too:
            put_nan_into_the_saved_dense_index(db)
        asked = corpusbot(env, "ask", "--json", GENEVA_QUESTION)
        assert asked.returncode == 0 and f'"doc_id": "{GENEVA_DOC}"' in asked.stdout
        assert '"answered": true' in asked.stdout
        assert bool(np.isfinite(stored_vector(db, key)).all()) is damaged_too  # read the long way

    assert corpusbot(env, "doctor", "--offline").returncode == 0


def test_nan_in_one_stored_vector_does_not_silence_the_bot(env):
    db = built_store(env)
    key = put_nan_into_one_vector(db)

    async def body() -> None:
        engine = await open_engine(load_settings(env, env_file=Path(env["HOME"]) / "no.env"))
        try:
            for _ in range(200):  # the damaged vector is embedded again in the background
                if engine.indexes.dense is not None:
                    break
                await asyncio.sleep(0.05)
            assert engine.indexes.dense is not None
            answer = await engine.ask(GENEVA_QUESTION)
            assert answer.answered and GENEVA_DOC in {result.doc_id for result in answer.results}
        finally:
            await engine.close()

    asyncio.run(body())
    assert np.isfinite(stored_vector(db, key)).all()


def test_a_store_checked_meanwhile_refuses_every_write_until_its_check_passes(env):
    """`Engine.open` reads the index while the page check runs: its verdict still comes before
    any write, and the check is collected on close."""
    db = built_store(env)
    write_garbage_into_the_middle(db)

    async def body() -> None:
        store = await Store.open(db, check_meanwhile=True)  # returns before the check's verdict
        with pytest.raises(StoreError, match="is damaged"):
            await store.set_meta("written", "never")
        with pytest.raises(StoreError, match="is damaged"):
            await store.checked()
        await store.close()

    run(body)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'written'").fetchall() == []
    conn.close()
