"""Attacks on the corpus through the bot, and unlucky operators: a symlinked article removed,
a file that took quadratic time to parse, concurrent uploads of one name, an upload named like
a folder or onto a full disk. Real Application, stub and files."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from async_runner import run
from bot_harness import (
    ADMIN_ID,
    GENEVA_AR,
    GENEVA_HEADLINE,
    NEW_ARTICLE,
    USER_ID,
    copy_corpus,
    plain,
    running_bot,
)

from bot.texts import text

SECOND_ADMIN = 7002
SYRIA_DOC = "000_758033c16f9c693b"


def test_remove_of_a_symlinked_article_deletes_the_link_not_its_target(tmp_path: Path) -> None:
    async def body() -> None:
        corpus = copy_corpus(tmp_path)
        (corpus / "latest.txt").symlink_to(f"{SYRIA_DOC}.txt")
        async with running_bot(tmp_path, corpus=corpus) as bot:
            ids = {doc.doc_id for doc in await bot.engine.store.document_summaries()}
            assert {"latest", SYRIA_DOC} <= ids
            removed = bot.stub.inject_private_message("/remove latest", user_id=ADMIN_ID)
            assert (await bot.reply_to(removed)).result["text"].startswith("🗑 حُذف latest")
            assert not (corpus / "latest.txt").is_symlink()
            assert (corpus / f"{SYRIA_DOC}.txt").is_file()  # the target is untouched
            ids = {doc.doc_id for doc in await bot.engine.store.document_summaries()}
            assert SYRIA_DOC in ids and "latest" not in ids
            bot.stub.assert_no_errors()

    run(body)


def test_remove_through_a_symlink_to_a_file_of_several_documents_is_refused(tmp_path: Path) -> None:
    async def body() -> None:
        corpus = copy_corpus(tmp_path)
        rows = [
            {"doc_id": f"wire/{n}", "text": f"خبر رقم {n} عن افتتاح جسر جديد في المدينة."} for n in (1, 2)
        ]
        (corpus / "wire.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
        (corpus / "mirror.jsonl").symlink_to("wire.jsonl")
        async with running_bot(tmp_path, corpus=corpus) as bot:
            # mirror.jsonl sorts first, so the index took wire/1 and wire/2 from the link.
            assert (await bot.engine.store.document_file("wire/1")) == ("mirror.jsonl", 2)
            refusal = (await bot.private("/remove wire/1", user_id=ADMIN_ID)).result["text"]
            assert refusal == plain(text("remove_in_linked_file", "ar", file="mirror.jsonl"))
            assert (corpus / "mirror.jsonl").is_symlink()
            assert (corpus / "wire.jsonl").read_text().count("wire/") == 2
            bot.stub.assert_no_errors()

    run(body)


def _freezing_article() -> str:
    """What froze every chat: a paragraph ending in a long run of dots with no space after it
    (splitting was quadratic in it: 48 KB took 20 s), and short lines each repeating part of a
    long one (the repeated-text check compared every line with every other). Sized to stall
    the old code ~10 s and to be embedded quickly (one long passage)."""
    words = [f"كلمة{n}" for n in range(300)]
    windows = {" ".join(words[i : i + size]) for size in range(4, 10) for i in range(0, 300 - size)}
    long_line = " ".join(words) + " " + "." * 24_000 + "النهاية"
    return "\n".join(["عنوان الملف", long_line, *sorted(windows)]) + "\n"


async def _longest_stall(done: asyncio.Event) -> float:
    """The longest time the event loop went without running this coroutine, until `done`."""
    longest, last = 0.0, time.monotonic()
    while not done.is_set():
        await asyncio.sleep(0.01)
        now = time.monotonic()
        longest, last = max(longest, now - last), now
    return longest


def test_pathological_upload_does_not_freeze_other_chats(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            done = asyncio.Event()
            stall = asyncio.create_task(_longest_stall(done))
            upload = bot.stub.inject_document(
                _freezing_article().encode(), file_name="freeze.txt", user_id=ADMIN_ID
            )
            while not bot.stub.downloads:  # the bot has the file and is working on it
                await asyncio.sleep(0.01)
            asked = time.monotonic()
            answer = await bot.private(GENEVA_AR, user_id=USER_ID)
            assert time.monotonic() - asked < 1.0
            assert GENEVA_HEADLINE in answer.result["text"]
            added = (await bot.reply_to(upload, timeout=90)).result["text"]
            assert added.startswith("✅ أضيف freeze.txt")
            done.set()
            # Every chat was served throughout: the loop never stopped for long (parsing this
            # on it stopped every chat for ~10 s).
            assert await stall < 1.0
            bot.stub.assert_no_errors()

    run(body)


def test_two_admins_uploading_one_name_at_once_are_each_told_the_truth(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, admin_ids=(ADMIN_ID, SECOND_ADMIN)) as bot:
            # One upload reuses a doc id of another file (found only when indexing), the other
            # is fine: whichever is indexed first, the bad one must be refused and rolled back
            # without touching the good one (unserialized, the bad one was told "added").
            bad = json.dumps({"doc_id": SYRIA_DOC, "text": "نص مكرر المعرف عن جسر الصداقة الجديد."})
            good = json.dumps({"doc_id": "wire/1", "text": "افتتح مهرجان التمور الدولي في واحة النخيل."})
            first = bot.stub.inject_document(
                bad.encode(), file_name="wire.jsonl", user_id=ADMIN_ID, language_code="en"
            )
            second = bot.stub.inject_document(
                good.encode(), file_name="wire.jsonl", user_id=SECOND_ADMIN, language_code="en"
            )
            refused = (await bot.reply_to(first)).result["text"]
            accepted = (await bot.reply_to(second)).result["text"]
            assert refused.startswith("The file was not added: wire.jsonl") and "already used" in refused
            assert accepted.startswith(("✅ Added wire.jsonl: wire/1.", "✅ Replaced wire.jsonl: wire/1."))
            assert json.loads((bot.corpus / "wire.jsonl").read_text())["doc_id"] == "wire/1"
            assert await bot.engine.store.document_file("wire/1") == ("wire.jsonl", 1)
            assert (await bot.engine.store.document_file(SYRIA_DOC))[0] == f"{SYRIA_DOC}.txt"
            bot.stub.assert_no_errors()

    run(body)


def test_upload_named_like_a_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            (bot.corpus / "bridge.txt").mkdir()
            (bot.corpus / "bridge.txt" / "inside.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            update = bot.stub.inject_document(NEW_ARTICLE.encode(), file_name="bridge.txt", user_id=ADMIN_ID)
            refusal = (await bot.reply_to(update)).result["text"]
            assert refusal == plain(text("upload_name_is_folder", "ar", name="bridge.txt"))
            assert (bot.corpus / "bridge.txt" / "inside.txt").read_text(encoding="utf-8") == NEW_ARTICLE
            bot.stub.assert_no_errors()

    run(body)


@contextlib.contextmanager
def full_disk(path: Path):
    """`path` as a tiny tmpfs, filled up: real ENOSPC on write. Needs root (mount)."""
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(path)],
                                           capture_output=True).returncode:  # fmt: skip
        pytest.skip("a full disk is simulated with a tiny tmpfs, which needs root and mount")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_upload_onto_a_full_disk_says_the_disk_is_full_and_changes_nothing(tmp_path: Path) -> None:
    async def body() -> None:
        with full_disk(tmp_path / "disk") as disk:
            corpus = disk / "corpus"
            corpus.mkdir()
            (corpus / "bridge.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            async with running_bot(tmp_path, corpus=corpus) as bot:
                with contextlib.suppress(OSError), open(disk / "filler", "wb") as filler:
                    while True:
                        filler.write(b"\0" * 4096)
                        filler.flush()
                changed = NEW_ARTICLE.replace("عشر دقائق", "خمس دقائق").encode()
                update = bot.stub.inject_document(changed, file_name="bridge.txt", user_id=ADMIN_ID)
                refusal = (await bot.reply_to(update)).result["text"]
                assert refusal == plain(text("upload_disk_full", "ar"))
                assert (corpus / "bridge.txt").read_text(encoding="utf-8") == NEW_ARTICLE
                assert sorted(p.name for p in corpus.iterdir()) == ["bridge.txt"]
                bot.stub.assert_no_errors()

    run(body)
