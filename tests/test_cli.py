"""The `corpusbot` command line as a user runs it: a separate process, from another directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GENEVA_QUESTION = "أين عقدت محادثات الاستقرار الاستراتيجي؟"
UNANSWERABLE = "ما نتيجة مباراة ريال مدريد وبرشلونة أمس؟"
ANSWER_KEYS = {"rank", "doc_id", "passage_id", "title", "source", "date", "url", "snippet", "score"}
SCRIPT = Path(sys.executable).parent / "corpusbot"


@pytest.fixture
def home(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), NO_COLOR="1")
    return tmp_path, env


COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]


def corpusbot(home, *args, stdin=None):
    """The command's run; "\udcff" in `args` or `stdin` is sent as the raw byte 0xff."""
    cwd, env = home
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120,
        encoding="utf-8", errors="surrogateescape",
    )  # fmt: skip


def test_ask_works_straight_after_install_from_any_directory(home):
    done = corpusbot(home, "ask", GENEVA_QUESTION)
    assert done.returncode == 0, done.stderr
    assert "جنيف" in done.stdout and "[003_b556f401f158842d]" in done.stdout  # the Geneva article
    assert (home[0] / "data" / "corpusbot" / "corpusbot.sqlite3").exists()


def test_json_schema_and_not_found(home):
    done = corpusbot(home, "ask", "--json", "-k", "2", stdin=f"{GENEVA_QUESTION}\n\n{UNANSWERABLE}\n")
    assert done.returncode == 0, done.stderr
    found, missing = [json.loads(line) for line in done.stdout.splitlines()]
    assert set(found) >= {"question", "lang", "answered", "took_ms", "answers"}
    assert found["question"] == GENEVA_QUESTION and found["lang"] == "ar" and found["answered"] is True
    assert 1 <= len(found["answers"]) <= 2
    for rank, answer in enumerate(found["answers"], start=1):
        assert set(answer) >= ANSWER_KEYS and answer["rank"] == rank
        assert isinstance(answer["score"], float) and answer["passage_id"].startswith(answer["doc_id"])
        for start, end in answer["highlights"]:
            assert 0 <= start < end <= len(answer["snippet"])
    # Both the Geneva article and the one on the Geneva summit answer it.
    assert "جنيف" in found["answers"][0]["snippet"] or "بجنيف" in found["answers"][0]["snippet"]
    assert missing == {**missing, "answered": False, "answers": [], "question": UNANSWERABLE}


def test_snippets_are_verbatim_slices_of_the_source_article(home):
    done = corpusbot(home, "ask", "--json", "-k", "3", "من هي المتحدثة باسم البيت الابيض؟")
    answers = json.loads(done.stdout)["answers"]
    assert answers
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for answer in answers:
        assert answer["snippet"] in (corpus / f"{answer['doc_id']}.txt").read_text("utf-8")


def test_index_prints_counts_and_refresh_is_a_noop(home, tmp_path):
    db = str(tmp_path / "x.sqlite3")
    first = corpusbot(home, "index", "--db", db)
    assert first.returncode == 0 and first.stdout.startswith("5 documents,") and "added 5" in first.stdout
    second = corpusbot(home, "index", "--db", db)
    assert "added 0, changed 0, removed 0" in second.stdout


