"""Exports in the corpus directory behind the source seam: a 10,000-row CSV streamed with its
bad rows reported by line and skipped, and saved web pages read with the web extractor."""

from __future__ import annotations

import asyncio
import csv
import time
from pathlib import Path

import pytest
from web_pages import article_html, make_articles

from retrieval.engine import Engine
from retrieval.sources.base import Skipped
from retrieval.sources.csv_export import CsvExport


@pytest.fixture(autouse=True)
def no_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")  # 10,000 rows: what is tested is reading them


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def refresh(tmp_path: Path, corpus: Path):
    async def body():
        engine = await Engine.open(tmp_path / "store.sqlite3", corpus)
        try:
            return await engine.refresh(), engine.answer("كم عدد الأشجار التي زرعتها قرية الصفصاف 7777؟")
        finally:
            await engine.close()

    return asyncio.run(body())


def test_10000_row_csv_indexes_and_its_bad_rows_are_reported_by_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [["id", "title", "date", "source", "text"]]
    for n in range(10_000):
        rows.append(
            [f"row-{n}", f"قرية الصفصاف {n} تزرع الأشجار", "2024-05-01", "وكالة الاختبار",
             f"زرعت قرية الصفصاف {n} اليوم {n + 3} شجرة زيتون في حملة تطوعية شارك فيها الأهالي."]
        )  # fmt: skip
    rows[101] = ["row-bad-1", "عنوان", "2024-05-01", "وكالة"]  # a field short
    rows[202][4] = "   "  # no text
    rows[303][2] = "أمس"  # not a date
    write_csv(corpus / "export.csv", rows)
    started = time.perf_counter()
    report, answer = refresh(tmp_path, corpus)
    took = time.perf_counter() - started
    assert report.documents == 9_997, report.errors
    assert sorted(report.errors) == sorted(
        [
            "export.csv:102: 4 fields, the header has 5",
            "export.csv:203: no article text after cleaning",
            "export.csv:304: date must be YYYY-MM-DD, got 'أمس'",
        ]
    )
    assert answer.answered and answer.results[0].citation.title == "قرية الصفصاف 7777 تزرع الأشجار"
    assert answer.results[0].doc_id == "row-7777" and "7780" in answer.results[0].snippet
    print(f"10,000-row CSV indexed in {took:.1f} s")


def test_bad_rows_of_an_unchanged_csv_stay_in_the_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "زرعت قرية الصفصاف اليوم ألف شجرة زيتون في حملة تطوعية شارك فيها الأهالي."
    write_csv(corpus / "export.csv", [["id", "date", "text"], ["a", "2024-05-01", text], ["b", "أمس", text]])
    first, _ = refresh(tmp_path, corpus)
    again, _ = refresh(tmp_path, corpus)  # nothing changed: export.csv is not read again
    bad_row = "export.csv:3: date must be YYYY-MM-DD, got 'أمس'"
    assert first.errors == first.new_errors == [bad_row]
    assert again.errors == [bad_row] and again.new_errors == [] and not again.modified


def test_csv_cells_larger_than_csvs_default_limit_are_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    long_text = "جملة طويلة عن الزراعة في القرية. " * 8000  # ~270 KB in one cell
    write_csv(path, [["url", "text"], ["http://news.test/a", long_text]])
    (document,) = CsvExport(path, "big.csv", "big").documents()
    assert not isinstance(document, Skipped) and len(document.body) > 200_000
    assert document.doc_id.startswith("big/") and document.url == "http://news.test/a"


def test_csv_without_a_text_column_is_one_error_for_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_csv(corpus / "bad.csv", [["title", "date"], ["x", "2024-01-01"]])
    report, _ = refresh(tmp_path, corpus)
    assert report.documents == 0 and report.errors == ["bad.csv: no text column (one of text, body, content, "
                                                       "article) in the header"]  # fmt: skip


def test_saved_html_page_is_indexed_without_the_sites_furniture(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = make_articles(3)[2]
    (corpus / "saved.html").write_text(article_html(article, "http://news.test/n/3"), encoding="utf-8")

    async def body() -> None:
        engine = await Engine.open(tmp_path / "store.sqlite3", corpus)
        try:
            report = await engine.refresh()
            assert report.added == ["saved"] and not report.errors
            (doc,) = await engine.store.documents()
            assert doc.title == article.title and doc.date == article.day.strftime("%Y-%m-%d")
            assert doc.url == "http://news.test/n/3" and doc.source == "صحيفة الواحة"
            assert "فيسبوك" not in doc.body and "أبو خالد" not in doc.body
            assert engine.answer(article.question).answered
        finally:
            await engine.close()

    asyncio.run(body())
