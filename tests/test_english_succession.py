"""Who came after someone, asked in English: only articles writing a succession can say
(`retrieval.english.succession`, `EnglishRules.successor_articles`; issue 16: near-topic
questions)."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.decision import ENGLISH_RULES, NO_ROLE
from retrieval.english.succession import asks_successor, writes_succession

UNCHECKED = replace(ENGLISH_RULES, successor_articles=0)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who took over from Jen Psaki as Biden's press secretary?", True),
        ("Who succeeded Mullah Omar as leader of the Taliban?", True),
        ("who replaces olivier blanchard as imf chief economist", True),
        ("What is the name of Navalny's successor?", True),
        ("Who was assigned to replace Abdullah Al-Jabr as administrator?", True),
        ("Who took the decision to extend the mechanism?", False),  # "took" without "over"
        ("Who is the Pentagon spokesman?", False),
        ("Did Lavrov say a prisoner exchange had been agreed?", False),
    ],
)
def test_a_successor_is_asked_by_succeeding_replacing_or_taking_over(question, asks):
    assert asks_successor(question) is asks


@pytest.mark.parametrize(
    ("text", "writes"),
    [
        ("عين مجلس الشورى الملا منصور خلفاً للملا عمر.", True),
        ("وسيتولى المنصب الأسبوع المقبل.", True),
        ("ليحل محل عبدالله الجبر في إدارة المنتخب.", True),
        ("وجاء تعيينه بدلاً من سلفه.", True),
        ("قال خلف الأبواب المغلقة إن الخلفية السياسية معقدة.", False),  # behind, a background
        ("افتتح محلاً تجارياً في السوق المحلي.", False),  # a shop, local
        ("اقترح الرئيس عقد قمة في دولة ثالثة.", False),
    ],
)
def test_a_succession_is_written_by_its_words_not_by_their_look_alikes(text, writes):
    assert writes_succession([text]) is writes


def test_a_successor_no_best_article_writes_gets_the_closest_passages(own_index):
    # The articles quote Biden and his officials on the summit; none says who followed Psaki.
    question = "Who took over from Jen Psaki as Biden's press secretary?"
    assert_check_decides(own_index, question, NO_ROLE, UNCHECKED)
