"""Spoken Arabic in a question read as the articles write it (issue 16, item 3)."""


from retrieval.answering import answer_question
from retrieval.dialect import read_dialect
from retrieval.normalize import normalize_arabic
from retrieval.stemming import light_stem


def frequency_of(counts: dict[str, int]):
    """Passages holding each word's index term, as the index would count them."""
    stems = {light_stem(normalize_arabic(word)): n for word, n in counts.items()}
    return lambda term: stems.get(term, 0)


def test_spoken_question_words_and_particles_are_read_in_their_standard_form():
    reading = read_dialect("شو رح يصير هلق؟ وين وامتى؟", frequency_of({}))
    assert reading == "ماذا يصير الآن؟ أين ومتى؟"


def test_a_spoken_verb_prefix_is_undone_when_the_corpus_commonly_writes_the_bare_word():
    common = frequency_of({"يتعرض": 40, "الفترة": 25})
    assert read_dialect("مين هيتعرض للعقوبات هالفترة", common) == "من يتعرض للعقوبات الفتره"


def test_a_prefix_is_kept_when_the_bare_word_is_rare_or_the_typed_one_common():
    assert read_dialect("هيتعرض", frequency_of({"يتعرض": 2})) == "هيتعرض"  # too rare to be sure
    assert read_dialect("هيتعرض", frequency_of({"يتعرض": 40, "هيتعرض": 5})) == "هيتعرض"  # typed one is common


def test_standard_words_spelt_like_spoken_ones_are_left_alone():
    # إلى normalizes to الي, which speech also writes for اللي.
    assert read_dialect("شو رح يصير إلى الآن", frequency_of({})) == "ماذا يصير إلى الآن"


def test_a_question_without_spoken_forms_is_left_as_it_is():
    question = "متى عقدت القمة بين بايدن وبوتين؟"
    assert read_dialect(question, frequency_of({"عقدت": 9})) == question


def test_the_reading_is_shown_when_it_changed_what_is_searched(own_index):
    answer = answer_question(own_index, "وين مسجون نافالني هلأ؟")
    assert answer.read_as == "أين مسجون نافالني الآن؟"
    assert answer_question(own_index, "شو قال بيدرسن عن حل الازمه السوريه").read_as == ""  # stopwords only


def test_a_merged_letter_is_restored_in_a_word_the_articles_never_write():
    common = frequency_of({"الحوثية": 900, "القذائف": 150, "الثلاثة": 2000, "الحوت": 12})
    written = {"الحوثيه", "القذائف", "الثلاثه", "الحوت"}.__contains__
    question = "وين وقعت القذايف الحوتية بالتلاتة"
    assert read_dialect(question, common, written=written) == "أين وقعت القذائف الحوثيه بالثلاثه"
    # Without knowing which words the articles write, letters are left alone.
    assert read_dialect(question, common) == "أين وقعت القذايف الحوتية بالتلاتة"


def test_the_gulf_dad_for_za_is_restored_in_a_word_the_articles_never_write():
    """Gulf typing writes ض for ظ (محافض): read as the articles write it, as ت for ث is."""
    common = frequency_of({"محافظ": 3000, "الظروف": 400})
    written = {"محافظ", "الظروف"}.__contains__
    assert read_dialect("مين محافض ينبع", common, written=written) == "من محافظ ينبع"
    assert read_dialect("الضروف", common, written=written) == "الظروف"
    # A word the articles write with ض stays (ضرب is not ظرب).
    assert read_dialect("ضرب", frequency_of({"ضرب": 50}), written={"ضرب"}.__contains__) == "ضرب"


def test_a_word_the_articles_write_keeps_its_letters_whatever_its_stem_shares():
    # الحوت (a whale) has the stem of the misspelt الحوتية; the articles write it: it stays.
    common = frequency_of({"الحوثية": 900, "الحوت": 12})
    written = {"الحوثيه", "الحوت"}.__contains__
    assert read_dialect("الحوت اللي انتحر", common, written=written) == "الحوت الذي انتحر"


def test_a_merged_letter_is_kept_when_the_restored_word_is_rare():
    rare = frequency_of({"الثلاثة": 2})
    assert read_dialect("التلاتة", rare, written=set().__contains__) == "التلاتة"
    typed_common = frequency_of({"الثلاثة": 40, "التلاتة": 5})
    assert read_dialect("التلاتة", typed_common, written=set().__contains__) == "التلاتة"


