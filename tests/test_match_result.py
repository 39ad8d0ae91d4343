"""A question asking a match's result, over a best passage that reports no result or a result of
another match, gets the closest passages (issues 15 and 16: "شو نتيجة ماتش الهلال والاهلي
الاماراتي" answered with Al-Hilal's win over another side, "شو صارت نتيجة ماتش الاتحاد وأحد"
with the passage on the match's new venue)."""

from retrieval.upcoming import asked_match, reports_result


def test_asked_match_reads_the_sides_after_the_match():
    assert asked_match("شو نتيجة ماتش الهلال والاهلي الاماراتي بربع النهائي") == ("هلال", "اهل")
    assert asked_match("نتيجة مباراة النصر والشباب امبارح كام؟") == ("نصر", "شباب")
    assert asked_match("متى مباراة النصر والشباب؟") == ()  # asks when, not the result
    assert asked_match("ما نتيجة الاستفتاء؟") == ()  # no match


def test_a_result_counts_only_when_it_names_both_sides_asked():
    sides = asked_match("شو نتيجة ماتش الهلال والاهلي؟")
    assert reports_result("وفاز الهلال على الأهلي بهدفين مقابل هدف", sides)
    assert not reports_result("حقق الهلال فوزا كبيرا على العين بثلاثية نظيفة", sides)  # another match
    assert not reports_result("نقل اتحاد الكرة مباراة الهلال والأهلي إلى ملعب جديد", sides)  # no result
