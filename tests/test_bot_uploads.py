"""Admins add documents by sending .txt, .md or .jsonl files; anything else is refused, and
nothing is ever written outside the corpus directory."""

from __future__ import annotations

import json
from pathlib import Path

from async_runner import run
from bot_harness import ADMIN_ID, NEW_ARTICLE, NEW_QUESTION, plain, running_bot

from bot.texts import text


def corpus_files(corpus: Path) -> set[str]:
    return {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}


def test_an_admin_uploads_articles_that_are_then_answered(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            article = NEW_ARTICLE.encode()
            upload = bot.stub.inject_document(article, file_name="Bridge News.TXT", user_id=ADMIN_ID)
            added = (await bot.reply_to(upload)).result["text"]
            passages = (await bot.engine.store.counts())[1]
            assert (
                added == f"✅ أضيف Bridge_News.txt: Bridge_News. في المجموعة الآن 6 مقالًا و{passages} فقرة."
            )
            assert (bot.corpus / "Bridge_News.txt").read_text(encoding="utf-8") == NEW_ARTICLE
            assert "زيلاندوفيا تفتتح جسر الصداقة" in (await bot.private(NEW_QUESTION)).result["text"]

            lines = [
                {
                    "doc_id": "wire/1",
                    "title": "سباق القوارب في بحيرة الزمرد",
                    "text": "فاز فريق الشمال بسباق القوارب السنوي في بحيرة الزمرد.",
                },
                {
                    "doc_id": "wire/2",
                    "title": "مهرجان التمور",
                    "text": "افتتح مهرجان التمور الدولي في واحة النخيل بمشاركة واسعة.",
                },
            ]
            data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
            wire = bot.stub.inject_document(
                data, file_name="wire.jsonl", user_id=ADMIN_ID, language_code="en"
            )
            reply = (await bot.reply_to(wire)).result["text"]
            assert reply.startswith("✅ Added wire.jsonl: wire/1, wire/2. The corpus now has 8 documents")
            boats = "من فاز بسباق القوارب في بحيرة الزمرد؟"
            assert "بحيرة الزمرد" in (await bot.private(boats)).result["text"]

            # Sending a file of the same name replaces it.
            changed = NEW_ARTICLE.replace("عشر دقائق", "خمس دقائق").encode()
            again = bot.stub.inject_document(changed, file_name="Bridge_News.txt", user_id=ADMIN_ID)
            assert (await bot.reply_to(again)).result["text"].startswith("✅ استُبدل Bridge_News.txt")

            # /remove takes a document out of a JSON Lines file and keeps the others.
            removed = bot.stub.inject_private_message("/remove wire/1", user_id=ADMIN_ID)
            assert (await bot.reply_to(removed)).result["text"].startswith("🗑 حُذف wire/1")
            remaining = (bot.corpus / "wire.jsonl").read_text(encoding="utf-8")
            assert '"wire/2"' in remaining and '"wire/1"' not in remaining
            assert not bot.engine.answer(boats).answered
            bot.stub.assert_no_errors()

    run(body)


def test_bad_uploads_are_refused_with_a_reason_and_nothing_is_written(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, max_upload_bytes=4096) as bot:
            before = corpus_files(bot.corpus)
            cases = [
                (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt", text("upload_binary", "ar")),
                ("مقال بترميز قديم".encode("cp1256"), "old.txt", text("upload_not_utf8", "ar", position=0)),
                (b"  \n\n ", "blank.md", text("upload_empty", "ar")),
                (b"x" * 5000, "big.txt", text("upload_too_large", "ar", size="5 KB", limit="4 KB")),
                (NEW_ARTICLE.encode(), "report.pdf", text("upload_bad_type", "ar")),
                (NEW_ARTICLE.encode(), "setup.exe", text("upload_bad_type", "ar")),
                (NEW_ARTICLE.encode(), "..", text("upload_bad_name", "ar")),
                (NEW_ARTICLE.encode(), ".txt", text("upload_bad_name", "ar")),
                (NEW_ARTICLE.encode(), "README.txt", text("upload_bad_name", "ar")),
                (b'{"doc_id": "a", "text": "x"}\nnot json\n', "bad.jsonl", None),
            ]
            for content, name, expected in cases:
                update = bot.stub.inject_document(content, file_name=name, user_id=ADMIN_ID)
                refusal = (await bot.reply_to(update)).result["text"]
                if expected is None:
                    assert refusal.startswith("لم أضف الملف: bad.jsonl line 2: not valid JSON"), refusal
                else:
                    assert refusal == plain(expected), name
            assert corpus_files(bot.corpus) == before
            assert (await bot.engine.store.counts())[0] == 5
            bot.stub.assert_no_errors()

    run(body)


def test_path_tricks_in_file_names_stay_inside_the_corpus(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path) as bot:
            tricks = {
                "../../escape.txt": "escape.txt",
                "..\\..\\windows.md": "windows.md",
                "/etc/cron.d/evil.txt": "evil.txt",
                ".hidden.txt": "hidden.txt",
                "a/../../b c?*<>|.txt": "b_c.txt",
            }
            for number, (name, saved) in enumerate(tricks.items()):
                article = NEW_ARTICLE.replace("جسر الصداقة", f"جسر رقم {number}").encode()
                update = bot.stub.inject_document(article, file_name=name, user_id=ADMIN_ID)
                assert f"أضيف {saved}:" in (await bot.reply_to(update)).result["text"], name
                assert (bot.corpus / saved).is_file()
            outside = {p.name for p in tmp_path.rglob("*") if p.is_file() and bot.corpus not in p.parents}
            assert outside <= {"store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm"}
            assert not list(bot.corpus.glob(".upload-*"))
            bot.stub.assert_no_errors()

    run(body)


def test_uploads_to_the_bundled_corpus_are_refused_with_the_fix(tmp_path: Path) -> None:
    async def body() -> None:
        async with running_bot(tmp_path, bundled=True) as bot:
            update = bot.stub.inject_document(NEW_ARTICLE.encode(), file_name="x.txt", user_id=ADMIN_ID)
            refusal = (await bot.reply_to(update)).result["text"]
            assert refusal == plain(text("corpus_read_only", "ar"))
            assert "CORPUSBOT_CORPUS" in refusal
            remove = bot.stub.inject_private_message("/remove 003_b556f401f158842d", user_id=ADMIN_ID)
            assert "CORPUSBOT_CORPUS" in (await bot.reply_to(remove)).result["text"]
            assert not (bot.corpus / "x.txt").exists() and bot.stub.downloads == []
            bot.stub.assert_no_errors()

    run(body)
