"""Faults, with real processes: `corpusbot serve` killed with SIGKILL in the middle of a reindex
and of an admin upload, a Bot API that fails for a while (500s, 429s, dropped connections), a
SIGTERM while an answer is in flight, and a corpus with corrupt files."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import (
    ADMIN_ID,
    GENEVA_AR,
    GENEVA_HEADLINE,
    NEW_ARTICLE,
    NEW_QUESTION,
    SENTINEL_ID,
    TOKEN,
    copy_corpus,
    plain,
)
from botapi_stub import DROP, ApiCall, BotApiStub

from bot.texts import text
from retrieval.engine import Engine

REPO = Path(__file__).resolve().parent.parent
ORIGINAL_DOCUMENTS = 5
WIRE_ARTICLES = 500
STARTUP = 60.0  # generous bounds for slow CI machines; each start takes about a second here


@pytest.fixture(autouse=True)
def no_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    # Embedding 5000 new passages would take minutes; these tests are about the store and the
    # transport, which dense retrieval does not touch.
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")


class Serve:
    """`corpusbot serve` as a separate process against the stub; its log goes to a file."""

    def __init__(self, stub: BotApiStub, tmp_path: Path, corpus: Path, db: Path):
        self.stub = stub
        self.tmp_path = tmp_path
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CORPUSBOT_"))}
        self.env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=stub.base_url,
            TELEGRAM_FILE_BASE_URL=stub.base_file_url,
            CORPUSBOT_ADMIN_IDS=str(ADMIN_ID),
            CORPUSBOT_DB=str(db),
            CORPUSBOT_CORPUS=str(corpus),
            CORPUSBOT_DENSE="0",
            PYTHONPATH=str(REPO),
        )
        self.process: asyncio.subprocess.Process | None = None
        self.logs: list[Path] = []

    async def start(self) -> None:
        """Start and wait until it polls (PTB deletes any webhook right before the first poll)."""
        mark = len(self.stub.calls)
        log = self.tmp_path / f"serve-{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "wb") as handle:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "serve", env=self.env, cwd=self.tmp_path, stderr=handle
            )
        await self.stub.wait_for("deleteWebhook", timeout=STARTUP, since=mark)

    async def kill(self) -> None:
        assert self.process is not None and self.process.returncode is None, self.log()
        self.process.kill()
        assert await self.process.wait() == -signal.SIGKILL

    async def stop(self) -> int:
        """SIGTERM, and the exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 30)

    def log(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs)


def answers_to(stub: BotApiStub, chat_id: int) -> list[ApiCall]:
    return [
        c
        for c in stub.calls
        if c.method == "sendMessage" and c.ok and str(c.params.get("chat_id")) == str(chat_id)
    ]


async def next_message(stub: BotApiStub, chat_id: int, timeout: float = 30) -> str:
    call = await stub.wait_for(
        "sendMessage", lambda c: c.ok and str(c.params.get("chat_id")) == str(chat_id), timeout=timeout
    )
    return plain(call.params["text"])


async def ask(stub: BotApiStub, question: str, user_id: int) -> str:
    stub.inject_private_message(question, user_id=user_id)
    return await next_message(stub, user_id)


def integrity(db: Path) -> tuple[str, int, int]:
    """PRAGMA integrity_check and the document and passage counts, as a fresh reader sees them."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        (check,) = conn.execute("PRAGMA integrity_check").fetchone()
        documents, passages = conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM passages)"
        ).fetchone()
    return check, documents, passages


def logged_questions(db: Path) -> int:
    """Rows in the question log, as a fresh reader sees them (the bot writes them in batches)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM queries").fetchone()[0]


async def answers_from_store(db: Path, corpus: Path, question: str) -> bool:
    """Whether the index in the store (as it is, no refresh) answers `question`."""
    engine = await Engine.open(db, corpus)
    try:
        return engine.answer(question).answered
    finally:
        await engine.close()


