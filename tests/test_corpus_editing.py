"""Corpus editing (retrieval/corpus_editing.py): upload names, refused bytes with their reason
codes, documents removed from files, edits undone."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.corpus_editing import (
    add_file,
    check_editable,
    document_file_name,
    document_ids,
    remove_document,
    safe_file_name,
    undo,
)
from retrieval.models import CorpusError


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("article.txt", "article.txt"),
        ("Bridge News.TXT", "Bridge_News.txt"),
        ("مقال جديد.md", "مقال_جديد.md"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win.jsonl", "win.jsonl"),
        (".hidden.txt", "hidden.txt"),
        ("_private.txt", "private.txt"),
        ("a\x00b.txt", "a_b.txt"),
        ("x" * 300 + ".txt", "x" * 96 + ".txt"),
        ("..", None),
        (".txt", None),
        ("noextension", None),
        ("README.md", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_file_name(raw: str | None, safe: str | None) -> None:
    assert safe_file_name(raw) == safe


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (("عنوان\n" + "نص عربي عن محادثات جنيف. " * 5).encode(), None),
        (("\ufeffعنوان\n" + "نص عربي عن محادثات جنيف. " * 5).encode(), None),
        (b"", "empty"),
        (b" \n\t", "empty"),
        (b"abc\x00def", "binary"),
        ("عربي".encode("cp1256"), "not_utf8"),
    ],
)
def test_bytes_of_an_upload_are_refused_with_a_reason(
    tmp_path: Path, data: bytes, problem: str | None
) -> None:
    if problem is None:
        assert document_ids(tmp_path, "a.txt", data) == ["a"]
        return
    with pytest.raises(CorpusError) as refused:
        document_ids(tmp_path, "a.txt", data)
    assert refused.value.reason == problem


def test_document_file_name_refuses_unusable_names_and_other_types() -> None:
    assert document_file_name("Bridge News.TXT") == "Bridge_News.txt"
    for raw, reason in (("..", "bad_name"), ("photo.png", "bad_type")):
        with pytest.raises(CorpusError) as refused:
            document_file_name(raw)
        assert refused.value.reason == reason


def test_the_bundled_corpus_is_never_editable(tmp_path: Path) -> None:
    from corpus import BUNDLED_CORPUS

    with pytest.raises(CorpusError) as refused:
        check_editable(BUNDLED_CORPUS)
    assert refused.value.reason == "read_only"
    check_editable(tmp_path)  # a folder of our own is


def test_an_added_file_is_undone_to_what_it_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("قديم", encoding="utf-8")
    edit = add_file(tmp_path, "a.txt", "جديد".encode(), ["a"])
    assert edit.replaced and (tmp_path / "a.txt").read_text(encoding="utf-8") == "جديد"
    undo(edit)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "قديم"
    undo(add_file(tmp_path, "b.txt", "نص".encode(), ["b"]))
    assert not (tmp_path / "b.txt").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]  # no temporary left


def test_removing_a_document_keeps_the_other_lines_of_its_jsonl_file(tmp_path: Path) -> None:
    rows = '{"doc_id": "x", "text": "نص"}\n{"doc_id": "y", "text": "نص"}\n'
    (tmp_path / "many.jsonl").write_text(rows, encoding="utf-8")
    assert remove_document(tmp_path, "many.jsonl", 2, "x")
    assert (tmp_path / "many.jsonl").read_text(encoding="utf-8") == '{"doc_id": "y", "text": "نص"}\n'
    assert remove_document(tmp_path, "many.jsonl", 1, "y")
    assert not (tmp_path / "many.jsonl").exists()


def test_a_file_outside_the_corpus_is_never_removed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("x", encoding="utf-8")
    assert not remove_document(corpus, "../secret.txt", 1, "secret")
    assert outside.exists()
