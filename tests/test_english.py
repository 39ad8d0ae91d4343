"""English questions: words, names snapped to the corpus, the lexicon, the dictionary reader,
concept weighting, rank fusion, cached embeddings and the answer an English question gets."""

import asyncio
import gzip
import json
import logging
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from corpus import BUNDLED_CORPUS
from retrieval import embedding, vectors
from retrieval.analysis import analyze
from retrieval.answering import answer_question
from retrieval.embedder import MODEL_NAME
from retrieval.engine import Engine
from retrieval.english import freedict
from retrieval.english.expand import expand_english, matched_on
from retrieval.english.names import NameIndex, arabic_skeleton, english_skeleton
from retrieval.english.query import DenseScores, fuse
from retrieval.english.support import english_checks
from retrieval.english.words import (
    capitalized_runs,
    english_words,
    is_content_word,
    is_contraction,
    word_forms,
)
from retrieval.evaluate import build_index
from retrieval.missing import named_whole
from retrieval.store import Store


@pytest.mark.parametrize(
    ("english", "arabic"),
    [
        ("Lavrov", "لافروف"),
        ("Blinken", "بلينكن"),
        ("Ryabkov", "ريابكوف"),
        ("Peskov", "بيسكوف"),
        ("Nuland", "نولاند"),
        ("Minsk", "مينسك"),
        ("Psaki", "ساكي"),
    ],
)
def test_a_name_and_its_arabic_spelling_share_a_skeleton(english, arabic):
    assert english_skeleton(english) == arabic_skeleton(arabic)


@pytest.mark.parametrize(
    ("name", "spelling"),
    [
        ("Lavrov", "لافروف"),
        ("Geneva", "جنيف"),
        ("Glasgow", "غلاسكو"),
        ("Stockholm", "ستوكهولم"),
        ("Washington", "واشنطن"),
        ("Reykjavik", "ريكيافيك"),
        ("Hyten", "هايتن"),
    ],
)
def test_names_snap_to_the_corpus_spelling(name, spelling):
    vocabulary = "التقى لافروف في جنيف غلاسكو ستوكهولم واشنطن ريكيافيك مع الجنرال هايتن الوزير".split()
    matches = NameIndex(vocabulary).snap(name)
    assert matches and matches[0].term == spelling


def test_a_name_the_corpus_lacks_snaps_to_nothing_close():
    vocabulary = "التقى لافروف في جنيف مع الوزير مبادرة مصادر".split()
    assert NameIndex(vocabulary).snap("Madrid") == []
    assert NameIndex(vocabulary).snap("Xi") == []


def test_equally_close_spellings_snap_the_same_way_whatever_the_corpus_order():
    """The corpus vocabulary is a set; its order (Python's per-process string hashing) must not
    decide which of equally close words a name snaps to (answers changed from run to run)."""
    words = "بول ابول بولا".split()  # ابول and بولا are equally close to "Bowl"
    snaps = {tuple(NameIndex(order).snap("Bowl")) for order in (words, words[::-1])}
    assert len(snaps) == 1


def test_an_ordinal_is_its_number_and_whats_and_among_ask_about_no_topic():
    """The ordinal "306th" is 306 in the articles (its "th" snapped to ث), "whats" is "what's" (it snapped to
    واتس), "among" is no topic (it snapped to وايومنج)."""
    words = english_words("Whats the 306th board meeting, among the 2nd?")
    assert [w.typed for w in words] == ["Whats", "the", "306", "board", "meeting", "among", "the", "2"]
    assert [w.typed for w in words if is_content_word(w)] == ["306", "board", "meeting", "2"]


def test_english_words_and_forms():
    words = english_words("Who is Russia's foreign minister? Biden-Putin, COP26 in 2021")
    assert [w.text for w in words] == ["who", "is", "russia", "foreign", "minister", "biden", "putin",
                                       "cop26", "in", "2021"]  # fmt: skip
    assert "talk" in word_forms("talks") and "country" in word_forms("countries")
    assert "meet" in word_forms("meeting") and "stop" in word_forms("stopped")


def _terms(concepts):
    return {c.english.lower(): set(c.terms) for c in concepts}


def test_translated_place_names_and_demonyms_come_from_the_lexicon():
    """Snapping reaches names the articles transliterate; not these (ميانمار for Myanmar, the
    demonym الأردني, المنطقة الشرقية for the Eastern Province), which no dictionary gives."""
    concepts = _terms(expand_english("Myanmar floods; the Jordanian pilot in the Eastern Province", {}))
    assert set(analyze("ميانمار")) <= concepts["myanmar"]
    assert set(analyze("الأردني")) <= concepts["jordanian"]
    assert set(analyze("المنطقة الشرقية")) <= concepts["eastern province"]


def test_a_governorate_spelled_like_an_everyday_word_comes_from_the_lexicon():
    """Snapped, Kharj would be خارج ("outside") and Rass راس ("head"): their skeletons and vowels
    are those of everyday words the articles use far more often than the places."""
    vocabulary = ["خارج", "الخرج", "راس", "الرس"]
    names = NameIndex(vocabulary, frequency=lambda word: 5000 if word in ("خارج", "راس") else 50)
    concepts = _terms(
        expand_english("Who is the governor of Al-Kharj, and how far is it from Rass?", {}, names)
    )
    assert concepts["al kharj"] == set(analyze("الخرج"))
    assert set(analyze("الرس")) <= concepts["rass"] and not set(analyze("راس")) & concepts["rass"]


