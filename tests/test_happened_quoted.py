"""Near-topic questions the articles cannot answer (issue 16): what came out of an event written
only as still to come, whether something happened ("هل" + a past verb) that no passage reports,
and what a person said whom the best articles name but never quote."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.decision import (
    ARABIC_RULES,
    CLOSEST,
    ENGLISH_RULES,
    MISSING_WORDS,
    NO_ORDINAL,
    NOT_QUOTED,
    UNREPORTED,
    UPCOMING,
)
from retrieval.normalize import normalize_arabic
from retrieval.unquoted import asks_saying_verb, quotes, unquoted
from retrieval.upcoming import (
    asked_happening,
    asks_outcome,
    happening_unreported,
    writes_nowhere,
    writes_verb,
)

THIRD_ROUND = "What came out of the third plenary round of the Geneva strategic stability talks?"
BLINKEN_IN_KYIV = "هل زار بلينكن كييف بعد مكالمة بايدن وبوتين في أبريل؟"
TRUMP_ON_NORD_STREAM = "شو قال ترامب عن قرار بايدن بخصوص نورد ستريم؟"


def _no_frequency(term: str) -> int:
    return 0


def test_what_came_out_of_a_round_written_only_as_still_to_come_gets_the_closest_passages(own_index):
    """The article writes the third meeting only as "قبل الاجتماع الثالث" and "لم يتم تحديد موعد
    اللقاء الثالث"; "came out of" asks its outcome as "result" does."""
    assert_check_decides(own_index, THIRD_ROUND, NO_ORDINAL, replace(ENGLISH_RULES, came_out=False))


def test_came_out_of_asks_an_outcome_only_with_of_after_it():
    assert asks_outcome("شو طلع من الجولة التالتة", came_out=True)
    assert asks_outcome("What came out of the Geneva talks?", came_out=True)
    assert not asks_outcome("شو طلع من الجولة التالتة")  # the switch off
    assert not asks_outcome("مين طلع الرئيس الجديد", came_out=True)  # someone turning out to be
    assert not asks_outcome("Who came out in support of the plan?", came_out=True)


def test_what_happened_at_a_conference_written_only_as_still_to_come_gets_the_closest_passages(own_index):
    """The best passage writes the climate conference as "التي ستعقد في مدينة غلاسكو": what
    happened at it is an outcome no article reports yet."""
    question = "شو صار بين امريكا وروسيا بمؤتمر المناخ COP27؟"
    assert_check_decides(own_index, question, UPCOMING, replace(ARABIC_RULES, what_happened=False))


def test_what_happened_asks_an_outcome_only_after_a_what_word():
    assert asks_outcome("ايش صار في مباراة الهلال والنصر", what_happened=True)
    assert asks_outcome("ماذا جرى في القامشلي يوم 28 أكتوبر؟", what_happened=True)
    assert not asks_outcome("ايش صار في مباراة الهلال والنصر")  # the switch off
    assert not asks_outcome("وين صار حادث الخمس اخوة", what_happened=True)  # where it happened
    assert not asks_outcome("ليش صارت روسيا تاخد قصة المناخ بجدية", what_happened=True)  # became


def test_whether_a_visit_no_passage_reports_happened_gets_the_closest_passages(own_index):
    """The best passage reports what Biden "سيؤكد" (will affirm), not a visit to Kyiv (whose
    article never names Kyiv: the named city decides first, `named_cities`)."""
    assert answer_question(own_index, BLINKEN_IN_KYIV).reason == MISSING_WORDS
    rules = replace(ARABIC_RULES, named_cities=False)
    answer = answer_question(own_index, BLINKEN_IN_KYIV, rules=rules)
    assert (answer.outcome, answer.reason) == (CLOSEST, UPCOMING)
    assert answer_question(own_index, BLINKEN_IN_KYIV, rules=replace(rules, check_happening=False)).answered


def test_whether_something_the_best_articles_never_write_happened_gets_the_closest_passages(own_index):
    """The best articles call Putin a killer in Biden's words but never write a summons."""
    summoned = "هل استدعت موسكو السفير الأمريكي بعد وصف بايدن لبوتين بالقاتل؟"
    assert_check_decides(own_index, summoned, UNREPORTED, replace(ARABIC_RULES, happening_articles=0))


def test_a_verb_is_written_nowhere_only_when_its_letters_can_tell():
    verb = normalize_arabic("استدعت")
    assert writes_nowhere(["ووصف بايدن بوتين بالقاتل"], verb)
    assert not writes_nowhere(["وأعلنت موسكو استدعاء السفير"], verb)
    # وقعوا is light-stemmed قعوا: whether توقيع writes it cannot be told by stems, so it is not
    # judged, unless read both ways (its letters, and the verb after a conjunction).
    signed = normalize_arabic("وقعوا")
    assert not writes_nowhere(["ووصف بايدن بوتين بالقاتل"], signed)
    assert writes_nowhere(["ووصف بايدن بوتين بالقاتل"], signed, both_readings=True)


