"""`corpusbot doctor` and `corpusbot backup`: the verdict and exit code for a healthy install, a
missing token, an unreachable or rejecting Bot API, a corrupt store and a stale index; a backup
taken while the store is being written is complete and verified, and restores."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bot_harness import TOKEN, copy_corpus
from botapi_stub import BotApiStub
from fake_embedder import FakeEmbedder

from bot.backup import BackupError, backup_store
from bot.doctor import Status, diagnose, healthy
from retrieval import embedder as embedder_module
from retrieval.engine import Engine

SCRIPT = Path(sys.executable).parent / "corpusbot"
GENEVA_QUESTION = "أين عقدت محادثات الاستقرار الاستراتيجي؟"


@pytest.fixture(autouse=True)
def no_dense(monkeypatch):
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # the store is what is tested, not the model


@pytest.fixture
def store(tmp_path) -> tuple[Path, Path]:
    """(store, corpus): the bundled articles indexed into a temp store."""
    corpus = copy_corpus(tmp_path)
    db = tmp_path / "store.sqlite3"

    async def build() -> None:
        engine = await Engine.open(db, corpus)
        try:
            await engine.refresh()
        finally:
            await engine.close()

    asyncio.run(build())
    return db, corpus


def by_name(findings) -> dict:
    return {finding.name: finding for finding in findings}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def corpusbot(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    return subprocess.run(
        [*command, *args],
        env={**clean, "CORPUSBOT_DENSE": "0", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- doctor ----------------------------------------------------------------------------------


def test_doctor_without_a_token_is_healthy_for_cli_use(store, tmp_path):
    db, corpus = store
    done = corpusbot("doctor", "--db", str(db), "--corpus", str(corpus), env={}, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARN  bot token: bot not configured" in done.stdout
    assert "ok    store:" in done.stdout and "integrity ok, 5 documents" in done.stdout
    assert f"ok    index: up to date with {corpus}" in done.stdout
    assert done.stdout.strip().splitlines()[-1].startswith("healthy")


def test_doctor_reaches_the_bot_api_and_never_prints_the_token(store, tmp_path):
    db, corpus = store

    async def body() -> None:
        async with BotApiStub() as stub:
            findings = await diagnose(
                db=str(db),
                env={
                    "TELEGRAM_BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_BASE_URL": stub.base_url,
                    "CORPUSBOT_ADMIN_IDS": "7001",
                    "CORPUSBOT_CORPUS": str(corpus),
                },
            )
            assert [c.method for c in stub.calls] == ["getMe", "getWebhookInfo"]
        report = "\n".join(finding.line() for finding in findings)
        assert healthy(findings) and TOKEN.split(":")[1] not in report
        found = by_name(findings)
        assert found["Bot API"].status is Status.OK and "@CorpusTestBot" in found["Bot API"].detail
        assert found["delivery"].detail.startswith("no webhook (polling)")
        assert found["bot token"].detail.startswith("set, for bot id 123456")

    asyncio.run(body())


def test_doctor_reports_an_unreachable_bot_api_quickly(store, tmp_path):
    db, _ = store
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{closed_port()}/bot"}
    done = corpusbot("doctor", "--db", str(db), "--timeout", "2", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert "FAIL  Bot API: unreachable: cannot reach http://127.0.0.1:" in done.stdout
    assert TOKEN.split(":")[1] not in done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("NOT healthy: 1 problem")


def test_doctor_reports_a_rejected_token_and_a_malformed_one(store):
    db, _ = store

    async def body() -> None:
        async with BotApiStub(token="999:the-only-good-token-abcdefgh") as stub:
            env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": stub.base_url}
            rejected = by_name(await diagnose(db=str(db), env=env))["Bot API"]
        assert rejected.status is Status.FAIL and "rejects the token" in rejected.detail
        malformed = await diagnose(db=str(db), env={"TELEGRAM_BOT_TOKEN": "not a token"})
        assert by_name(malformed)["configuration"].status is Status.FAIL
        assert "not a token" not in "\n".join(f.line() for f in malformed)

    asyncio.run(body())


def test_doctor_fails_on_a_corrupt_store(store, tmp_path):
    db, _ = store
    size = db.stat().st_size
    with open(db, "r+b") as handle:  # wreck pages past the schema, keep the header
        for offset in range(size // 3, size, 4096 * 7):
            handle.seek(offset)
            handle.write(os.urandom(2048))
    done = corpusbot("doctor", "--db", str(db), "--offline", env={}, cwd=tmp_path)
    assert done.returncode == 1
    assert "FAIL  store:" in done.stdout and "integrity_check" in done.stdout


def test_doctor_fails_on_a_file_that_is_not_a_store(tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite" * 500)
    findings = asyncio.run(diagnose(db=str(garbage), env={}, offline=True))
    assert by_name(findings)["store"].status is Status.FAIL and not healthy(findings)
    assert garbage.read_bytes() == b"not sqlite" * 500


def test_doctor_names_the_files_changed_since_the_last_index(store):
    db, corpus = store
    (corpus / "003_b556f401f158842d.txt").write_text("تقرير\nنص جديد للمقال.", encoding="utf-8")
    (corpus / "new.txt").write_text("عنوان\nمقال جديد.", encoding="utf-8")
    (corpus / "004_12871d6771f6bc02.txt").unlink()
    os.utime(corpus / "000_758033c16f9c693b.txt")  # touched, same content: not a change
    findings = asyncio.run(diagnose(db=str(db), corpus=str(corpus), env={}, offline=True))
    index = by_name(findings)["index"]
    assert index.status is Status.WARN and healthy(findings)
    assert "not indexed: new.txt" in index.detail
    assert "changed: 003_b556f401f158842d.txt" in index.detail
    assert "removed: 004_12871d6771f6bc02.txt" in index.detail
    assert "000_758033c16f9c693b" not in index.detail


def test_doctor_does_not_take_a_touched_csv_over_20_mb_for_changed(store):
    db, corpus = store
    export = corpus / "export.csv"
    # Over the 20 MB limit of an article file, which a CSV (read row by row) does not have: a
    # blank row of 21 MB is cheap to read and indexes nothing.
    article = "مقال عن افتتاح مكتبة جديدة في المدينة."
    export.write_text(f"text\n{article}\n" + " " * 21_000_000 + "\n", encoding="utf-8")
    indexed = corpusbot("index", "--db", str(db), "--corpus", str(corpus), env={}, cwd=corpus)
    assert indexed.returncode == 0, indexed.stderr
    os.utime(export)  # touched, same content: not a change
    index = by_name(asyncio.run(diagnose(db=str(db), corpus=str(corpus), env={}, offline=True)))["index"]
    assert index.status is Status.OK and "export.csv" not in index.detail


def test_doctor_says_when_an_upgrade_will_reindex_everything(store):
    db, corpus = store
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'analysis_version'")
        conn.commit()
    index = by_name(asyncio.run(diagnose(db=str(db), corpus=str(corpus), env={}, offline=True)))["index"]
    assert index.status is Status.WARN and "text analysis version 0" in index.detail


def test_doctor_says_dense_retrieval_is_off_when_it_is(store, monkeypatch):
    """Switched off by CORPUSBOT_DENSE, or on without any vector yet (a large store built with it
    off): never reported as loaded or ready."""
    db, corpus = store

    def dense_lines() -> dict:
        findings = by_name(asyncio.run(diagnose(db=str(db), corpus=str(corpus), env={}, offline=True)))
        return {name: f for name, f in findings.items() if name.startswith(("dense", "passage vectors"))}

    off = dense_lines()
    assert list(off) == ["dense retrieval"] and off["dense retrieval"].status is Status.WARN
    assert "switched off by CORPUSBOT_DENSE" in off["dense retrieval"].detail
    monkeypatch.delenv("CORPUSBOT_DENSE")
    monkeypatch.setattr(embedder_module, "load_embedder", FakeEmbedder)
    unembedded = dense_lines()["dense retrieval"]
    assert unembedded.status is Status.WARN and "not yet on (BM25 answers alone): 0 of" in unembedded.detail


def test_doctor_on_a_missing_store_does_not_create_it(tmp_path):
    db = tmp_path / "none" / "store.sqlite3"
    findings = asyncio.run(diagnose(db=str(db), env={}, offline=True))
    assert by_name(findings)["store"].status is Status.WARN and healthy(findings)
    assert not db.parent.exists()


# --- backup ----------------------------------------------------------------------------------


def test_backup_while_the_store_is_written_is_consistent_and_restores(store, tmp_path):
    db, corpus = store
    stop = threading.Event()
    written = []

    def writer() -> None:  # what the bot does while answering: log questions, one commit each
        with contextlib.closing(sqlite3.connect(db, timeout=10)) as conn:
            while not stop.is_set():
                conn.execute(
                    "INSERT INTO queries(asked_at, question, lang, chat_type, answered, took_ms, results) "
                    "VALUES ('2021-01-01', ?, 'ar', 'private', 1, 1.0, 1)",
                    (f"q{len(written)}",),
                )
                conn.commit()
                written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50:
            threading.Event().wait(0.01)
        reports = [backup_store(db, tmp_path / f"backup{i}.sqlite3") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    counts = []
    for report in reports:
        assert report.documents == 5 and report.passages > 20
        with contextlib.closing(sqlite3.connect(report.target)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
            questions = [row[0] for row in copy.execute("SELECT question FROM queries ORDER BY id")]
        assert questions == [f"q{i}" for i in range(len(questions))]  # a prefix: no torn writes
        counts.append(len(questions))
    assert counts == sorted(counts) and counts[0] >= 50
    assert not list(tmp_path.glob(".*partial*"))

    # Restore as README "Backups and restore" says: stop, copy over, drop -wal/-shm, start.
    restored = tmp_path / "restored" / "store.sqlite3"
    restored.parent.mkdir()
    restored.write_bytes(reports[-1].target.read_bytes())

    async def answer() -> bool:
        engine = await Engine.open(restored, corpus)
        try:
            return engine.answer(GENEVA_QUESTION).answered and not (await engine.refresh()).modified
        finally:
            await engine.close()

    assert asyncio.run(answer())


def test_backup_refuses_to_overwrite_without_force(store, tmp_path):
    db, _ = store
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"precious")
    done = corpusbot("backup", "--db", str(db), str(target), env={}, cwd=tmp_path)
    assert done.returncode == 1 and "exists: pass --force" in done.stderr
    assert target.read_bytes() == b"precious"
    forced = corpusbot("backup", "--db", str(db), "--force", str(target), env={}, cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "5 documents" in forced.stdout and "integrity ok" in forced.stdout
    with contextlib.closing(sqlite3.connect(target)) as copy:
        assert copy.execute("SELECT COUNT(*) FROM documents").fetchone() == (5,)


def test_backup_into_a_folder_makes_a_dated_file_and_reads_the_env_file(store, tmp_path):
    db, _ = store
    folder = tmp_path / "backups"
    folder.mkdir()
    (tmp_path / ".env").write_text(f"CORPUSBOT_DB={db}\n")  # like `serve`, from the working directory
    done = corpusbot("backup", str(folder), env={}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (made,) = folder.glob("corpusbot-*.sqlite3")
    assert made.stat().st_size > 0


def test_backup_errors(store, tmp_path):
    db, _ = store
    with pytest.raises(BackupError, match="no store at"):
        backup_store(tmp_path / "missing.sqlite3", tmp_path / "b.sqlite3")
    with pytest.raises(BackupError, match="folder not found"):
        backup_store(db, tmp_path / "no" / "such" / "b.sqlite3")
    with pytest.raises(BackupError, match="cannot be the store itself"):
        backup_store(db, db, force=True)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite" * 500)
    with pytest.raises(BackupError):
        backup_store(garbage, tmp_path / "c.sqlite3")
    assert not (tmp_path / "c.sqlite3").exists()
