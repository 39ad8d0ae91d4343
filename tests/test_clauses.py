"""Overlong sentences are split at clause boundaries, so snippets are bounded (issue 15)."""

from retrieval.clauses import MAX_CLAUSE_CHARS, bounded_sentences
from retrieval.passages import split_sentences
from retrieval.snippets import best_sentences

CLAUSE = (
    "قال الوزير إن المشروع سيبدأ قريبا، وأضاف أن التكلفة تبلغ مليار ريال، مشيرا إلى أن العمل يشمل ثلاث مراحل "
)
RUN_ON = (CLAUSE * 12).strip() + "."  # one "sentence" of 1,200 characters: commas, no full stop


def pieces(text):
    return [text[s.start : s.end] for s in bounded_sentences(text, split_sentences(text))]


def test_a_run_on_sentence_is_cut_after_commas_into_bounded_pieces():
    got = pieces(RUN_ON)
    assert len(got) >= 3 and all(len(p) <= MAX_CLAUSE_CHARS for p in got)
    assert all(p.endswith("،") for p in got[:-1])
    assert " ".join(got) == RUN_ON  # nothing lost, nothing added: pieces are slices


def test_without_punctuation_a_sentence_is_cut_before_and_then_at_spaces():
    text = ("ذهب الوفد إلى المدينة وعقد اجتماعات مطولة مع المسؤولين " * 10).strip()
    got = pieces(text)
    assert all(len(p) <= MAX_CLAUSE_CHARS for p in got)
    assert all(p.startswith("و") for p in got[1:])
    assert all(len(p) <= MAX_CLAUSE_CHARS for p in pieces("x" * 400))  # one huge "word"


def test_short_sentences_are_left_whole():
    text = "وصل الوفد إلى جنيف. وعقد اجتماعا مطولا، ثم غادر."
    assert pieces(text) == ["وصل الوفد إلى جنيف.", "وعقد اجتماعا مطولا، ثم غادر."]


def test_a_snippet_of_a_run_on_paragraph_is_bounded_and_verbatim():
    snippet = best_sentences(RUN_ON, {"مراحل": 1.0, "تكلف": 1.0})
    assert len(snippet.text) <= 700 and snippet.text in RUN_ON
