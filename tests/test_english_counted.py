"""What an English how-many question counts, as the Arabic nouns of its renderings."""

from retrieval.answer_kinds import counts_noun
from retrieval.english.counted import english_counted
from retrieval.english.expand import Concept, Rendering
from retrieval.snippets import GAP, best_sentences
from tests.test_snippets import _COUNT_TWO_ON, weights_for


def concept(english, *arabic):
    return Concept(english, 1.0, tuple(Rendering((), "lexicon", 1.0, text) for text in arabic))


PLAYERS = [concept("players", "لاعبين", "players"), concept("camp", "معسكر")]


def test_the_first_plural_after_how_many_is_counted_by_its_arabic_renderings():
    counted = english_counted("How many players were called up for the camp?", PLAYERS)
    assert counts_noun("34 لاعبا", counted) and not counts_noun("5 أيام", counted)
    women = [concept("Yemeni", "اليمني"), concept("children", "الأطفال")]
    assert counts_noun("ثلاثة أطفال", english_counted("How many Yemeni children were hurt?", women))


def test_no_count_asked_or_no_plural_named_counts_nothing():
    assert english_counted("Who called up the players for the camp?", PLAYERS) == frozenset()
    assert english_counted("How many were called up for the camp?", PLAYERS) == frozenset()
    assert english_counted("How many guests came?", PLAYERS) == frozenset()  # no concept holds it


def test_a_lead_dated_with_numbers_yields_to_the_count_of_what_is_asked():
    # The lead's days ("2 - 5") read as numbers; the players' count is two sentences on.
    passage = _COUNT_TWO_ON.replace("في العاصمة استعدادا", "في العاصمة في الفترة من 2 إلى 5 سبتمبر استعدادا")
    question = "كم لاعبا ضمت قائمة المنتخب الوطني للمعسكر الإعدادي في العاصمة؟"
    weights = weights_for(question)
    plain = best_sentences(passage, weights, kind="count")
    assert GAP not in plain.text and "34 لاعبا" not in plain.text  # the lead's "2" is its answer
    counted = english_counted("How many players were called up for the camp?", PLAYERS)
    snippet = best_sentences(passage, weights, kind="count", counted=counted)
    assert GAP in snippet.text and [snippet.text[a:b] for a, b in snippet.answers] == ["34 لاعبا"]
