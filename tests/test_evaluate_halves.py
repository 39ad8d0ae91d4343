"""The fixed tuning and check halves of a question file (`python -m retrieval.evaluate --halves`):
split by article, the same for the Arabic and English files, and never moving."""

from conftest import XQUAD

from retrieval.evaluate import article_of, load_questions, question_sets


def _halves(name: str) -> dict[str, list[dict]]:
    return dict(question_sets([XQUAD / name], XQUAD / "corpus.jsonl", by_lang=False, halves=True))


def test_xquad_halves_share_no_paragraph_or_article_and_cover_every_question():
    halves = _halves("questions-en.jsonl")
    tune, check = halves["questions-en[tune]"], halves["questions-en[check]"]
    assert (len(tune), len(check)) == (344, 288)  # fixed: a moved split would void the tuning log
    assert not {article_of(q) for q in tune} & {article_of(q) for q in check}
    assert not {d for q in tune for d in q["gold_doc_ids"]} & {d for q in check for d in q["gold_doc_ids"]}
    every = load_questions(XQUAD / "questions-en.jsonl")
    assert sorted(q["qid"] for q in tune + check) == sorted(q["qid"] for q in every)


def test_arabic_and_english_xquad_questions_fall_in_the_same_half():
    english, arabic = _halves("questions-en.jsonl"), _halves("questions-ar.jsonl")
    for half in ("tune", "check"):
        assert {q["qid"] for q in english[f"questions-en[{half}]"]} == {
            q["qid"] for q in arabic[f"questions-ar[{half}]"]
        }
