"""A saved word table is read back line by line when looked up: the lines must be those of
decoding and splitting the whole blob, and the table must answer as the built one."""

from __future__ import annotations

import pytest

from retrieval.filed_words import FiledWords, Lines


@pytest.mark.parametrize("blob", [b"", b"a", b"a\n", b"\n\n", "\nب ت\nجدة مكة".encode()])
def test_lines_are_the_blobs_lines(blob: bytes) -> None:
    assert list(Lines(blob)) == blob.decode("utf-8").split("\n")


def test_a_saved_table_answers_as_the_built_one() -> None:
    built = FiledWords.of({"jd": {"جدة", "جده"}, "mk": {"مكة"}, "": {"و"}})
    saved = FiledWords.from_blobs(*built.to_blobs())
    for key in ("jd", "mk", "", "zz", "j"):
        assert saved.get(key) == built.get(key)
    assert saved.get("jd") == sorted({"جدة", "جده"})


def test_inconsistent_blobs_are_refused() -> None:
    with pytest.raises(ValueError, match="inconsistent"):
        FiledWords.from_blobs(b"a\nb", b"x")
