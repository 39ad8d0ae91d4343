"""A misdotted question word read as the articles write it (issue 15)."""

from dataclasses import replace

from retrieval.dialect import read_dialect
from retrieval.dotting import redotted
from retrieval.ranking_config import ARABIC_RANKING
from tests.test_dialect import frequency_of

COMMON = frequency_of({"المتوسط": 1430, "تنتج": 218, "فتني": 449, "بني": 900, "تبادل": 642, "تبادلت": 9})
WRITTEN = {"المتوسط", "تنتج", "فتني", "بني", "تبادليه"}.__contains__


def test_a_word_never_written_is_read_as_its_commonly_written_redotting():
    assert redotted("المتوسظ", COMMON, WRITTEN) == "المتوسط"
    assert redotted("تنتح", COMMON, WRITTEN) == "تنتج"
    assert read_dialect("كم تنتح الصين بطاطس", COMMON, written=WRITTEN) == "كم تنتج الصين بطاطس"


def test_a_proclitic_an_inflection_or_a_rare_redotting_is_no_slip():
    assert redotted("فبني", COMMON, WRITTEN) is None  # ف + بني, not فتني
    assert redotted("تبادلته", COMMON, WRITTEN) is None  # its stem تبادلت is indexed
    rare = frequency_of({"المتوسط": 19})
    assert redotted("المتوسظ", rare, WRITTEN) is None


def test_redotting_is_behind_a_switch():
    off = replace(ARABIC_RANKING, dotting_typos=False)
    assert read_dialect("تنتح", COMMON, off, written=WRITTEN) == "تنتح"
