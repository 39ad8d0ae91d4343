"""Reading the corpus directory as an unlucky operator leaves it: an unreadable folder, a folder
tree 1000 levels deep, a bulk JSON Lines export larger than any article with bad lines in it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "corpusbot"
ARTICLE = "تقرير المتحف\n\nافتتح المتحف الوطني الجديد أبوابه للزوار في العاصمة صباح اليوم.\n"
OTHER_ARTICLE = "خبر آخر\n\nفاز الفريق بالمباراة النهائية للبطولة.\n"
QUESTION = "هل افتتح المتحف الوطني الجديد أبوابه للزوار؟"


# Root reads a chmod 000 folder all the same: as root, the command runs without the two
# capabilities that bypass file permissions, so the folder really cannot be listed.
AS_AN_ORDINARY_USER = (
    ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)


def corpusbot(*args: str, cwd: Path, prefix: list[str] = AS_AN_ORDINARY_USER) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    env.update(HOME=str(cwd), XDG_DATA_HOME=str(cwd / "data"), NO_COLOR="1", CORPUSBOT_DENSE="0")
    return subprocess.run(
        [*prefix, str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_unreadable_subfolder_is_reported_and_its_documents_keep_serving(tmp_path: Path) -> None:
    if AS_AN_ORDINARY_USER and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a chmod 000 folder cannot be made unreadable")
    corpus = tmp_path / "corpus"
    (corpus / "museums").mkdir(parents=True)
    (corpus / "museums" / "opening.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "other.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    db = str(tmp_path / "store.sqlite3")
    first = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("2 documents,")

    (corpus / "museums").chmod(0o000)
    try:
        again = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
        assert again.returncode == 3, again.stderr
        assert "skipped museums/: cannot read folder (Permission denied)" in again.stderr
        assert again.stdout.startswith("2 documents,") and "removed 0" in again.stdout
        asked = corpusbot("ask", "--db", db, "--json", QUESTION, cwd=tmp_path)
        assert json.loads(asked.stdout)["answers"][0]["doc_id"] == "museums/opening"
        doctor = corpusbot("doctor", "--offline", "--db", db, "--corpus", str(corpus), cwd=tmp_path)
        assert "cannot read folder museums/" in doctor.stdout and "removed" not in doctor.stdout
        # Reported once: while nothing changes, a cron job's index run succeeds.
        third = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
        assert third.returncode == 0 and "cannot read folder" in third.stderr
    finally:
        (corpus / "museums").chmod(0o755)


def test_folder_tree_1000_levels_deep_does_not_crash_index_or_doctor(tmp_path: Path) -> None:
    # The recursive walk raised RecursionError from about 1000 levels (Python 3.11).
    corpus = tmp_path / "corpus"
    deep = corpus
    corpus.mkdir()
    for _ in range(1000):  # one at a time: mkdir(parents=True) recurses too
        deep /= "d"
        deep.mkdir()
    try:
        (deep / "deep.txt").write_text(ARTICLE, encoding="utf-8")
        db = str(tmp_path / "store.sqlite3")
        done = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith("1 documents,")
        doctor = corpusbot("doctor", "--offline", "--db", db, "--corpus", str(corpus), cwd=tmp_path)
        assert "RecursionError" not in doctor.stderr and "up to date" in doctor.stdout, (
            doctor.stdout + doctor.stderr
        )
    finally:  # pytest's own clean-up would recurse 1000 levels deep too
        (deep / "deep.txt").unlink(missing_ok=True)
        while deep != corpus:
            deep.rmdir()
            deep = deep.parent


def test_bulk_jsonl_with_bad_lines_is_indexed_but_for_them_with_no_size_cap(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = []
    for n in range(1, 3001):
        row = {"doc_id": f"wire/{n}", "title": f"خبر {n}", "text": f"افتتح المعرض رقم {n} في المدينة اليوم."}
        lines.append(json.dumps(row, ensure_ascii=False))
    lines[16] = json.dumps({"doc_id": "wire/17", "text": "— — —"})  # no text after cleaning
    lines[99] = "{not json"
    lines[1999] = json.dumps({"doc_id": "wire/2000"})
    lines[2499] = json.dumps({"doc_id": "wire/1", "text": "نص آخر بالمعرف نفسه عن معرض."})
    # Past the 20 MB limit for article files, cheaply: a record padded with JSON whitespace.
    lines[5] = lines[5] + " " * (21 * 1024 * 1024)
    (corpus / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (corpus / "big.jsonl").stat().st_size > 20 * 1024 * 1024
    db = str(tmp_path / "store.sqlite3")
    done = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("2996 documents,")
    skipped = [line for line in done.stderr.splitlines() if line.startswith("corpusbot: skipped")]
    assert skipped == [
        "corpusbot: skipped big.jsonl line 17: no article text after cleaning",
        "corpusbot: skipped big.jsonl line 100: not valid JSON "
        "(Expecting property name enclosed in double quotes)",
        'corpusbot: skipped big.jsonl line 2000: each line needs a "text" string',
        "corpusbot: skipped big.jsonl line 2500: duplicate doc_id 'wire/1'",
    ]
    asked = corpusbot("ask", "--db", db, "--json", "أين افتتح المعرض رقم 2999؟", cwd=tmp_path)
    assert json.loads(asked.stdout)["answers"][0]["doc_id"] == "wire/2999"
    again = corpusbot("index", "--corpus", str(corpus), "--db", db, cwd=tmp_path)
    # Nothing changed: the same lines are listed, and the run succeeds.
    assert again.returncode == 0 and sorted(again.stderr.splitlines()) == sorted(done.stderr.splitlines())