def write_wire_articles(corpus: Path, count: int) -> None:
    """`count` distinct articles of random corpus words: enough writing for a reindex to last."""
    source = " ".join(p.read_text(encoding="utf-8") for p in corpus.glob("*.txt"))
    words = sorted(set(re.findall(r"[\u0621-\u064a]{3,}", source)))
    rng = random.Random(7)
    folder = corpus / "wire"
    folder.mkdir()
    for number in range(count):
        lines = [" ".join(rng.choices(words, k=rng.randint(9, 16))) + "." for _ in range(10)]
        (folder / f"{number:04d}.txt").write_text(
            f"تقرير رقم {number}\n" + "\n".join(lines), encoding="utf-8"
        )


def stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


async def until(condition, timeout: float = 30, step: float = 0.002) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(step)


# --- SIGKILL -------------------------------------------------------------------------------


def test_sigkill_in_the_middle_of_a_reindex_leaves_the_previous_index_serving(tmp_path: Path) -> None:
    corpus, db = copy_corpus(tmp_path), tmp_path / "store.sqlite3"
    wal = db.with_name(db.name + "-wal")
    seen = {}

    async def body() -> None:
        async with BotApiStub() as stub:
            serve = Serve(stub, tmp_path, corpus, db)
            await serve.start()
            assert GENEVA_HEADLINE in await ask(stub, GENEVA_AR, 1001)
            # The question log is written in batches: let it land first, or its write (not the
            # reindex's) would trip the WAL watch below and the kill would come too early.
            await until(lambda: logged_questions(db) >= 1)
            write_wire_articles(corpus, WIRE_ARTICLES)
            (corpus / "bridge.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            started = await ask(stub, "/reindex", ADMIN_ID)
            assert started == text("reindex_started", "ar")
            before = stamp(wal)
            # The reindex reads and analyses the files, then writes them in one transaction:
            # kill as soon as it has written anything (its pages spill into the WAL first).
            await until(lambda: stamp(wal) != before)
            await serve.kill()

            check, documents, _ = integrity(db)
            assert check == "ok"
            seen["documents"] = documents
            assert documents in (ORIGINAL_DOCUMENTS, ORIGINAL_DOCUMENTS + WIRE_ARTICLES + 1)
            assert await answers_from_store(db, corpus, GENEVA_AR)  # whatever index is there serves

            await serve.start()  # start-up applies the corpus: the reindex's work is not lost
            assert "زيلاندوفيا" in await ask(stub, NEW_QUESTION, 1002)
            assert GENEVA_HEADLINE in await ask(stub, GENEVA_AR, 1003)
            assert await serve.stop() == 0, serve.log()
            assert integrity(db)[:2] == ("ok", ORIGINAL_DOCUMENTS + WIRE_ARTICLES + 1)
            assert "Traceback" not in serve.log()

    run(body)
    print("documents after the kill:", seen["documents"])


LATE_ARTICLE = """---
title: مهرجان الزيتون في وادي البلوط
date: 2021-11-02
---
مهرجان الزيتون في وادي البلوط

اختتم مهرجان الزيتون السنوي في وادي البلوط أمس بمشاركة مئتي مزارع من القرى المجاورة.
"""
LATE_QUESTION = "أين أقيم مهرجان الزيتون السنوي؟"


def test_sigkill_during_and_after_an_admin_upload_loses_nothing_acknowledged(tmp_path: Path) -> None:
    corpus, db = copy_corpus(tmp_path), tmp_path / "store.sqlite3"
    original = {p.name for p in corpus.iterdir()}
    seen = {}

    async def body() -> None:
        async with BotApiStub() as stub:
            serve = Serve(stub, tmp_path, corpus, db)
            await serve.start()
            stub.inject_document(NEW_ARTICLE.encode(), file_name="bridge.txt", user_id=ADMIN_ID)
            acknowledged = await next_message(stub, ADMIN_ID)
            assert acknowledged.startswith("✅ أضيف bridge.txt")
            await serve.kill()  # right after the admin was told
            assert integrity(db)[:2] == ("ok", ORIGINAL_DOCUMENTS + 1)

            await serve.start()
            assert "زيلاندوفيا" in await ask(stub, NEW_QUESTION, 1001)
            downloads = len(stub.downloads)
            stub.inject_document(LATE_ARTICLE.encode(), file_name="late.txt", user_id=ADMIN_ID)
            await until(lambda: len(stub.downloads) > downloads)
            await serve.kill()  # while the file is being saved and indexed
            check, documents, _ = integrity(db)
            assert check == "ok" and documents in (ORIGINAL_DOCUMENTS + 1, ORIGINAL_DOCUMENTS + 2)
            visible = {p.name for p in corpus.iterdir() if not p.name.startswith(".")}
            assert visible - original <= {"bridge.txt", "late.txt"}
            if (corpus / "late.txt").exists():  # saved whole or not at all
                assert (corpus / "late.txt").read_text(encoding="utf-8") == LATE_ARTICLE

            saved = (corpus / "late.txt").exists()
            told = [c for c in answers_to(stub, ADMIN_ID) if "late.txt" in c.params["text"]]
            seen["saved before the kill"] = saved

            await serve.start()
            assert "زيلاندوفيا" in await ask(stub, NEW_QUESTION, 1002)
            if not saved:  # killed before the file was saved: the admin was not told, sends it again
                assert not told
                stub.inject_document(LATE_ARTICLE.encode(), file_name="late.txt", user_id=ADMIN_ID)
                assert (await next_message(stub, ADMIN_ID)).startswith("✅ أضيف late.txt")
            # else start-up indexed the saved file, acknowledged or not
            assert "وادي البلوط" in await ask(stub, LATE_QUESTION, 1003)
            assert await serve.stop() == 0, serve.log()
            assert integrity(db)[:2] == ("ok", ORIGINAL_DOCUMENTS + 2)

    run(body)
    print(seen)


# --- a Bot API that fails for a while, and SIGTERM ------------------------------------------


def test_bot_api_outage_every_question_answered_once_then_sigterm_finishes_the_answer(
    tmp_path: Path,
) -> None:
    corpus, db = copy_corpus(tmp_path), tmp_path / "store.sqlite3"
    users = [2001, 2002, 2003, 2004]

    async def body() -> None:
        async with BotApiStub() as stub:
            serve = Serve(stub, tmp_path, corpus, db)
            await serve.start()
            # Telegram fails: polling gets a 500, a 429 and a dropped connection, and the answer
            # to the question already received meets the same before it goes through.
            stub.fail_next("getUpdates", status=500)
            stub.fail_next("getUpdates", status=429, retry_after=1)
            stub.fail_next("getUpdates", status=DROP)
            stub.fail_next("sendMessage", status=500)
            stub.fail_next("sendMessage", status=DROP)
            stub.fail_next("sendMessage", status=429, retry_after=1)
            mark = len(stub.calls)
            update_ids = [stub.inject_private_message(GENEVA_AR, user_id=users[0])["update_id"]]
            await until(lambda: any(c.fault for c in stub.calls[mark:] if c.method == "getUpdates"))
            for user in users[1:]:  # asked during the outage
                update_ids.append(stub.inject_private_message(GENEVA_AR, user_id=user)["update_id"])
            for user in users:
                assert GENEVA_HEADLINE in await next_message(stub, user, timeout=30)
            await ask(stub, "/about", SENTINEL_ID)  # handled after everything before it
            for user in users:
                assert len(answers_to(stub, user)) == 1  # no duplicate, no apology
            faults = [c.method for c in stub.calls if c.fault]
            assert faults.count("getUpdates") == 3 and faults.count("sendMessage") == 3

            # SIGTERM while an answer is in flight (its first send failed, a retry is pending).
            stub.fail_next("sendMessage", status=500)
            mark = len(stub.calls)
            update_ids.append(stub.inject_private_message(GENEVA_AR, user_id=2005)["update_id"])
            await until(lambda: any(c.fault for c in stub.calls[mark:]))
            assert await serve.stop() == 0, serve.log()
            assert GENEVA_HEADLINE in plain(answers_to(stub, 2005)[0].params["text"])
            assert len(answers_to(stub, 2005)) == 1
            assert not db.with_name(db.name + "-wal").exists()  # the store was closed cleanly

            log = serve.log()
            for update_id in update_ids:
                assert (
                    len(
                        re.findall(rf"question update={update_id} chat=private lang=ar outcome=answered", log)
                    )
                    == 1
                )
            assert TOKEN not in log and "Traceback" not in log
            # one line per failed poll (PTB waits out a 429 without calling it an error)
            assert log.count("WARNING bot.retry: polling failed") == 2
        stub.assert_no_errors()

    run(body)


@pytest.mark.parametrize("outage", ["port closed", "no answer"])
def test_sigterm_with_the_bot_api_unreachable_exits_within_seconds(tmp_path: Path, outage: str) -> None:
    corpus, db = copy_corpus(tmp_path), tmp_path / "store.sqlite3"

    held: list[asyncio.StreamWriter] = []

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # a Bot API behind a firewall that swallows requests

    async def body() -> None:
        stub = BotApiStub()
        await stub.start()
        silent = None
        try:
            serve = Serve(stub, tmp_path, corpus, db)
            await serve.start()
            stub.fail_next("sendMessage", status=500)  # an answer in flight, its retry pending
            mark = len(stub.calls)
            stub.inject_private_message(GENEVA_AR, user_id=2006)
            await until(lambda: any(c.fault for c in stub.calls[mark:]))
            port = int(stub.url.rsplit(":", 1)[1])
        finally:
            await stub.stop()
        if outage == "no answer":
            silent = await asyncio.start_server(never_answer, "127.0.0.1", port)
        try:
            started = time.monotonic()
            assert await serve.stop() == 0, serve.log()
            assert time.monotonic() - started < 8, serve.log()
        finally:
            if silent is not None:
                silent.close()
                for writer in held:
                    writer.close()
                await silent.wait_closed()
        assert "1 update in hand abandoned unanswered" in serve.log()
        assert not db.with_name(db.name + "-wal").exists()  # the store was closed cleanly

    run(body)


# --- a corpus with corrupt files -----------------------------------------------------------

BAD_FILES = {
    "binary.txt": "binary file",
    "arabic-cp1256.txt": "not UTF-8",
    "huge.txt": "file too large",
    "empty.txt": "empty file",
    "broken.jsonl": "not valid JSON",  # both lines of it, each by number
}


def add_bad_files(corpus: Path) -> None:
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096))
    (corpus / "arabic-cp1256.txt").write_bytes("محادثات جنيف\nعقدت المحادثات في جنيف.".encode("cp1256"))
    with open(corpus / "huge.txt", "wb") as handle:  # 50 MB, sparse: costs no disk
        handle.truncate(50 * 1024 * 1024)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.jsonl").write_text('{"doc_id": "w1", "text": "نص"\nnot json\n', encoding="utf-8")


