"""The judge's answer-string match: script differences only, never other words."""

from retrieval.evaluate import loose


def test_arabic_indic_digits_match_their_ascii_forms():
    assert loose("إصابة مقيم (٣٤ عاماً)") == loose("إصابة مقيم (34 عاما)")
    assert loose("۱۲۰ كم") == loose("120 كم")


def test_other_wordings_of_an_answer_still_differ():
    assert loose("بسبعة أهداف") not in loose("بنتيجة 7 – 0")
    assert loose("تسع فرق") != loose("9 فرق")
