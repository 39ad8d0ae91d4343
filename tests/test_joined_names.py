"""Names the articles write joined and a question splits, or the other way round (issue 15)."""

import asyncio
from dataclasses import replace

from retrieval.answering import answer_question
from retrieval.dialect import read_dialect
from retrieval.evaluate import build_index
from retrieval.joined_names import read_joined
from retrieval.ranking_config import ARABIC_RANKING
from tests.test_dialect import frequency_of


def test_a_split_name_the_articles_write_joined_is_also_searched_joined():
    common = frequency_of({"ابوعريش": 25, "عريش": 108, "عبدالعزيز": 3800})
    written = {"ابوعريش", "عريش", "عبدالعزيز"}.__contains__
    assert read_joined("كم حديقة في أبو عريش؟", common, written) == "كم حديقة في أبو عريش ابوعريش؟"
    assert read_joined("من هو عبد العزيز", common, written) == "من هو عبد العزيز عبدالعزيز"


def test_a_split_name_stays_as_typed_when_the_joined_form_is_rare_or_never_written():
    written = {"ابوعريش", "ابوسنان"}.__contains__
    assert read_joined("ابو سنان", frequency_of({"ابوسنان": 1}), written) == "ابو سنان"  # too rare
    assert read_joined("ابو هريرة", frequency_of({"ابوهريرة": 9}), written) == "ابو هريرة"  # unwritten
    # Words between the parts are no name: "أبو، عريش".
    assert read_joined("أبو، عريش", frequency_of({"ابوعريش": 25}), written) == "أبو، عريش"
    assert read_joined("\u200f \n", frequency_of({}), written) == "\u200f \n"  # no words at all


def test_a_joined_name_the_articles_never_write_is_searched_as_its_parts():
    common = frequency_of({"هريرة": 33, "عبدالله": 3300})
    written = {"هريره", "عبدالله", "ابوه"}.__contains__
    assert read_joined("عن ابوهريرة", common, written) == "عن ابو هريره"
    assert read_joined("عبدالله", common, written) == "عبدالله"  # written joined: stays
    assert read_joined("ابوه", common, written) == "ابوه"  # "his father", too short a rest


def test_a_joined_name_is_searched_not_shown_and_turns_off_with_its_switch():
    """The Gulf question of the blind set: محافض read as محافظ, and أبوعريش, as the articles
    write the place, searched too; the reply shows the dialect reading alone."""
    common = frequency_of({"محافظ": 3000, "ابوعريش": 25, "عريش": 108})
    written = {"محافظ", "ابوعريش", "عريش"}.__contains__
    reading = read_dialect("مين محافض ابو عريش", common, written=written)
    assert reading == "من محافظ ابو عريش"
    assert read_joined(reading, common, written) == "من محافظ ابو عريش ابوعريش"
    off = replace(ARABIC_RANKING, joined_names=False)
    assert read_joined(reading, common, written, off) == reading


def test_a_reply_shows_the_dialect_reading_and_finds_the_joined_spelling(tmp_path):
    """End to end on a real index: the articles write أبوعريش joined; the Gulf question splits
    it. The joined form is searched (the governor's article is found) but never shown: the
    dialect changed only function words, so no reading is shown at all."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bodies = [
        "عين محافظ أبوعريش الجديد سعد العتيبي بعد صدور الأمر الملكي أمس.",
        "افتتحت بلدية أبوعريش حديقة جديدة في حي السلام بحضور الأهالي.",
        "سجلت محافظة أبوعريش أمطارا غزيرة طوال يوم الجمعة الماضي.",
        "نظمت جامعة جازان معرضا للكتاب في صبيا يستمر أسبوعا كاملا.",
    ]
    for number, body in enumerate(bodies):
        front = f"---\ntitle: خبر {number}\nsource: صحيفة\ndate: 2015-08-0{number + 1}\nlang: ar\n---\n"
        (corpus / f"{number}.txt").write_text(front + body + "\n", encoding="utf-8")
    index = asyncio.run(build_index(corpus, tmp_path / "eval.sqlite3"))
    answer = answer_question(index, "مين محافظ ابو عريش")
    assert answer.read_as == ""
    assert answer.results and "سعد العتيبي" in answer.results[0].snippet
