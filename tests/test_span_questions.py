"""Span question sets (tests/questions/snn-*.jsonl): gold ids and answers read from the corpus."""

import json

from retrieval.evaluate import main, question_sets, story_of
from retrieval.span_questions import resolve_span_questions

ROWS = [
    {"doc_id": "daily/20150721-00001", "title": "Port", "text": "The new port opens in Jeddah on Monday."},
    {"doc_id": "daily/20150721-00002", "title": "Rain", "text": "Heavy rain fell on Abha for three days."},
]


def _corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "daily.jsonl").write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", "utf-8")
    return folder


def _span_question(**extra):
    record = {
        "question": "how long did it rain in abha",
        "lang": "en",
        "kind": "english",
        "answerable": True,
        "gold": ["daily:1", "daily:0"],
        "url": None,
        "span": {"field": "text", "start": 28, "end": 38},
        "answer_len": 10,
        "note": "",
    }
    return {**record, **extra}


def test_span_question_gold_lines_become_doc_ids_and_the_answer_is_read_from_the_span(tmp_path):
    unanswerable = _span_question(answerable=False, gold=[], span=None)
    got = resolve_span_questions([_span_question(), unanswerable], _corpus(tmp_path), "snn-x")
    assert got[0]["gold_doc_ids"] == ["daily/20150721-00002", "daily/20150721-00001"]
    assert got[0]["answers"] == ["three days"]
    assert got[0]["qid"] == "snn-x-001"
    assert got[1]["gold_doc_ids"] == [] and got[1]["answers"] == []


def test_span_sets_split_by_language(tmp_path):
    path = tmp_path / "snn-x.jsonl"
    arabic = _span_question(question="كم يوم مطر في ابها", lang="ar", kind="msa")
    path.write_text("\n".join(json.dumps(q) for q in (_span_question(), arabic)), "utf-8")
    sets = dict(question_sets([path], _corpus(tmp_path), by_lang=True))
    assert len(sets["snn-x"]) == 2
    assert [q["lang"] for q in sets["snn-x/ar"]] == ["ar"]


def test_span_set_is_skipped_when_its_corpus_is_absent(tmp_path, capsys):
    path = tmp_path / "snn-x.jsonl"
    path.write_text(json.dumps(_span_question()), "utf-8")
    assert main(["--corpus", str(tmp_path / "nowhere"), "--questions", str(path)]) == 0
    assert "skipped snn-x.jsonl" in capsys.readouterr().err


def test_shipped_span_sets_hold_offsets_not_article_text():
    """The corpus's licence forbids copying its text: records carry ids and offsets only."""
    from pathlib import Path

    allowed = {"question", "lang", "kind", "answerable", "gold", "url", "span", "answer_len", "note"}
    for path in sorted((Path(__file__).parent / "questions").glob("snn*-*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            assert set(record) <= allowed, path.name
            assert record["span"] is None or set(record["span"]) == {"field", "start", "end"}


def test_an_answer_from_a_reprint_of_the_gold_article_counts_as_the_gold_story():
    reprints = {"okaz/1": ("riyadh/7",), "riyadh/7": ("okaz/1",)}
    assert story_of({"okaz/1"}, reprints) == {"okaz/1", "riyadh/7"}
    assert story_of({"was/3"}, reprints) == {"was/3"}
    assert story_of(set(), reprints) == set()
