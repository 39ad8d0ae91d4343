"""A question asking who won, over a best passage that reports no winner, gets the closest
passages (issue 16: events after the articles' period, "مين فاز بالانتخابات البلدية بالرياض" over
the passage on the elections' workshops)."""

from dataclasses import replace

from conftest import assert_check_decides

from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, ENGLISH_RULES, NO_WINNER
from retrieval.upcoming import asks_winner, reports_winner

FIGHTING_WINNER = "من فاز في المواجهات بين قوات كييف والانفصاليين في شرق أوكرانيا؟"


def test_a_winner_the_articles_never_report_gets_the_closest_passages(own_index):
    """The articles report the fighting renewed in eastern Ukraine, never who won it; without
    the check the passage on the fighting answers."""
    unchecked = replace(ARABIC_RULES, check_winner=False)
    assert_check_decides(own_index, FIGHTING_WINNER, NO_WINNER, unchecked)


def test_an_english_winner_the_articles_never_report_gets_the_closest_passages(own_index):
    """The same check on the English path ("Who won the Saudi Super Cup?" over its preview)."""
    question = "Who won the fighting between Kyiv forces and separatists in eastern Ukraine?"
    assert_check_decides(own_index, question, NO_WINNER, replace(ENGLISH_RULES, check_winner=False))


def test_a_winner_the_passage_reports_is_answered(xquad_index):
    answer = answer_question(xquad_index, "مين فاز بسوبر بول 50؟")
    assert answer.answered and answer.results[0].citation.doc_id.startswith("xquad-00-")


def test_asks_winner_reads_a_win_asked_not_a_win_named():
    assert asks_winner("مين فاز بالانتخابات البلدية بالرياض؟")
    assert asks_winner("الفائز بالانتخابات مين؟")
    assert not asks_winner("الاتحاد كسب بافينو الايطالي بكام جون")  # asks the score
    assert not asks_winner("من مدرب الاتحاد الذي فاز على أورنافاسيس")  # asks the coach


def test_reports_winner_reads_winning_words_in_any_form_and_scores():
    assert reports_winner("الذي قاد البرونكوس للفوز في السوبر بول")
    assert reports_winner("انتهت المباراة بنتيجة 3-1")
    assert not reports_winner("عقدت اللجنة التنفيذية للانتخابات البلدية ورش عمل")


def test_a_title_held_or_a_crowning_hoped_for_reports_no_winner():
    """A preview names the sides by their titles and the past editions' winners: not who won."""
    preview = "يلتقي الفريقان، الأول بطل الدوري والثاني بطل الكأس، ويأمل كل منهما التتويج باللقب"
    assert not reports_winner(preview)
    assert reports_winner("وتوج الفريق باللقب بعد فوزه في النهائي")


def test_asks_winner_reads_english_who_won_and_who_was_elected():
    assert asks_winner("Who won the Gulf cup that was postponed to 2016?")
    assert asks_winner("Who was elected president of the federation?")
    assert not asks_winner("Who said the federation won the bid?")  # asks the speaker
    assert not asks_winner("How many votes did the winner get?")
