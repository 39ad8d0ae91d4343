"""Snippets: verbatim sentences of the passage, the best ones for the query, matched words marked."""

import pytest

from retrieval.analysis import analyze
from retrieval.answer_kinds import counted_nouns
from retrieval.snippets import MAX_SNIPPET_CHARS, best_sentences, highlight

PASSAGE = (
    "القواعد الروسية\n\n"
    "وقال نائب وزير الخارجية الروسي سيرجي ريابكوف إن الأنباء عن استخدام القواعد الروسية في آسيا "
    "الوسطى لا صحة لها. وأشار إلى أن محادثات جنيف ناقشت حزمة واسعة من القضايا. "
    "وأضاف أن موسكو لا تستطيع تجاهل نوايا لندن الهادفة لبناء قدرات نووية."
)


def weights_for(question):
    return dict.fromkeys(analyze(question), 1.0)


def test_best_sentence_is_a_verbatim_slice_with_the_answer():
    snippet = best_sentences(PASSAGE, weights_for("ماذا قال ريابكوف عن نوايا لندن النووية"))
    assert snippet.text in PASSAGE
    assert "نوايا لندن" in snippet.text
    assert not snippet.text.startswith("القواعد الروسية")  # the subheading is not a sentence of it


def test_highlights_mark_whole_matched_words():
    snippet = best_sentences(PASSAGE, weights_for("محادثات جنيف"))
    marked = [snippet.text[start:end] for start, end in snippet.highlights]
    assert "محادثات" in marked and "جنيف" in marked
    for start, end in snippet.highlights:
        assert start == 0 or not snippet.text[start - 1].isalpha()
        assert end == len(snippet.text) or not snippet.text[end].isalpha()


def test_neighbour_added_only_when_it_brings_new_terms_or_snippet_is_short():
    snippet = best_sentences(PASSAGE, weights_for("ريابكوف القواعد جنيف"))
    assert "ريابكوف" in snippet.text and "جنيف" in snippet.text
    assert len(snippet.text) <= MAX_SNIPPET_CHARS


def test_short_best_sentence_takes_the_next_one():
    passage = "قال لافروف ذلك. وأكد أن الحوار أفضل دائماً من عدم الحوار بين البلدين في كل الأحوال."
    assert best_sentences(passage, weights_for("لافروف")).text == passage


def test_a_sentence_that_refers_back_takes_the_one_before():
    filler = " ".join(["على مدى سنوات طويلة من المباريات الحاسمة"] * 5)
    before = "وفاز فريق برونكو بالمباراة بقيادة بايتون مانينغ."
    best = f"وهو كذلك الظهير الرباعي الأكبر سناً {filler}."
    after = f"وانتهت المباراة في ملعب ليفايس بعد أن {filler}."
    question = weights_for("من هو الظهير الرباعي الأكبر سناً؟")
    assert best_sentences(f"{before} {best} {after}", question).text == f"{before} {best}"
    # Without the pointing word the best sentence stands alone (it is long enough).
    alone = best.removeprefix("وهو كذلك ")
    assert best_sentences(f"{before} {alone} {after}", question).text == alone


def test_highlight_normalizes_spelling():
    snippet = highlight("أكّد الرّئيس الأميركيّ", analyze("الرئيس الامريكي"))
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["الرّئيس", "الأميركيّ"]


def test_passage_without_sentences_is_returned_as_is():
    assert best_sentences("...", {"x": 1.0}).text == "..."


def test_the_best_sentence_comes_from_the_retrieved_stretch_its_neighbours_from_either_side():
    before = "وقال ريابكوف إن محادثات جنيف كانت مكثفة.\n\n"
    passage = "والتقى الوفدان في جنيف."
    after = "\n\nواستمر الاجتماع نحو ساعتين."
    text = before + passage + after
    weights = weights_for("ماذا قال ريابكوف عن محادثات جنيف")  # the sentence before matches best
    within = (len(before), len(before) + len(passage))
    snippet = best_sentences(text, weights, within)
    assert passage in snippet.text  # the retrieved passage's sentence, not the better one before
    assert snippet.text in text and snippet.text != passage  # short: a neighbour joins it
    assert best_sentences(text, weights).text.startswith("وقال ريابكوف")  # without `within`