def test_own_corpus_and_a_bad_file(home, tmp_path):
    corpus = tmp_path / "mine"
    corpus.mkdir()
    note = "تقرير\nافتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت."
    (corpus / "note.txt").write_text(note, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    db = str(tmp_path / "mine.sqlite3")
    done = corpusbot(home, "index", "--corpus", str(corpus), "--db", db)
    assert done.returncode == 3 and "skipped bad.txt: binary file" in done.stderr
    assert done.stdout.startswith("1 documents,")
    # Nothing changed since: the skip is listed again, but a cron job is not failed forever.
    again = corpusbot(home, "index", "--corpus", str(corpus), "--db", db)
    assert again.returncode == 0 and "skipped bad.txt: binary file" in again.stderr
    # The store remembers its corpus: asking without --corpus uses it.
    answer = json.loads(corpusbot(home, "ask", "--db", db, "--json", "متى افتتح المتحف").stdout)
    assert answer["answers"][0]["doc_id"] == "note"


def test_a_store_whose_corpus_folder_is_gone_still_answers(home, tmp_path):
    """The folder a store was built from is deleted: `ask` answers from the store as indexed
    and says why it did not refresh; naming a missing folder is still an error."""
    corpus = tmp_path / "gone"
    corpus.mkdir()
    (corpus / "note.txt").write_text("تقرير\nافتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت.", "utf-8")
    db = str(tmp_path / "gone.sqlite3")
    assert corpusbot(home, "index", "--corpus", str(corpus), "--db", db).returncode == 0
    (corpus / "note.txt").unlink()
    corpus.rmdir()
    done = corpusbot(home, "ask", "--db", db, "--json", "متى افتتح المتحف")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answers"][0]["doc_id"] == "note"
    assert "the corpus this store was built from is gone" in done.stderr and str(corpus) in done.stderr
    named = corpusbot(home, "ask", "--db", db, "--corpus", str(corpus), "متى افتتح المتحف")
    assert named.returncode == 1 and "corpus directory not found" in named.stderr


def test_ask_says_what_it_skipped_once_and_doctor_keeps_saying_it(home, tmp_path):
    """A bad line known from indexing is not repeated on every `ask`; `index` and `doctor` list it."""
    corpus = tmp_path / "lines"
    corpus.mkdir()
    good = '{"doc_id": "museum", "text": "افتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت."}'
    (corpus / "news.jsonl").write_text(f"{good}\n{{not json\n", encoding="utf-8")
    db = str(tmp_path / "lines.sqlite3")
    first = corpusbot(home, "ask", "--corpus", str(corpus), "--db", db, "متى افتتح المتحف")
    assert first.returncode == 0 and "skipped news.jsonl line 2" in first.stderr  # built by this ask
    again = corpusbot(home, "ask", "--db", db, "متى افتتح المتحف")
    assert again.returncode == 0 and "المتحف" in again.stdout and again.stderr == ""
    assert "skipped news.jsonl line 2" in corpusbot(home, "index", "--db", db).stderr
    doctor = corpusbot(home, "doctor", "--offline", "--db", db)
    assert "WARN  skipped: 1 at the last index: news.jsonl line 2" in doctor.stdout


def test_json_says_where_an_inferred_date_was_read(home, tmp_path):
    """A date from the URL's folders, from the article's dateline, or given: `date_from` tells
    them apart, and the text reply says which (`date_inferred` stays as it was)."""
    corpus = tmp_path / "dated"
    corpus.mkdir()
    body = "افتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت في {city}."
    (corpus / "by_url.txt").write_text(
        f"---\nurl: https://x.example/2015/08/04/museum\n---\nمتحف\n{body.format(city='تبوك')}",
        encoding="utf-8",
    )
    (corpus / "by_text.txt").write_text(
        f"متحف\nالثلاثاء 4 أغسطس 2015\n{body.format(city='حائل')}", encoding="utf-8"
    )
    (corpus / "given.txt").write_text(
        f"---\ndate: 2015-08-04\n---\nمتحف\n{body.format(city='نجران')}", encoding="utf-8"
    )
    db = str(tmp_path / "dated.sqlite3")
    assert corpusbot(home, "index", "--corpus", str(corpus), "--db", db).returncode == 0
    done = corpusbot(home, "ask", "--db", db, "--json", "-k", "3", "متى افتتح المتحف الوطني الجديد")
    answers = {a["doc_id"]: a for a in json.loads(done.stdout)["answers"]}
    assert {d: (a["date"], a["date_inferred"], a["date_from"]) for d, a in answers.items()} == {
        "by_url": ("2015-08-04", True, "url"),
        "by_text": ("2015-08-04", True, "text"),
        "given": ("2015-08-04", False, ""),
    }
    shown = corpusbot(home, "ask", "--db", db, "-k", "3", "متى افتتح المتحف الوطني الجديد").stdout
    assert "(التاريخ من رابط الخبر)" in shown and "(التاريخ من نص الخبر)" in shown


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("ask", "   "), 2, "empty question"),
        (("ask", "س" * 3000), 2, "question too long"),
        (("ask", "--corpus", "/nonexistent/dir", "سؤال"), 1, "corpus directory not found"),
        (("ask", "-k", "0", "سؤال"), 2, "-k must be at least 1"),
        (("serve",), 2, "TELEGRAM_BOT_TOKEN is not set"),
    ],
)
def test_errors_are_one_clear_line(home, args, code, message):
    done = corpusbot(home, *args)
    assert done.returncode == code
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_corrupt_database_is_reported_not_overwritten(home, tmp_path):
    db = tmp_path / "corrupt.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    done = corpusbot(home, "ask", "--db", str(db), "سؤال")
    assert done.returncode == 1 and "not a usable corpusbot database" in done.stderr
    assert db.read_bytes() == b"garbage" * 1000