def test_corrupt_files_are_named_and_everything_else_is_indexed(tmp_path: Path) -> None:
    corpus, db = copy_corpus(tmp_path), tmp_path / "store.sqlite3"
    add_bad_files(corpus)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CORPUSBOT_"))}
    env.update(CORPUSBOT_DENSE="0", PYTHONPATH=str(REPO))

    def corpusbot(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args, "--db", str(db), "--corpus", str(corpus)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )

    done = corpusbot("index")
    assert done.returncode == 3 and done.stdout.startswith(f"{ORIGINAL_DOCUMENTS} documents,")
    skipped = [line for line in done.stderr.splitlines() if line.startswith("corpusbot: skipped ")]
    assert len(skipped) == len(BAD_FILES) + 1, done.stderr
    for name, reason in BAD_FILES.items():
        assert any(line.startswith(f"corpusbot: skipped {name}") and reason in line for line in skipped)
    assert "Traceback" not in done.stderr
    asked = corpusbot("ask", GENEVA_AR)
    assert asked.returncode == 0 and GENEVA_HEADLINE in asked.stdout
    doctor = corpusbot("doctor", "--offline")
    assert doctor.returncode == 0, doctor.stdout  # a warning, naming the files, not a failure
    assert all(name in doctor.stdout for name in ("binary.txt", "empty.txt", "huge.txt"))

    async def body() -> None:  # the admin's /reindex report names them too
        async with BotApiStub() as stub:
            serve = Serve(stub, tmp_path, corpus, db)
            await serve.start()
            assert await ask(stub, "/reindex", ADMIN_ID) == text("reindex_started", "ar")
            report = await next_message(stub, ADMIN_ID)
            for name in BAD_FILES:
                assert name in report, report
            assert f"{ORIGINAL_DOCUMENTS} " in report
            assert GENEVA_HEADLINE in await ask(stub, GENEVA_AR, 1001)
            assert await serve.stop() == 0, serve.log()
            assert all(f"skipped {name}" in serve.log() for name in BAD_FILES)

    run(body)