def test_a_how_many_snippet_shows_a_number_of_what_is_counted():
    # The sentence matching the question counts people; the sum asked is in the next sentence.
    passage = (
        "واعترف الساحر السوداني المقبوض عليه في مسكة بسحر تسعة أشخاص من العائلة نفسها، وأحيل "
        "إلى شرطة المحافظة لاستكمال الإجراءات النظامية بحقه قبل إحالته إلى المحكمة العامة في "
        "المحافظة للنظر في قضيته بعد أن ضبطته الجهات المختصة في منزله. وذكر في أقواله أنه حصل على سبعة "
        "آلاف ريال. وتابعت الجهات "
        "الأمنية التحقيق في القضية."
    )
    question = "كم المبلغ الذي تقاضاه الساحر السوداني مقابل سحر العائلة في مسكة؟"
    weights = weights_for(question)
    plain = best_sentences(passage, weights, kind="count")
    assert plain.text[plain.answers[0][0] : plain.answers[0][1]] == "تسعة أشخاص"
    counted = best_sentences(passage, weights, kind="count", counted=counted_nouns(question))
    assert [counted.text[a:b] for a, b in counted.answers] == ["سبعة آلاف ريال"]


_VAGUE_TOLL = (
    "وخلف التفجير الانتحاري في البلدة الحدودية عشرات القتلى والجرحى بين الشبان المتطوعين الذين "
    "تجمعوا في الحديقة العامة للبلدة الحدودية صباح الاثنين قبل انطلاقهم في رحلتهم الإنسانية إلى "
    "المدينة المجاورة. وأعلنت السلطات لاحقا أن 32 شخصا لقوا حتفهم. وتابعت الشرطة التحقيق."
)
# One overlong sentence cut into clauses: the sum asked is in the last, past a clause without one.
_SUM_FURTHER_ON = (
    "أعلن مدير عام الشؤون الصحية في المنطقة الشمالية أنه تم طرح منافسات تجهيز وحدة القلب وتطوير "
    "غرف العمليات في المستشفى التخصصي بالمدينة، كما تم طرح منافسة تجهيز وحدة العيون المتقدمة "
    "في المستشفى التخصصي بالمدينة. "
    "وبين أن وحدة القلب ستعمل خلال ستة أشهر بتجهيز كامل تتحمل الوزارة تكلفته، وسيتم تطوير غرفة "
    "العمليات لعمل عمليات القسطرة وعمليات القلب المفتوح بدعم من الوزارة، كما سيتم تجهيز "
    "وحدة العيون بعدد من الأجهزة المتطورة مثل جهاز ليزر تصحيح البصر وإزالة الأجسام بالتفتيت والشفط "
    "وجهاز تصوير شبكية العين للأطفال وطاولة عمليات العيون وليزر متعدد الطول الموجي وجهاز قص "
    "السائل الزجاجي واستحلاب العدسة بما مجموعه حوالي "
    "5 ملايين ريال."
)


@pytest.mark.parametrize(
    ("passage", "question", "answer", "opening"),
    [
        # The sentence matching the question best gives "tens of dead"; the next one states the toll.
        (_VAGUE_TOLL, "كم عدد ضحايا التفجير الانتحاري في البلدة الحدودية؟", "32 شخصا", "وخلف"),
        (
            _SUM_FURTHER_ON,
            "كم تبلغ قيمة الأجهزة المخصصة لوحدة العيون في المستشفى التخصصي بالمدينة؟",
            "5 ملايين ريال",
            "أعلن",
        ),
    ],
)
def test_a_how_many_snippet_reaches_the_number_asked(passage, question, answer, opening):
    """From the sentence matching the question best, a how-many snippet reaches the number asked:
    a number stated over a vague quantity; a snippet without the answer reaches a clause further."""
    snippet = best_sentences(passage, weights_for(question), kind="count", counted=counted_nouns(question))
    assert [snippet.text[a:b] for a, b in snippet.answers] == [answer]
    assert snippet.text.startswith(opening) and len(snippet.text) <= MAX_SNIPPET_CHARS