def test_who_heads_a_body_asks_its_head_not_heads():
    """The dictionary's "heads" is الرؤوس, the body's; "Who heads the Red Crescent?" asks its رئيس."""
    concepts = _terms(expand_english("Who heads the Saudi Red Crescent?", {"heads": ("الرؤوس",)}))
    assert set(analyze("رئيس")) <= concepts["heads"]
    assert not set(analyze("الرؤوس")) & concepts["heads"]


def test_lexicon_phrases_win_over_their_words():
    concepts = _terms(expand_english("When were the arms control talks with the foreign minister?", {}))
    assert set(analyze("الحد من التسلح")) <= concepts["arms control"]
    assert set(analyze("وزير الخارجية")) <= concepts["foreign minister"]
    assert "arms" not in concepts and "minister" not in concepts
    assert (
        set(analyze("مجلس الأمن"))
        <= _terms(expand_english("the UN Security Council", {}))["un security council"]
    )


def test_dictionary_senses_and_names_become_renderings():
    dictionary = {"harvest": ("الحصاد", "المحصول")}
    names = NameIndex("قال ريابكوف".split())
    concepts = expand_english("What did Ryabkov say about the harvest?", dictionary, names)
    found = _terms(concepts)
    assert found["harvest"] >= set(analyze("الحصاد المحصول"))
    assert analyze("ريابكوف")[0] in found["ryabkov"]
    assert "what" not in found and "say" not in found


def test_a_governor_is_the_governorates_head_not_a_ruler():
    """The dictionary's "governor" is الحاكم (a ruler); Saudi copy writes محافظ (a governorate's
    head) or أمير (a region's)."""
    found = _terms(expand_english("Who is the governor of Al-Kharj?", {"governor": ("الحاكم",)}))
    assert set(analyze("محافظ")) <= found["governor"] and not set(analyze("الحاكم")) & found["governor"]


def test_everyday_words_beat_the_dictionarys_odd_sense():
    """The dictionary renders "used" as مستعمل only; news says استخدم."""
    dictionary = {"used": ("مستعمل",), "harvest": ("الحصاد",)}
    found = _terms(expand_english("What was the harvest used for?", dictionary))
    assert set(analyze("استخدم")) <= found["used"]
    assert not set(analyze("مستعمل")) & found["used"]
    assert set(analyze("الحصاد")) <= found["harvest"]  # words the table lacks still use the dictionary


def test_how_many_questions_words_render_as_news_counts_them():
    """The dictionary's fire is النار (gunfire to news), its tons الأطنان ("4.1 طن"), its caught
    مسك: a fire's, a seizure's and an arrest's counts were not found."""
    dictionary = {"fire": ("النار",), "caught": ("مسك",), "tons": ("الأطنان",)}
    found = _terms(expand_english("How many people were hurt when a generator caught fire?", dictionary))
    assert set(analyze("حريق")) <= found["caught fire"] and "fire" not in found
    found = _terms(expand_english("How many tons of food were seized after the fire?", dictionary))
    assert set(analyze("طن")) <= found["tons"] and set(analyze("حريق")) <= found["fire"]
    found = _terms(expand_english("How many vendors were caught by the police?", dictionary))
    assert set(analyze("القبض")) <= found["caught"] and not set(analyze("مسك")) & found["caught"]


def test_number_words_match_digits_and_words():
    found = _terms(expand_english("How many times did the two ministers meet?", {}))
    assert {"2"} | set(analyze("اثنين")) <= found["two"]


def test_an_acronym_is_a_name_not_an_everyday_word():
    """START is the treaty, not "to begin": no everyday or dictionary sense for an acronym."""
    dictionary = {"start": ("البداية",)}
    found = _terms(expand_english("Was the New START treaty extended?", dictionary))
    assert not (set(analyze("بدأ البداية")) & found["start"])
    assert set(analyze("بدأ")) <= _terms(expand_english("When did the talks start?", dictionary))["start"]


def test_function_words_are_not_concepts():
    found = _terms(expand_english("Why did they meet again because of the crisis?", {}))
    assert "again" not in found and "because" not in found and "crisis" in found
    # "According to the ministry": whose word, not the topic (the dictionary's التّوافق).
    assert "according" not in _terms(expand_english("According to the ministry, who won?", {}))
    # The Arabic article of a transliterated name is no word of its own (the dictionary's "AL" is
    # Alabama).
    concepts = expand_english("Bab al-Hawa crossing", {"al": ("ولاية ألاباما",), "crossing": ("معبر",)})
    assert [c.english for c in concepts] == ["Bab", "Hawa", "crossing"]


def test_a_word_whose_every_sense_the_analysis_drops_is_no_concept():
    """آلية ("mechanism") reads as إليه and بيّن ("signify") as بين, both stopwords: the
    articles' word is not searchable, so the English word is none of the question's concepts (it
    was kept with its Latin spelling alone and named missing: "Not in the articles: mechanism")."""
    concepts = expand_english("How long was the Syria aid mechanism extended?", {})
    assert "mechanism" not in [c.english for c in concepts] and "aid" in [c.english for c in concepts]
    concepts = expand_english("What does the crown signify?", {"signify": ("بيّن",), "crown": ("تاج",)})
    assert [c.english for c in concepts] == ["crown"]
    # A name-like word keeps its Latin spelling, whatever its dictionary sense.
    assert "Ila" in [c.english for c in expand_english("Where is Ila today?", {"ila": ("إلى",)})]