def test_english_question_gets_english_interface(home):
    done = corpusbot(home, "ask", "What was the score of the Real Madrid match?")
    assert done.returncode == 0 and "Nothing in the corpus answers this question." in done.stdout


LAVROV_BAD_BYTE = "لافروف \udcff"  # a question with the byte 0xff, which UTF-8 never has


def test_invalid_utf8_on_stdin_is_replaced_and_the_rest_of_the_batch_is_answered(home):
    done = corpusbot(home, "ask", "--json", stdin=f"{LAVROV_BAD_BYTE}\n{GENEVA_QUESTION}\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    first, second = [json.loads(line) for line in done.stdout.splitlines()]
    assert first["question"] == "لافروف \ufffd"
    assert second["question"] == GENEVA_QUESTION and second["answered"]
    assert done.stderr == "corpusbot: line 1: not UTF-8, bad bytes replaced by \ufffd\n"


def test_invalid_utf8_in_the_question_argument_is_replaced(home):
    done = corpusbot(home, "ask", "--json", LAVROV_BAD_BYTE)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(done.stdout)["question"] == "لافروف \ufffd"
    assert done.stderr == "corpusbot: the question: not UTF-8, bad bytes replaced by \ufffd\n"


def test_a_reader_that_stops_early_gets_no_broken_pipe_traceback(home):
    cwd, env = home
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    with subprocess.Popen([*COMMAND, "ask"], cwd=cwd, env=env, **pipes) as process:
        # More answers than a pipe buffers, so the writer meets the closed pipe.
        process.stdin.write(f"{GENEVA_QUESTION}\n".encode() * 100)
        process.stdin.close()
        assert GENEVA_QUESTION in process.stdout.readline().decode()  # `| head -1`
        process.stdout.close()
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert stderr == "" and code == 141  # quiet, with the status of a process killed by SIGPIPE


def test_json_closest_passages_keep_answered_false_and_answers_empty(home):
    question = "هل تم تبادل السجناء بين روسيا وامريكا في ديسمبر 2022"
    done = corpusbot(home, "ask", "--json", question)
    reply = json.loads(done.stdout)
    assert reply["answered"] is False and reply["answers"] == []  # old consumers see "not found"
    assert reply["outcome"] == "closest" and reply["reason"] == "missing_words"
    assert reply["missing"] == ["2022"] and reply["closest"]
    assert set(reply["closest"][0]) >= ANSWER_KEYS
    text = corpusbot(home, "ask", question).stdout
    assert "ليس في المقالات: 2022" in text and "أقرب الفقرات" in text