@pytest.mark.parametrize(
    ("verb", "text"),
    [
        ("وقعوا", "وجرى التوقيع على المعاهدة"),  # the verbal noun: a weak letter between
        ("فاز", "احتفل الفريق بالفوز"),  # a hollow verb's noun
        ("وافقت", "أعلنت موسكو موافقتها"),
        ("وزار", "زار الرئيس كييف"),  # the conjunction's reading
    ],
)
def test_a_verb_opening_with_a_conjunctions_letter_is_written_by_either_reading(verb, text):
    assert not writes_nowhere([text], normalize_arabic(verb), both_readings=True)
    assert writes_nowhere(["وصل الوفد إلى جنيف"], normalize_arabic("فاز"), both_readings=True)


@pytest.mark.parametrize(
    "question",
    [
        "هل قال بايدن إنه رح يقبل خطوط حمر من بوتين بخصوص أوكرانيا؟",
        "هل اتفقت روسيا وامريكا على صفقة تبادل سجناء؟",
    ],
)
def test_whether_something_the_articles_report_happened_is_still_answered(own_index, question):
    assert answer_question(own_index, question).answered


def test_the_verb_asked_after_hal_is_read_and_not_a_noun_or_an_auxiliary():
    assert asked_happening("هل غزت روسيا أوكرانيا؟") == normalize_arabic("غزت")
    assert asked_happening("هل تم تمديد المعاهدة؟") == ""  # the event is the noun after تم
    assert asked_happening("هل الاتفاق ما زال قائما؟") == ""
    assert asked_happening("متى زار بلينكن كييف؟") == ""
    assert asked_happening("وهل سمحت موسكو بذلك؟") == ""
    assert asked_happening("وهل سمحت موسكو بذلك؟", joined=True) == normalize_arabic("سمحت")


def test_a_verb_is_written_by_its_forms_but_not_by_a_word_sharing_two_letters():
    assert writes_verb(normalize_arabic("وزارت"), normalize_arabic("زار"))
    assert writes_verb(normalize_arabic("الاتفاق"), normalize_arabic("اتفقت"))
    assert not writes_verb(normalize_arabic("الوزير"), normalize_arabic("زار"))  # زر of وزير


def test_a_verb_written_only_beside_a_word_of_what_is_to_come_reports_nothing_yet():
    verb = normalize_arabic("افتتح")
    asked = {t: 1.0 for t in analyze("المترو")}
    planned = "ومن المقرر افتتاح المترو أمام الركاب"
    opened = "وافتتح أمير المنطقة المترو أمام الركاب أمس بعد سنوات من العمل"
    assert happening_unreported(planned, verb, asked, _no_frequency, ARABIC_RULES.upcoming_window)
    assert not happening_unreported(opened, verb, asked, _no_frequency, ARABIC_RULES.upcoming_window)
    # Neither the verb nor anything to come: the passage is left to the other rules.
    assert not happening_unreported("وزار الوفد المدينة", verb, asked, _no_frequency, 3)


def test_what_a_person_said_whom_the_best_article_names_but_never_quotes_gets_the_closest_passages(own_index):
    """The Nord Stream article names Trump only as Biden's predecessor ("نهج سلفه دونالد ترامب")."""
    unchecked = replace(ARABIC_RULES, quoted_articles=0)
    answer = assert_check_decides(own_index, TRUMP_ON_NORD_STREAM, NOT_QUOTED, unchecked)
    assert not answer.results and answer.closest


def test_what_a_person_the_articles_quote_said_is_still_answered(own_index):
    assert answer_question(own_index, "شو قال بيدرسن عن حل الازمه السوريه").answered


def test_a_person_speaks_after_a_verb_of_saying_before_one_or_a_colon():
    trump = frozenset(analyze("ترامب"))
    assert quotes("وقال الرئيس دونالد ترامب إن الاتفاق سيئ", trump)
    assert quotes("وكتب ترامب: لن نتراجع", trump)
    assert quotes("ترامب أكد أن بلاده لن تتراجع", trump)
    assert not quotes("نهج سلفه دونالد ترامب المتهم بالتراخي", trump)
    assert unquoted(["نهج سلفه دونالد ترامب المتهم بالتراخي", "وقال بايدن إن القرار نهائي"], trump)


def test_what_someone_said_is_asked_with_what_beside_the_verb():
    assert asks_saying_verb("شو قال ترامب عن القرار")
    assert asks_saying_verb("ماكرون قال ايه عن القمة")
    assert not asks_saying_verb("مين المتحدثة يلي قالت انو ما في ثقة")
    assert not asks_saying_verb("الوزيرين قالوا ممكن يتفقوا فى ايه")