def test_an_ambiguous_word_counts_once(tmp_path):
    """Five senses of one word weigh no more than one sense of another."""
    from retrieval.english.query import concept_scores
    from retrieval.index import SearchIndex
    from retrieval.store_corpus import StoredPassage

    texts = ["الحصاد المحصول الغلة الجني القطف", "الحصاد في القرية", "طقس", "مطر", "شمس", "رياح"]
    passages = [StoredPassage(i, "d", i, 0, 1, analyze(t)) for i, t in enumerate(texts)]
    from retrieval.documents import Document

    index = SearchIndex([Document(doc_id="d", title="", body="x")], passages)
    senses = {"harvest": tuple(texts[0].split()), "village": ("القرية",)}
    concepts = expand_english("harvest village", senses)
    scores = concept_scores(index, concepts)
    assert scores[1] > scores[0]


def test_a_rare_misspelling_of_a_name_does_not_outweigh_its_usual_spelling():
    """The corpus spells Biden بايدن, once بادين: a passage with the typo is no better a match."""
    from retrieval.documents import Document
    from retrieval.english.query import concept_scores, term_weights
    from retrieval.index import SearchIndex
    from retrieval.store_corpus import StoredPassage

    texts = ["قال بايدن إن اللقاء مفيد", "قال بادين إن اللقاء مفيد", "بايدن في جنيف", "بايدن وماكرون"]
    texts += ["طقس", "مطر", "شمس", "رياح", "ثلج", "غيم"]
    passages = [StoredPassage(i, "d", i, 0, 1, analyze(t)) for i, t in enumerate(texts)]
    index = SearchIndex([Document(doc_id="d", title="", body="x")], passages)
    concepts = expand_english("What did Biden say?", {}, NameIndex(w for t in texts for w in t.split()))
    spellings = {t for c in concepts for t in c.terms}
    assert {analyze("بايدن")[0], analyze("بادين")[0]} <= spellings  # both are renderings
    scores = concept_scores(index, concepts)
    assert scores[1] <= scores[0]  # no better a match than the usual spelling (was: far better)
    weights = term_weights(index, concepts)
    assert weights[analyze("بادين")[0]] <= weights[analyze("بايدن")[0]]


def evidence(coverage, similarity, specificity, margin, agreed):
    from retrieval.decision import ENGLISH_RULES, Evidence, english_strength

    return english_strength(Evidence(coverage, similarity, specificity, margin, agreed), ENGLISH_RULES)


def test_agreeing_rankings_lower_the_evidence_a_passage_needs():
    from retrieval.decision import ENGLISH_RULES

    MIN_TOP_COVERAGE = ENGLISH_RULES.min_coverage

    close = {"coverage": 0.4, "similarity": 0.85, "specificity": 1.0, "margin": 0.0}
    assert evidence(**close, agreed=True) == MIN_TOP_COVERAGE  # enough to answer
    assert evidence(**close, agreed=False) == 0.4  # not enough
    assert evidence(**{**close, "coverage": 0.2}, agreed=True) == 0.2  # too few of its words
    assert evidence(**{**close, "similarity": 0.7}, agreed=True) == 0.4  # too far in meaning


def test_half_the_concepts_do_not_make_an_answer_of_a_passage_far_in_meaning():
    from retrieval.decision import ENGLISH_RULES

    MIN_OTHER_COVERAGE = ENGLISH_RULES.min_other_coverage

    far = {"similarity": 0.7, "specificity": 0.0, "margin": 0.0, "agreed": False}
    assert evidence(coverage=0.6, **far) == MIN_OTHER_COVERAGE  # may follow an answer, not lead
    assert evidence(coverage=0.75, **far) == 0.75  # most of the question's concepts
    assert evidence(coverage=0.6, **{**far, "similarity": 0.85}) == 0.6  # near enough in meaning


def test_a_country_is_also_its_adjective():
    """News copy says "وزير الخارجية الروسي" for "Russia's foreign minister"."""
    concepts = expand_english("Who is Russia's foreign minister?", {})
    terms = _terms(concepts)
    assert analyze("الروسي")[0] in terms["russia"] and analyze("روسيا")[0] in terms["russia"]
    assert set(analyze("وزير الخارجية")) == terms["foreign minister"]


def news_index(folder: Path, articles: list[tuple[str, str]], date: str):
    """A real index over `articles` ((doc_id, Arabic text), all of `date`) written in `folder`."""
    news = folder / "news.jsonl"
    lines = [json.dumps({"doc_id": d, "title": "", "date": date, "text": t}) for d, t in articles]
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return asyncio.run(build_index(news, folder / "db.sqlite3"))


@pytest.fixture(scope="module")
def delegations_index(tmp_path_factory):
    articles = [
        ("ru", "ترأس نائب وزير الخارجية سيرغي ريابكوف وفد روسيا إلى المحادثات في جنيف يوم الثلاثاء."),
        ("us", "ترأست نائبة وزير الخارجية ويندي شيرمان وفد الولايات المتحدة إلى المحادثات في جنيف."),
    ]
    return news_index(tmp_path_factory.mktemp("delegations"), articles, "2021-09-30")


