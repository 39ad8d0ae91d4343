"""Who holds a role, asked in English: the role read from the English words, its qualifiers
from their Arabic renderings, checked against the Arabic passages by the Arabic role reader
(`retrieval.english.roles`, `EnglishRules.role_articles`; issue 16: near-topic questions)."""

from dataclasses import replace

import pytest
from conftest import assert_check_decides

from retrieval.answering import answer_question
from retrieval.decision import ENGLISH_RULES, NO_ROLE
from retrieval.english.expand import expand_english
from retrieval.english.roles import asked_role, role_words
from retrieval.english.search import load_dictionary
from retrieval.roles import RoleReading, written

UNCHECKED = replace(ENGLISH_RULES, role_articles=0)


def english_role(question):
    return asked_role(question, expand_english(question, load_dictionary()))


def test_a_role_the_articles_give_another_country_gets_the_closest_passages(own_index):
    # The articles name who led the Russian delegation, never the American one.
    question = "Who headed the US delegation at the Geneva strategic stability talks?"
    assert_check_decides(own_index, question, NO_ROLE, UNCHECKED)


def test_a_role_asked_by_whats_the_name_of_is_checked_as_one_asked_by_what_is(own_index):
    # The articles name no chief executive of Nord Stream 2 AG, only the company.
    question = "What's the name of the Nord Stream 2 AG chief executive who was spared US sanctions?"
    assert_check_decides(own_index, question, NO_ROLE, replace(ENGLISH_RULES, role_any_name_of=False))


def test_a_role_written_otherwise_with_its_holder_is_answered(own_index):
    # "team" is the delegation: "ريابكوف، الذي ترأس الوفد الروسي".
    answer = answer_question(own_index, "who led the russian team at the geneva talks")
    assert answer.answered
    assert any("ريابكوف" in r.snippet for r in answer.results)


def test_the_role_and_its_words_are_read_after_who_or_the_name_asked():
    read = role_words("Who is Japan's ambassador to Saudi Arabia?")
    assert read is not None and read.role == "سفير"
    assert (read.before, read.after) == (("japan",), ("saudi", "arabia"))
    verb = role_words("Who headed the US delegation?")
    assert verb is not None and verb.verb and verb.after == ("usa", "delegation")
    assert role_words("What is the name of Nord Stream 2 AG's chief executive?") is not None
    assert role_words("What's the name of the Nord Stream 2 AG chief executive?") is not None
    assert role_words("What was the name of the Saudi coach of Al-Hilal?") is not None
    assert role_words("What is the Pentagon spokesman's name?") is None  # no opening read
    assert role_words("What's the name of the Nord Stream 2 AG chief executive?", any_name_of=False) is None
    assert role_words("Who is the Russian deputy foreign minister?") is None  # another role
    assert role_words("Who was elected FIFA president?") is None  # what was done, not whose role
    assert role_words("Who was the final Prime Minister of East Germany?") is None  # another time
    assert role_words("Who succeeded Mullah Omar as leader of the Taliban?") is None
    assert role_words("What did the Russian ambassador say?") is None  # asks what, not who
    assert role_words("Who is the coach?") is None  # nothing qualifies it


def test_qualifiers_are_the_arabic_of_the_countries_and_the_words_around_the_role():
    ambassador = english_role("who is the Russian ambassador in Washington")
    assert ambassador is not None and ambassador.qualifiers == (("الروسي", "روسيا"), ("واشنطن",))
    assert ambassador.owner == ("الروسي", "روسيا")
    minister = english_role("Who is Kuwait's defence minister?")
    assert minister is not None and minister.qualifiers == (("الدفاع",), ("الكويت",))
    airport = english_role("Who is the director of King Khalid International Airport in Riyadh?")
    assert airport is not None and all(len(q) > 1 for q in airport.qualifiers)  # دولي no country's


@pytest.mark.parametrize(
    ("sentence", "tied"),
    [
        ("وقال السفير الياباني لدى السعودية تاكاشي ماتسوموتو إن العلاقات قوية.", True),
        ("قال سفير اليابان في السعودية تاكاشي ماتسوموتو إن العلاقات قوية.", True),
        ("يقول السفير السعودي السابق في اليابان أسامة الخالدي إن العلاقات قوية.", False),  # whose
    ],
)
def test_whose_role_it_is_is_the_first_country_written_with_it(sentence, tied):
    role = english_role("Who is Japan's ambassador to Saudi Arabia?")
    assert role is not None
    assert written(sentence, role)[1] is tied


def test_a_spokesman_quoted_but_never_named_gets_the_closest_passages(own_index):
    # "وقال متحدث باسم الخارجية الأمريكية في بيان، إن بلينكن ...": Blinken is spoken of.
    question = "What is the name of the State Department spokesman?"
    assert_check_decides(own_index, question, NO_ROLE, replace(ENGLISH_RULES, role_reported=False))


def test_a_name_after_a_comma_and_inna_is_what_the_role_said():
    role = english_role("Who is the spokesman of the US State Department?")
    assert role is not None
    quoted = "وقال متحدث باسم الخارجية الأمريكية في بيان، إن بلينكن عبر عن قلقه."
    assert written(quoted, role) == (True, True)  # without `reported`: Blinken read as his name
    assert written(quoted, role, RoleReading(reported=True)) == (True, False)
    named = "وقال المتحدث باسم الخارجية الأمريكية، نيد برايس، إن بلينكن عبر عن قلقه."
    assert written(named, role, RoleReading(reported=True)) == (True, True)


def test_a_governor_of_a_saudi_region_is_its_emir():
    # A region's governor is written "أمير منطقة ..."; a governorate's is its محافظ.
    text = "واستقبل أمير منطقة عسير الأمير فيصل بن خالد في مكتبه وفد الجامعة."
    question = "Who is the governor of Asir?"
    concepts = expand_english(question, load_dictionary())
    assert written(text, asked_role(question, concepts)) == (True, True)
    assert written(text, asked_role(question, concepts, regions=False)) == (False, False)
    governorate = english_role("Who is the governor of Al-Kharj?")
    assert governorate is not None and governorate.titles == ()
