"""Sentence and passage splitting keep exact offsets into the body."""

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.normalize import word_spans
from retrieval.passages import PASSAGE_MAX_WORDS, split_passages, split_sentences


def texts(body, spans):
    return [body[s.start : s.end] for s in spans]


def test_sentences_split_on_arabic_and_latin_stops():
    body = 'قال إنه "مستعد للحوار". هل هذا ممكن؟ نعم! العدد 3.5 مليون؛ وهذا كثير'
    assert texts(body, split_sentences(body)) == [
        'قال إنه "مستعد للحوار".',
        "هل هذا ممكن؟",
        "نعم!",
        "العدد 3.5 مليون؛",
        "وهذا كثير",
    ]


def test_elision_inside_quote_does_not_end_a_sentence():
    body = "شدد على مقترح “بدء حوار بشأن جميع جوانب (…) الاستقرار الاستراتيجيّ”. ثم غادر."
    assert texts(body, split_sentences(body))[0].endswith("الاستراتيجيّ”.")


def test_the_dot_of_a_one_letter_title_does_not_end_a_sentence():
    first = "يترأس اللجنة د. أحمد الحليبي بعضوية (د. يوسف الجبر ود. إحسان)."
    body = f"{first} وأوضح م. عادل أن. العام د."
    sentences = texts(body, split_sentences(body))
    assert sentences[0] == first and sentences[1:] == ["وأوضح م. عادل أن.", "العام د."]


def test_heading_joins_the_next_passage_and_offsets_are_exact():
    body = "القواعد الروسية\n\nوقال نائب الوزير إن الأنباء لا صحة لها. وأضاف أمراً آخر.\n\nفقرة ثانية هنا."
    passages = texts(body, split_passages(body))
    assert passages[0].startswith("القواعد الروسية\n\nوقال")
    assert passages[-1] == "فقرة ثانية هنا."


def test_long_paragraph_is_split_within_size():
    sentence = "هذه جملة طويلة فيها كلمات كثيرة عن المحادثات بين البلدين في جنيف. "
    body = sentence * 40
    passages = split_passages(body)
    assert len(passages) > 1
    for span in passages:
        assert len(body[span.start : span.end].split()) <= PASSAGE_MAX_WORDS + 12
    assert "".join(body[s.start : s.end] + " " for s in passages).split() == body.split()


PIECES = [*"ab3 .!?؟…؛\"')]([\n\t", "ال", "كتاب", "\u064e", "\u0640", "ﻻ", "ﷺ"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_a_sentences_words_are_the_texts_words_starting_in_it(text):
    """What split_sentences and snippets rely on to split a text into words only once."""
    words = word_spans(text)
    for span in split_sentences(text):
        own = word_spans(text[span.start : span.end])
        shifted = [(w.norm, w.start + span.start, w.end + span.start) for w in own]
        assert shifted == [tuple(w) for w in words if span.start <= w.start < span.end]


# The sentence-end pattern before it was made linear: tried from every mark of a run, with
# backtracking. The fast pattern must find exactly its sentence ends.
_BACKTRACKING_SENTENCE_END = r"(?<![(\[])[.!?؟…؛]+[\"'”’»)\]]*(?=\s)|\n+"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".!?؟…؛\"'”’»)]([ \nابx", max_size=40))
def test_sentence_ends_are_those_of_the_backtracking_pattern(text):
    import re

    from retrieval.passages import _SENTENCE_END_RE

    reference = [m.span() for m in re.finditer(_BACKTRACKING_SENTENCE_END, text)]
    assert [m.span() for m in _SENTENCE_END_RE.finditer(text)] == reference


def test_upload_of_48kb_of_dots_with_no_space_splits_in_bounded_time():
    from bounded_time import finishes_within

    # Quadratic splitting took ~20 s on this; linear, milliseconds.
    code = (
        "from retrieval.passages import split_passages, split_sentences\n"
        "body = 'قال المتحدث ' + '.' * 48_000 + 'انتهى. ' + '؟!' * 20_000 + 'x'\n"
        "assert len(split_passages(body)) == 1 and len(split_sentences(body)) == 2\n"
    )
    assert finishes_within(5, code)