def test_a_nationality_is_also_its_country(delegations_index):
    """A Russian delegation is often "وفد روسيا": the lexicon's adjective renders as its country
    too (name snapping gave روسيا until curated words stopped being snapped)."""
    assert analyze("روسيا")[0] in _terms(expand_english("Who headed the Russian delegation?", {}))["russian"]
    answer = answer_question(delegations_index, "Who headed the Russian delegation at the Geneva talks?")
    assert answer.results[0].doc_id == "ru"
    assert ("Russian", "روسيا") in answer.matched_on


def test_mers_is_korona():
    """Saudi news writes MERS as كورونا: the acronym is not a word the articles lack."""
    terms = _terms(expand_english("What did the health ministry say about MERS in Riyadh?", {}))
    assert analyze("كورونا")[0] in terms["mers"]


def test_ties_are_relations():
    """The dictionary's ties is الروابط: the article writes "تطبيع العلاقات"."""
    terms = _terms(expand_english("Why did Putin think US-Russia ties could be normalized?", {}))
    assert analyze("العلاقات")[0] in terms["ties"]


def test_a_contraction_is_never_named_missing(delegations_index):
    """A question like "Why didn't Biden sanction ...?" printed "Not in the articles: didn't".
    The contraction still counts as a concept (leaving it out of coverage cost own English
    answers), but it names nothing the articles could hold; a name they lack is still said."""
    assert is_contraction("didn't") and is_contraction("weren't") and is_contraction("they're")
    assert not is_contraction("o'neill") and not is_contraction("dont") and not is_contraction("russia")
    question = "Why didn't Ryabkov head the Russian delegation at the Geneva talks?"
    assert "didn't" in [c.english for c in expand_english(question, {})]
    assert "didn't" not in answer_question(delegations_index, question).missing
    answer = answer_question(delegations_index, "Why wasn't Zorbulescu in the Russian delegation?")
    assert "Zorbulescu" in answer.missing and "wasn't" not in answer.missing


def test_matched_on_shows_the_rendering_the_first_result_holds():
    """The first result says ترأس for "led", a later one قادة (leaders)."""
    [led] = expand_english("led", {"led": ("قاد", "ترأس")})
    first, later = frozenset(analyze("ترأس الوفد")), frozenset(analyze("قادة روسيا"))
    assert matched_on([led], [first, later]) == (("led", "ترأس"),)
    assert matched_on([led], [later, first]) == (("led", "قاد"),)
    assert matched_on([led], [frozenset(analyze("جنيف"))]) == ()


def test_fusion_adds_dense_evidence_to_scaled_lexical_scores():
    lexical = np.array([4.0, 2.0, 0.0, 0.0])
    assert fuse(lexical, None).tolist() == [1.0, 0.5, 0.0, 0.0]
    dense = DenseScores.of(np.array([0.70, 0.72, 0.95, 0.70]))
    fused = fuse(lexical, dense)
    assert int(np.argmax(fused)) == 0 and fused[2] > fused[3]
    # The weight is the ranking config's, passed in: a sweep need not patch the module.
    assert fuse(lexical, dense, 0.0).tolist() == fuse(lexical, None).tolist()
    assert int(np.argmax(fuse(lexical, dense, 10.0))) == 2


def test_a_weak_best_lexical_match_counts_less_against_meaning():
    """No passage holds much of the question: its best lexical match (4.0) yields to the passage
    far closer in meaning, which a strong lexical match would not."""
    lexical = np.array([4.0, 0.0, 0.0, 0.0])
    dense = DenseScores.of(np.array([0.70, 0.80, 0.70, 0.70]))
    assert int(np.argmax(fuse(lexical, dense))) == 0
    assert int(np.argmax(fuse(lexical, dense, lexical_share=0.3))) == 1


def _write_dictd(folder, entries):
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def enc(n):
        out = ""
        while True:
            out = b64[n % 64] + out
            n //= 64
            if not n:
                return out

    data, index = b"", []
    for word, body in entries:
        chunk = body.encode()
        index.append(f"{word}\t{enc(len(data))}\t{enc(len(chunk))}")
        data += chunk
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "freedict-eng-ara.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(folder / "freedict-eng-ara.dict.dz", "wb") as handle:
        handle.write(data)


def test_dictd_files_are_read_with_their_senses(tmp_path):
    _write_dictd(
        tmp_path,
        [
            ("00databaseshort", "English-Arabic\n"),
            ("state", "State /stˈeɪt/\nالحالة، الدولة، يقرّ\n"),
            ("a", "A /ˈeɪ/\nآي - الحرف الأول في اللغة الإنجليزية\n"),
        ],
    )
    table = freedict.read_dictionary(
        tmp_path / "freedict-eng-ara.index", tmp_path / "freedict-eng-ara.dict.dz"
    )
    assert table["state"] == ("الحالة", "الدولة", "يقرّ")
    assert table["a"] == ("آي",)
    assert "00databaseshort" not in table


