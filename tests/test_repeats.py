"""A snippet repeating an earlier one's text, whatever its spacing, punctuation or alef forms,
counts as a repeat; a short sentence found inside an unrelated snippet does not. A repeat is
left out of the results and its article cited by the earlier one."""

from retrieval.models import Citation, Reprint, Result
from retrieval.repeats import MIN_CONTAINED_CHARS, repeat_key, repeats, without_repeats

LONG = "وأوضح مدير المشروع أن البحيرة ستتسع لثمانين مليون متر مكعب من مياه الأمطار الموسمية."


def test_same_text_with_other_spacing_punctuation_and_alef_is_a_repeat():
    other = LONG.replace("أن", "ان").replace(" ", "  ").replace(".", "!")
    assert repeats(repeat_key(other), repeat_key(LONG))


def test_a_long_snippet_inside_an_earlier_one_is_a_repeat_a_short_one_is_not():
    earlier = repeat_key("افتتح الوزير المعرض صباح اليوم. " + LONG)
    assert len(repeat_key(LONG)) >= MIN_CONTAINED_CHARS
    assert repeats(repeat_key(LONG), earlier)
    assert not repeats(repeat_key("افتتح الوزير المعرض."), earlier)
    assert not repeats(repeat_key("وأوضح مدير المشروع أن العمل مستمر."), earlier)


def result(doc_id: str, snippet: str, also_in: tuple[Reprint, ...] = ()) -> Result:
    citation = Citation(doc_id=doc_id, title=doc_id, source=f"outlet of {doc_id}", date="", also_in=also_in)
    return Result(1, f"{doc_id}#0", 0, snippet, (), 1.0, citation, snippet)


def test_a_repeated_passage_is_left_out_and_its_articles_cited_by_the_earlier_result():
    reprint = Reprint("c-copy", "outlet of c-copy")
    results = (result("a", LONG), result("b", "خبر آخر عن الطرق."), result("c", LONG, (reprint,)))
    passages = [LONG, "خبر آخر عن الطرق.", LONG.replace("أن", "ان")]
    chosen, shown = without_repeats(["ca", "cb", "cc"], results, passages)
    assert chosen == ["ca", "cb"]
    assert [(r.doc_id, r.rank) for r in shown] == [("a", 1), ("b", 2)]
    assert [r.doc_id for r in shown[0].citation.also_in] == ["c", "c-copy"]
    assert shown[0].citation.other_outlets() == ["outlet of c", "outlet of c-copy"]


def test_a_repeat_from_an_article_shown_with_another_passage_is_not_cited_twice():
    results = (result("a", LONG), result("b", "خبر آخر عن الطرق."), result("b", LONG))
    chosen, shown = without_repeats([1, 2, 3], results, [LONG, "خبر آخر عن الطرق.", LONG])
    assert chosen == [1, 2] and [r.citation.also_in for r in shown] == [(), ()]
