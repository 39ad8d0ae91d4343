"""Term proximity: a passage holding the question's terms in one sentence is raised over one
holding them apart (real index, real BM25, synthetic text)."""

from dataclasses import replace

import pytest

from retrieval.answering import arabic_candidates, retrieve
from retrieval.proximity import TermGroup, together_share
from retrieval.ranking_config import ARABIC_RANKING, ENGLISH_RANKING
from tests.test_answering import build

CLUB, COACH = TermGroup(2.0, frozenset({"هلال"})), TermGroup(1.0, frozenset({"مدرب"}))
APART = "فاز الهلال على النصر في الدوري. وقال مدرب المنتخب إن الفريق جاهز للبطولة."
TOGETHER = "أعلن مدرب الهلال أن الفريق جاهز. وتحدث عن المباراة المقبلة."


def test_terms_in_one_sentence_hold_their_share_and_terms_apart_none():
    assert together_share(TOGETHER, [CLUB, COACH]) == pytest.approx(1.0)
    assert together_share(APART, [CLUB, COACH]) == 0.0


def test_a_window_counts_terms_within_so_many_index_terms_across_sentences():
    text = "فاز الهلال. وقال مدرب المنتخب"  # terms: فاز هلال قال مدرب منتخب
    assert together_share(text, [CLUB, COACH], window=2) == 0.0
    assert together_share(text, [CLUB, COACH], window=3) == pytest.approx(1.0)


def test_one_group_alone_is_no_proximity():
    assert together_share("مدرب الهلال", [CLUB]) == 0.0
    third = TermGroup(1.0, frozenset({"نصر"}))
    assert together_share("الهلال الهلال. النصر", [CLUB, COACH, third]) == 0.0
    assert together_share("الهلال والنصر. مدرب", [CLUB, COACH, third]) == pytest.approx(0.75)


def test_a_group_is_matched_by_any_of_its_terms():
    club = TermGroup(2.0, frozenset({"هلال", "زعيم"}))
    assert together_share("قال مدرب الزعيم", [club, COACH]) == pytest.approx(1.0)


def _corpus(tmp_path):
    # "apart" repeats the club's name: BM25 alone prefers it to the passage naming its coach.
    apart = "فاز الهلال على النصر. الهلال تصدر الدوري بفوز الهلال. وقال مدرب المنتخب إن اللاعبين جاهزون."
    together = "أعلن مدرب الهلال أن اللاعبين جاهزون للمباراة المقبلة في الدوري والكأس والبطولة الآسيوية."
    other = {f"news{i}": [f"خبر رقم {i} عن الطقس والأمطار في المدينة."] for i in range(4)}
    return build(tmp_path, {"apart": [apart], "together": [together], **other})


def test_the_passage_holding_the_terms_together_is_raised_over_one_holding_them_apart(tmp_path):
    search = _corpus(tmp_path).search
    question = "من هو مدرب الهلال"
    plain = arabic_candidates(search, question, 2, replace(ARABIC_RANKING, proximity_weight=0.0))
    assert [c.doc_id for c in plain.found] == ["apart", "together"]
    near = arabic_candidates(search, question, 2, replace(ARABIC_RANKING, proximity_weight=0.5))
    assert [c.doc_id for c in near.found] == ["together", "apart"]


def test_the_english_path_weighs_proximity_over_the_concepts_arabic_terms(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    indexes = _corpus(tmp_path)
    question = "Who is the coach of Al-Hilal?"

    def order(weight: float) -> list[str]:
        ranking = replace(ENGLISH_RANKING, proximity_weight=weight)
        return [c.doc_id for c in retrieve(indexes, question, "en", 2, ranking).found]

    assert order(0.0) == ["apart", "together"]
    assert order(0.5) == ["together", "apart"]