TRICKY_ENTRIES = [
    ("00databaseshort", "English-Arabic\n"),
    ("may", "May\nقد\n"),
    ("mayor", "Mayor\nعمدة، رئيس البلدية\n"),
    ("Turkey", "Turkey\nتركيا\n"),
    ("state", "State\nالدولة\n"),
    ("turkey", "turkey\nديك رومي\n"),
    ("zone", "Zone\nمنطقة\n"),
]


@pytest.mark.parametrize("extra", [[], [("İzmir", "Izmir\nإزمير\n")]], ids=["ascii", "longer-in-lower-case"])
def test_a_headword_looked_up_gets_every_entry_of_its_lines_and_no_other(tmp_path, extra):
    """Lookups find a headword's index lines in the index text (the first and the last line, in
    any case, not a longer word it begins); an index whose lower case is longer (İ) is read whole."""
    _write_dictd(tmp_path, TRICKY_ENTRIES + extra)
    table = freedict.read_dictionary(
        tmp_path / "freedict-eng-ara.index", tmp_path / "freedict-eng-ara.dict.dz"
    )
    assert table["may"] == ("قد",)
    assert table["mayor"] == ("عمدة", "رئيس البلدية")
    assert table["turkey"] == ("تركيا", "ديك رومي")
    assert table["zone"] == ("منطقة",)
    for absent in ("Turkey", "mayo", "ayor", "00databaseshort", "may\tAAA", ""):
        assert absent not in table
    assert sorted(table) == sorted({w.lower() for w, _ in TRICKY_ENTRIES + extra} - {"00databaseshort"})


def test_iterating_the_dictionary_reads_its_index_once_not_a_search_per_headword(tmp_path, monkeypatch):
    """Iterating (the Arabic spellings of names go through every headword) reads every index
    line once; a text search per headword took a minute over the installed dictionary."""
    _write_dictd(tmp_path, TRICKY_ENTRIES)
    table = freedict.read_dictionary(
        tmp_path / "freedict-eng-ara.index", tmp_path / "freedict-eng-ara.dict.dz"
    )

    def searched(self):
        raise AssertionError("the index text was searched")

    monkeypatch.setattr(freedict.Dictionary, "_lowered", property(searched))
    assert dict(table.items())["turkey"] == ("تركيا", "ديك رومي")
    assert table["mayor"] == ("عمدة", "رئيس البلدية")


def test_after_enough_lookups_the_index_is_read_whole_and_answers_the_same(tmp_path, monkeypatch):
    """A running bot looks up ever new English words: past SEARCHES_BEFORE_READING_WHOLE, the
    index is read once and lookups are a table's, with the translations the searches gave."""
    monkeypatch.setattr(freedict, "SEARCHES_BEFORE_READING_WHOLE", 2)
    _write_dictd(tmp_path, TRICKY_ENTRIES)
    table = freedict.read_dictionary(
        tmp_path / "freedict-eng-ara.index", tmp_path / "freedict-eng-ara.dict.dz"
    )
    assert table["may"] == ("قد",)
    assert "mayo" not in table

    def searched(self):
        raise AssertionError("the index text was searched")

    monkeypatch.setattr(freedict.Dictionary, "_lowered", property(searched))
    assert table["mayor"] == ("عمدة", "رئيس البلدية")
    assert table["turkey"] == ("تركيا", "ديك رومي")
    assert "ayor" not in table and "00databaseshort" not in table


def _reference_translations(index_path, data_path, every):
    """Every `every`-th headword's translations read the plain way: each index line split."""
    with gzip.open(data_path, "rb") as handle:
        data = handle.read()
    spans = {}
    for line in index_path.read_text(encoding="utf-8").splitlines():
        word, offset, length = line.split("\t")
        if not word.startswith("00database"):
            spans.setdefault(word.lower(), []).append((freedict._b64(offset), freedict._b64(length)))
    chosen = [w for i, w in enumerate(sorted(spans)) if i % every == 0 or len(spans[w]) > 1]
    entries = {w: [data[at : at + n].decode("utf-8", "replace") for at, n in spans[w]] for w in chosen}
    return {
        w: tuple(dict.fromkeys(t for e in found for t in freedict.parse_entry(e)))
        for w, found in entries.items()
    }


@pytest.mark.skipif(freedict.dictionary_files() is None, reason="dict-freedict-eng-ara not installed")
def test_the_installed_dictionary_looks_up_what_a_full_read_of_its_index_gives():
    files = freedict.dictionary_files()
    table = freedict.read_dictionary(*files)
    expected = _reference_translations(*files, every=40)
    assert {w: table.get(w, ()) for w in expected} == expected
    assert len(expected) > 2_000 and sum(map(bool, expected.values())) > 1_000


def test_a_missing_dictionary_is_reported_once_and_english_still_works(monkeypatch, caplog):
    monkeypatch.setattr(freedict, "dictionary_files", lambda: None)
    freedict.load_dictionary.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert freedict.load_dictionary() == {}
            assert freedict.load_dictionary() == {}
        assert sum("dict-freedict-eng-ara" in r.getMessage() for r in caplog.records) == 1
        checks = {c.name: c for c in english_checks()}
        assert not checks["English-Arabic dictionary"].ok
        assert "apt-get install dict-freedict-eng-ara" in checks["English-Arabic dictionary"].detail
    finally:
        freedict.load_dictionary.cache_clear()


@pytest.fixture
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "_*"))
    return target