def test_spoken_spellings_are_read_and_shown_on_a_real_index(own_index):
    answer = answer_question(own_index, "شو قرروا بالجولة التانيه بجنيف")
    assert "الثانيه" in answer.read_as and answer.answered


def test_a_verb_ending_the_articles_never_write_is_read_as_the_form_they_write():
    common = frequency_of({"اتفق": 2, "اتفقا": 3, "حشد": 4})
    written = {"اتفق", "اتفقا", "حشد"}.__contains__
    assert read_dialect("كم مجموعة اتفقو عليها", common, written=written) == "كم مجموعة اتفق عليها"
    assert read_dialect("اتفقوا على ايه", common, written=written) == "اتفق على ايه"
    assert read_dialect("وين حشدت", common, written=written) == "أين حشد"


def test_a_verb_ending_is_kept_when_the_typed_form_is_written_or_the_others_are_rare():
    written = {"اتفق", "اتفقوا", "قالو"}.__contains__
    assert read_dialect("اتفقوا", frequency_of({"اتفق": 40, "اتفقوا": 2}), written=written) == "اتفقوا"
    assert read_dialect("اتفقو", frequency_of({"اتفق": 2}), written=written) == "اتفقو"  # too rare
    # A word ending like a verb whose stem the articles commonly write as typed: left alone.
    assert read_dialect("موسكو", frequency_of({"موسكو": 90, "موسك": 1}), written=written) == "موسكو"


def test_a_dropped_final_hamza_is_restored_in_a_word_the_articles_never_write():
    common = frequency_of({"السجناء": 12, "الوزراء": 30})
    written = {"السجناء", "الوزراء"}.__contains__
    assert read_dialect("تبادل السجنا", common, written=written) == "تبادل السجناء"
    assert read_dialect("تبادل السجنا", frequency_of({"السجناء": 1}), written=written) == "تبادل السجنا"


def test_a_dialect_plural_verb_finds_the_answer_on_the_bundled_corpus(own_index):
    answer = answer_question(own_index, "قديش مجموعة عمل اتفقو عليها بجنيف؟")
    assert "اتفق" in answer.read_as.split()
    assert answer.answered and "مجموعتي عمل" in answer.results[0].snippet


def test_particles_of_wanting_belonging_and_the_maghrebi_future_are_dropped():
    reading = read_dialect("الاجتماع ديال بلينكن شحال غادي يدوم؟ بدو تعاون", frequency_of({}))
    assert reading == "الاجتماع بلينكن كم يدوم؟ تعاون"


def test_the_maghrebi_preposition_fa_is_undone_when_the_corpus_commonly_writes_the_bare_word():
    assert read_dialect("فستوكهولم", frequency_of({"ستوكهولم": 12})) == "ستوكهولم"
    assert read_dialect("فستوكهولم", frequency_of({"ستوكهولم": 2})) == "فستوكهولم"  # too rare
    assert read_dialect("فرضت", frequency_of({"رضت": 40, "فرضت": 30})) == "فرضت"  # a word of its own


def test_a_counted_noun_with_the_accusative_alif_keeps_its_fa():
    # "كم فداناً": فدان is the noun the articles write, not ف + دانا (a name).
    counts = {"دانا": 98, "فدانا": 5, "فدان": 43}
    question = "كم فدانا احرق الحريق"
    assert read_dialect(question, frequency_of(counts)) == question
    assert read_dialect(question, frequency_of({"دانا": 98, "فدانا": 5})) == "كم دانا احرق الحريق"


def test_the_levantine_ala_with_the_article_is_undone_when_the_corpus_writes_the_bare_word():
    assert read_dialect("قديش انصاب عالحرث", frequency_of({"حرث": 12})) == "كم انصاب الحرث"
    assert read_dialect("عالحرث", frequency_of({"حرث": 2})) == "عالحرث"  # too rare to be sure


def test_the_spoken_negation_around_a_verb_is_undone_when_the_corpus_writes_the_verb():
    assert read_dialect("ليه ميطلقش", frequency_of({"يطلق": 40})) == "لماذا يطلق"
    assert read_dialect("مايعرفش", frequency_of({"يعرف": 40})) == "يعرف"
    # A word of its own that merely starts with م and ends with ش stays.
    assert read_dialect("المعاش مشمش", frequency_of({"شم": 40, "عا": 40})) == "المعاش مشمش"


