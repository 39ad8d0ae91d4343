"""Normalization, stemming and tokenization: one chain for documents and questions."""

import pytest

from retrieval.analysis import analyze, analyze_spans
from retrieval.normalize import (
    distinct_words,
    normalize_arabic,
    without_article,
    without_proclitic,
    word_spans,
)
from retrieval.stemming import light_stem


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("مُحَمَّدٌ", "محمد"),  # harakat and shadda
        ("روسـيا", "روسيا"),  # tatweel
        ("أإآٱ", "اااا"),  # hamza and madda forms of alef
        ("مستشفى", "مستشفي"),  # alef maksura
        ("الخارجية", "الخارجيه"),  # teh marbuta
        ("٢٠٢١ ۱۲", "2021 12"),  # Arabic-Indic and Persian digits
        ("ﻻ", "لا"),  # presentation-form ligature
        ("Geneva", "geneva"),
        ("الأميركيّ", "الاميركي"),
        ("سؤال", "سؤال"),  # hamza on waw is kept
        ("البنتاغون", "البنتاجون"),  # ghain and jeem spell the same foreign g
        ("ڤيينا", "فيينا"),
        ("بایدن اوکرانیا", "بايدن اوكرانيا"),  # Persian-keyboard yeh and kaf
        ("الخارجیۀ الروسیہ", "الخارجيه الروسيه"),  # Persian and Urdu heh for teh marbuta
    ],
)
def test_normalize_arabic(raw, normalized):
    assert normalize_arabic(raw) == normalized


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والمحادثات", "محادث"),
        ("بالاستقرار", "استقرار"),
        ("للمحادثات", "محادث"),
        ("مواقفها", "مواقف"),
        ("الروسيه", "روس"),
        ("موسكو", "موسكو"),
        ("ولد", "ولد"),  # too short to strip the waw
        ("بجنيف", "جنيف"),  # bare preposition, which light10 keeps
        ("لسوريا", "سوريا"),
        ("بلافروف", "افروف"),  # repeated, so it meets "لافروف"
        ("لافروف", "افروف"),
        ("لبنان", "لبن"),  # too short after the suffix to lose a letter more
        ("الأمريكية", "امريك"),
        ("الأميركية", "امريك"),  # spelling variant
        ("geneva", "geneva"),
        ("2021", "2021"),
    ],
)
def test_light_stem(word, stem):
    assert light_stem(normalize_arabic(word)) == stem


def test_spellings_users_mix_give_the_same_terms():
    variants = ["الخارجية الروسية", "الخارجيه الروسيه", "الخارِجيّة الرّوسية", "الخارجـيـة الروسـية"]
    assert len({tuple(analyze(v)) for v in variants}) == 1


def test_question_words_and_function_words_are_dropped():
    assert analyze("أين ومتى وكيف هل من في") == []
    assert analyze("وين شو ايش امتى ليش اللي") == []
    assert analyze("بمَ وفيمَ وممَّ") == []  # "with what", "in what", "of what": ما cut short
    # Egyptian, Gulf and Maghrebi question and filler words too.
    assert analyze("علاش كيفاش شحال وقتاش دلوقتي الحين كده") == []
    # Prepositional phrases of "regarding" carry no topic: "بخصوص روسيا" is about روسيا.
    regarding = analyze("ايش قرروا بخصوص روسيا وفيما يخص اوكرانيا وبشأن سوريا")
    assert regarding == analyze("قرروا روسيا اوكرانيا سوريا")


def test_distinct_words_are_the_words_word_spans_find():
    texts = ["قالَ لافروف: «الحوارُ أفضلُ»، في جنيف.", "ﻻ الحوار 2021 Geneva", "لافروف"]
    assert distinct_words(texts) == {s.norm for text in texts for s in word_spans(text)}


def test_spans_point_into_the_original_text():
    text = "قالَ لافروف: «الحوارُ أفضلُ»، في جنيف."
    for term in analyze_spans(text):
        assert normalize_arabic(text[term.start : term.end])
    assert [text[s.start : s.end] for s in word_spans(text)][1:3] == ["لافروف", "الحوارُ"]


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ؟؟", "😀😀", "\x00\x01"])
def test_no_words_gives_no_terms(text):
    assert analyze(text) == []


def test_a_one_letter_proclitic_is_taken_off_long_enough_words_only() -> None:
    assert without_proclitic("وقال", "وف") == "قال"
    assert without_proclitic("فقال", "وف") == "قال"
    assert without_proclitic("بقال", "وف") == "بقال"  # ب is not among the letters asked
    assert without_proclitic("وفد", "وفبلك") == "وفد"  # too short: the و is the word's
    assert without_proclitic("وفد", "وفبلك", 3) == "فد"
    assert without_proclitic("", "وف") == ""


def test_the_article_is_taken_off_when_enough_letters_remain() -> None:
    assert without_article("والزوار", 3) == "زوار"
    assert without_article("للزوار", 3) == "زوار"
    assert without_article("الدم", 3) == "الدم"  # two letters would remain
    assert without_article("الدم", 2) == "دم"