def test_embeddings_are_cached_and_only_new_passages_are_embedded(tmp_path, corpus, monkeypatch):
    fake = FakeEmbedder()
    monkeypatch.setattr(embedding, "load_embedder", lambda: fake)

    async def scenario():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            first = fake.embedded
            assert first == len(engine.index) > 0
            assert engine.indexes.dense.passages.shape == (len(engine.index), fake.dim)
            (corpus / "extra.txt").write_text("عنوان\n\nقال المتحدث إن المحادثات ستستأنف قريباً.\n", "utf-8")
            await engine.refresh()
            assert fake.embedded == first + 1
            (corpus / "extra.txt").unlink()
            await engine.refresh()
            stored = await engine.store.embeddings("fake")
            assert len(stored) == len(engine.index)
        finally:
            await engine.close()
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        await engine.close()
        assert fake.embedded == first + 1

    asyncio.run(scenario())


def test_seed_vectors_round_trip_and_stale_keys_are_ignored(tmp_path):
    seeds = {"a" * 64: np.ones(4, dtype=np.float32), "b" * 64: np.zeros(4, dtype=np.float32)}
    vectors.write_seed_vectors(tmp_path, "m", seeds)
    back = vectors.read_seed_vectors(tmp_path, "m")
    assert set(back) == set(seeds) and np.allclose(back["a" * 64], 1)
    matrix = vectors.aligned_matrix(["c" * 64, "a" * 64], back, 4)
    assert not matrix[0].any() and matrix[1].all()


XQUAD_CORPUS = Path(__file__).parent / "data" / "xquad-dev" / "corpus.jsonl"


@pytest.mark.parametrize("corpus_file", [None, XQUAD_CORPUS], ids=["bundled", "xquad"])
def test_shipped_seed_vectors_cover_their_corpus(corpus_file):
    """Seed files cover their corpus's passages, else first use (and the tests) embed them all:
    after a change to cleaning or passage splitting, rerun `python -m retrieval.english.seed`."""
    from retrieval.documents import corpus_files, read_file_documents
    from retrieval.passages import split_passages

    folder = corpus_file.parent if corpus_file else BUNDLED_CORPUS
    files = [corpus_file] if corpus_file else corpus_files(BUNDLED_CORPUS)
    seeds = vectors.read_seed_vectors(folder / vectors.SEED_FOLDER, MODEL_NAME)
    keys = set()
    for path in files:
        for doc in read_file_documents(folder, path, path.read_bytes()):
            keys |= {vectors.passage_key(doc.body[s.start : s.end]) for s in split_passages(doc.body)}
    assert len(keys & seeds.keys()) >= 0.9 * len(keys), "stale seed vectors: rerun retrieval.english.seed"


def test_an_old_store_is_migrated(tmp_path):
    async def scenario():
        store = await Store.open(tmp_path / "db.sqlite3")
        await store.set_meta("schema_version", "1")
        await store._db.execute("DROP TABLE embeddings")
        await store.close()
        store = await Store.open(tmp_path / "db.sqlite3")
        try:
            assert int(await store.get_meta("schema_version") or 0) >= 2
            assert await store.embeddings("x") == {}
        finally:
            await store.close()

    asyncio.run(scenario())


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory):
    async def build():
        engine = await Engine.open(tmp_path_factory.mktemp("db") / "db.sqlite3", BUNDLED_CORPUS)
        try:
            await engine.refresh()
            return engine.indexes
        finally:
            await engine.close()

    return asyncio.run(build())


def test_an_english_answer_shows_the_arabic_terms_it_matched(bundled_index):
    answer = answer_question(bundled_index, "Where did Blinken and Lavrov meet for the first time?")
    assert answer.lang == "en" and answer.answered
    assert {analyze("بلينكن")[0], analyze("لافروف")[0], analyze("لقاء")[0]} <= set(answer.matched_terms)
    assert {("Blinken", "بلينكن"), ("Lavrov", "لافروف")} <= set(answer.matched_on)
    assert answer.to_json()["matched_on"][0] == list(answer.matched_on[0])
    top = answer.results[0]
    assert top.doc_id == "002_09334d7de83b752e"
    assert top.snippet in top.passage  # extractive Arabic
    assert top.highlights


def test_english_works_without_dense_retrieval(bundled_index, monkeypatch):
    lexical = replace(bundled_index, dense=None)
    answer = answer_question(lexical, "Who led the Russian delegation in Geneva?")
    assert answer.answered and answer.results[0].doc_id == "003_b556f401f158842d"
    arabic = answer_question(lexical, "أين عقدت محادثات الاستقرار الاستراتيجي؟")
    assert arabic.answered and arabic.lang == "ar"


def test_the_text_reply_to_english_says_what_it_matched_on(bundled_index):
    from bot.render_text import render_answer_text

    answer = answer_question(bundled_index, "When were the arms control talks in Geneva?")
    text = render_answer_text(answer, color=False)
    assert text.startswith("Question: ")
    assert "Matched on: " in text and "arms control = الحد من " in text  # التسلح or الأسلحة
    arabic = answer_question(bundled_index, "أين عقدت محادثات الاستقرار الاستراتيجي؟")
    assert arabic.matched_on == () and "Matched on" not in render_answer_text(arabic, color=False)


