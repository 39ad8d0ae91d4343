"""Names the articles write joined and a question splits, or the other way round (issue 15)."""

from dataclasses import replace

from retrieval.dialect import read_dialect
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


def test_the_dialect_reading_adds_the_joined_name_behind_a_switch():
    """The Gulf question of the blind set: محافض read as محافظ, and أبوعريش, as the articles
    write the place, searched too."""
    common = frequency_of({"محافظ": 3000, "ابوعريش": 25, "عريش": 108})
    written = {"محافظ", "ابوعريش", "عريش"}.__contains__
    question = "مين محافض ابو عريش"
    assert read_dialect(question, common, written=written) == "من محافظ ابو عريش ابوعريش"
    off = replace(ARABIC_RANKING, joined_names=False)
    assert read_dialect(question, common, off, written=written) == "من محافظ ابو عريش"