def test_a_snippet_with_one_answer_shows_the_next_sentence_holding_another():
    # The date asked is in the sentence before the one matching the question best.
    passage = (
        "أعلن الاتحاد الدولي أن الاجتماع الاستثنائي للجمعية العمومية سينعقد في 26 فبراير 2016. "
        "وقررت اللجنة التنفيذية في اجتماعها في المدينة السويسرية موعد الاجتماع الاستثنائي للجمعية "
        "العمومية لانتخاب رئيس جديد للاتحاد خلفا للرئيس بعدما أبدى في الثاني من يونيو الماضي اعتزامه "
        "ترك المنصب وطرح ذلك في اجتماع استثنائي للجمعية العمومية بعد أيام من انتخابه لولاية خامسة."
    )
    question = "في أي موعد تجتمع الجمعية العمومية الاستثنائية لانتخاب خليفة الرئيس؟"
    snippet = best_sentences(passage, weights_for(question), kind="when")
    assert "26 فبراير 2016" in snippet.text
    assert "الثاني من يونيو" in snippet.text


# The part answered is counted "of them", beside the number of what is counted.
_PART_OF_THEM = (
    "وقال الوزير إن بلاده أرسلت قائمة مطالب إلى الجانب الآخر. "
    "وأضاف الوزير: تلقينا إجابات عن سبع منها فقط. "
    "وبدورنا تلقينا نحو 12 طلبا من الجانب الآخر واستجبنا لها جميعا."
)
# A part "of them" in a passage counting nothing the question counts.
_PART_ALONE = (
    "وقاد المدافع الفريق في العرقلات هذا الموسم ضمن قائمة النجوم. "
    "وقام الظهير بأربع اعتراضات، تم إرجاع اثنين منها للهدف."
)


def test_a_part_counted_of_them_answers_beside_a_number_of_what_is_counted():
    question = "الجانب الآخر رد على كام طلب بس؟"
    counted = counted_nouns(question)
    snippet = best_sentences(_PART_OF_THEM, weights_for(question), kind="count", counted=counted)
    assert [snippet.text[a:b] for a, b in snippet.answers] == ["سبع منها", "12 طلبا"]


def test_a_part_counted_of_them_alone_counts_nothing_asked():
    question = "كم عدد لاعبي الدفاع في قائمة النجوم؟"
    counted = counted_nouns(question)
    snippet = best_sentences(_PART_ALONE, weights_for(question), kind="count", counted=counted)
    # Not the part alone: every count stays an answer, as when nothing counts what is asked.
    assert [snippet.text[a:b] for a, b in snippet.answers] == ["بأربع اعتراضات", "اثنين منها"]


def test_a_one_sentence_snippet_takes_the_next_sentence_echoing_its_words():
    """A lead telling the story at length is followed by the quote giving the figure."""
    lead = (
        "شرح خبير الأرصاد سامي الراشد في مؤتمر صحفي عقده مساء أمس ما تناقلته المواقع عن كميات "
        "الأمطار الغزيرة التي هطلت على قرية وادي السدر خلال الأسبوع الماضي، موضحا الفرق بين "
        "الكميات المقيسة في المحطات والكميات المقدرة بالأقمار الصناعية في مواسم الشتاء."
    )
    quote = "وقال الراشد إن كمية الأمطار المقيسة في قرية وادي السدر بلغت 40 ملم."
    aside = "وأضاف أن السيول جرفت بعض الطرق الزراعية في الأودية المجاورة ولم تسجل إصابات."
    passage = f"{lead} {quote} {aside}"
    weights = weights_for("كم كمية الأمطار الحقيقية في وادي السدر")
    assert len(lead) > 200  # not a short snippet taking the next sentence anyway
    assert best_sentences(passage, weights).text == lead
    assert best_sentences(passage, weights, echo=0.8, echo_chars=500).text == f"{lead} {quote}"
    assert best_sentences(passage, weights, echo=0.8, echo_chars=len(lead) + 10).text == lead
    assert aside not in best_sentences(passage, weights, echo=0.8, echo_chars=MAX_SNIPPET_CHARS).text