@pytest.mark.parametrize(
    ("question", "word", "arabic"),
    [
        ("When did the museum open?", "open", "افتتح"),
        ("When was the museum opened?", "opened", "افتتاح"),
        ("Who was arrested?", "arrested", "اعتقل"),
        ("When was he elected?", "elected", "انتخب"),
        ("How many were injured?", "injured", "أصيب"),
        ("Who signed the deal?", "signed", "وقع"),
        ("When was the shop closed?", "closed", "أغلق"),
        ("Why did he resign?", "resign", "استقال"),
        ("Who hosted the summit?", "hosted", "استضاف"),
        ("Where were the talks held?", "held", "عقدت"),
        ("Is the relationship stable?", "stable", "مستقرة"),
        ("What is the capital?", "capital", "العاصمة"),
        ("Were the talks frank?", "frank", "صريحة"),
        ("Which opposition figure?", "figure", "شخصية"),
        ("How much do they eat in a day?", "eat", "تأكل"),
        ("Who restored the old tapes?", "tapes", "شرائط"),
        ("Who restored the old tapes?", "restored", "الاستعادة"),
        ("Is the district known for crime?", "crime", "الجرائم"),
        ("What do researchers believe?", "believe", "يعتقد"),
        ("How many nations joined?", "nations", "دول"),
        ("Who is the current coach?", "current", "الحالي"),
        ("How old are the fossils?", "fossils", "الأحافير"),
        ("Which argentine coach was close to the job?", "coach", "المدرب"),
        ("Where did the saudi index close?", "index", "المؤشر"),
        ("Who hosted the royal commission seminar?", "royal", "الملكية"),
        ("Who hosted the royal commission seminar?", "seminar", "ندوة"),
        ("Who will they play in the Crown Prince Cup?", "crown prince", "ولي العهد"),
        ("How many air strikes against ISIS?", "isis", "داعش"),
        ("Kazakhstan joined the WTO as which member?", "wto", "منظمة التجارة العالمية"),
        ("Did Al Nassr win their last friendly?", "nassr", "النصر"),
    ],
)
def test_news_verbs_match_the_forms_arabic_news_writes(question, word, arabic):
    """The dictionary's single sense (open: مفتوح; stable: الإسطبل, a horse's) misses the forms
    and senses news copy uses."""
    assert set(analyze(arabic)) <= _terms(expand_english(question, {}))[word]


def test_a_news_sense_finds_the_article_that_uses_it(bundled_index):
    """The State Department called the Stockholm talks "صريحة ومهنية"; with فرانك and المحترف for
    frank and professional, an article on the Reykjavik talks came first."""
    question = "Where did Lavrov and Blinken hold the talks State described as frank and professional?"
    answer = answer_question(bundled_index, question)
    assert answer.results[0].doc_id == "001_189fae57c8dc02ff"
    assert ("frank", "صريحة") in answer.matched_on


@pytest.fixture(scope="module")
def museum_index(tmp_path_factory):
    articles = [
        ("museum-new", "افتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت بعد سنوات من أعمال البناء."),
        ("museum-old", "أغلقت وزارة الثقافة المتحف الوطني القديم يوم الأحد لأعمال الصيانة حتى نهاية العام."),
        ("weather", "توقعت الأرصاد الجوية هطول أمطار غزيرة على المناطق الشمالية خلال الأيام المقبلة."),
        ("football", "فاز المنتخب الوطني على ضيفه بهدفين مقابل هدف في المباراة التي أقيمت مساء الجمعة."),
    ]
    return news_index(tmp_path_factory.mktemp("museum"), articles, "2024-03-02")


@pytest.mark.parametrize(
    ("question", "doc_id", "pair"),
    [
        ("When did the new national museum open?", "museum-new", ("open", "افتتح")),
        ("When was the old national museum closed?", "museum-old", ("closed", "أغلقت")),
    ],
)
def test_a_news_verb_answers_from_the_article_that_writes_it(museum_index, question, doc_id, pair):
    answer = answer_question(museum_index, question)
    assert answer.answered and answer.results[0].doc_id == doc_id
    assert pair in answer.matched_on and pair[0] not in answer.missing


def test_discuss_matches_the_present_and_future_news_write(tmp_path):
    """A question on what a summit will discuss is answered from "ستناقش القمة": the analysis
    keeps the future's س and the present's ي apart from the past tense ناقش."""
    articles = [
        ("agenda", "ستناقش القمة المقبلة في جنيف ملف الأمن السيبراني والحد من التسلح."),
        ("end", "انتهت القمة في جنيف بعد يومين من الاجتماعات بين الوفدين."),
    ]
    index = news_index(tmp_path, articles, "2021-06-16")
    answer = answer_question(index, "What will the Geneva summit discuss?")
    assert answer.results[0].doc_id == "agenda"
    assert ("discuss", "ستناقش") in answer.matched_on


