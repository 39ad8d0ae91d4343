"""Sentence and passage splitting keep exact offsets into the body."""

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