@pytest.mark.parametrize("dense", ["1", "0"])
def test_an_english_question_on_a_one_article_corpus_is_answered(tmp_path, monkeypatch, dense):
    """In a corpus of one article every term is in every passage, so rank_bm25's idf, and every
    BM25 score, is negative: the English path must still see which passages hold its terms
    (a newsroom's first try is often one uploaded article)."""
    monkeypatch.setenv("CORPUSBOT_DENSE", dense)
    news = tmp_path / "news.jsonl"
    text = "افتتح المتحف الوطني الجديد أبوابه للزوار يوم السبت بعد سنوات من أعمال البناء."
    news.write_text(json.dumps({"doc_id": "museum", "title": "", "text": text}) + "\n", encoding="utf-8")
    index = asyncio.run(build_index(news, tmp_path / "db.sqlite3"))
    answer = answer_question(index, "When did the new national museum open?")
    assert answer.answered and answer.results[0].doc_id == "museum"
    assert ("open", "افتتح") in answer.matched_on
    assert not answer_question(index, "What is the price of gold?").answered


def test_how_long_old_and_far_ask_for_a_kind_of_answer_not_about_a_topic(own_index):
    answer = answer_question(own_index, "How long did the Blinken Lavrov meeting last?")
    assert "long" not in answer.missing and "long" not in dict(answer.matched_on)
    concepts = expand_english("How old is he and how far is Moscow?", {})
    assert [c.english for c in concepts] == ["Moscow"]


def test_last_closing_a_clause_is_the_verb_and_before_a_noun_the_adjective(own_index):
    def renderings(question: str) -> set[str]:
        concept = next(c for c in expand_english(question, {}) if c.english.lower() == "last")
        return {r.text for r in concept.renderings}

    assert {"استمر", "دام"} <= renderings("How long did the meeting last?")
    assert "الماضي" not in renderings("how long did the talks last for")
    assert "الماضي" in renderings("What did Putin say last week?")
    assert "الماضي" in renderings("How long after the last round of talks?")
    assert "الماضي" in renderings("Who finished last?")  # no "how long": the adjective
    answer = answer_question(own_index, "How long did the Blinken Lavrov meeting last?")
    assert answer.answered and ("last", "استمر") in answer.matched_on
    assert "نحو ساعتين" in answer.results[0].snippet


def test_a_hijri_year_is_also_written_with_its_era_and_its_h_is_no_word():
    """The articles glue the era to the year ("1436هـ" is one term), and "1436H" left an H that
    was named missing as a capitalized word."""
    words = english_words("projects in 1435/1436H and 1436 AH, 12 Hours")
    assert [w.typed for w in words] == ["projects", "in", "1435", "1436", "and", "1436", "12", "Hours"]
    terms = _terms(expand_english("projects in 1436H", {}))
    assert set(analyze("1436هـ")) | {"1436"} <= terms["1436"]
    assert _terms(expand_english("projects in 2015", {}))["2015"] == {"2015"}


def test_capitalized_runs_are_read_from_the_question():
    assert capitalized_runs("What did Pearson sell the Financial Times for?") == [["Financial", "Times"]]
    assert capitalized_runs("How much did Air Arabia's profit reach in 2015?") == [["Air", "Arabia"]]
    assert capitalized_runs("Who won the Saudi Super Cup at Loftus Road?") == [
        ["Saudi", "Super", "Cup"],
        ["Loftus", "Road"],
    ]
    assert capitalized_runs("How many times did Pearson sell it?") == []


def test_a_part_of_a_name_of_several_words_is_named_as_the_whole_name():
    """ "Not in the passages shown: Salman, Armed, Forces" says less than the hospital's name; the
    name is held elsewhere only when each part said is."""
    question = "How old was the girl at King Salman Armed Forces Hospital in Tabuk?"
    hospital = "King Salman Armed Forces Hospital"
    words = ("Salman", "Armed", "Forces", "Tabuk")
    assert named_whole(question, words, ("Salman", "Armed", "Forces")) == ((hospital, "Tabuk"), (hospital,))
    assert named_whole(question, ("Salman", "Armed"), ("Salman",)) == ((hospital,), ())
    assert named_whole("Who won in the Eastern Province?", ("Eastern Province",), ()) == (
        ("Eastern Province",),
        (),
    )


def test_words_of_bodies_and_events_render_as_news_writes_them():
    """Capitalized, "Women" was snapped to عامين ("two years"); the lexicon's words are not
    snapped. A hospital's "General" is العام after it, and Air Arabia is العربية للطيران."""
    names = NameIndex("عامين السيدات للطيران".split())
    question = "Who scored in the Women's World Cup, and who heads Qunfudhah General Hospital or Air Arabia?"
    terms = _terms(expand_english(question, {}, names))
    assert set(analyze("السيدات")) <= terms["women"] and not set(analyze("عامين")) & terms["women"]
    assert set(analyze("المستشفى العام")) <= terms["general hospital"]
    assert set(analyze("العربية للطيران")) <= terms["air arabia"]


def test_newspapers_and_a_club_named_by_other_words_render_as_news_writes_them():
    """A lone "Times" is مرات ("times") or, snapped, تميز ("distinction"): Pearson's Financial
    Times was "not in the passages shown" though they write فايننشال تايمز. PSG and Lille
    rendered to nothing."""
    names = NameIndex("تميز مرات".split())
    question = "How much did Pearson sell the Financial Times for, and who scored PSG's goal against Lille?"
    terms = _terms(expand_english(question, {}, names))
    assert set(analyze("فايننشال تايمز")) <= terms["financial times"]
    assert not {*analyze("تميز"), *analyze("مرات")} & terms["financial times"]
    assert set(analyze("باريس سان جيرمان")) <= terms["psg"]
    assert set(analyze("ليل")) <= terms["lille"]
