"""Outcomes the articles cannot hold: a question asking how something turned out that names a
year after the latest article's, and a match's result asked over a passage on its venue (issue
16: events after the articles' period). Small synthetic articles dated 2015."""

import asyncio
from dataclasses import replace

from retrieval.answering import answer_question
from retrieval.decision import ARABIC_RULES, CLOSEST, NO_WINNER, UPCOMING
from retrieval.engine import Engine
from retrieval.upcoming import asks_score

VOTE = (
    "حددت اللجنة التنفيذية للاتحاد الدولي لكرة القدم يوم السادس والعشرين من فبراير 2016 موعدا "
    "للجمعية العمومية غير العادية لانتخاب رئيس جديد للاتحاد خلفا للرئيس المستقيل."
)
VENUE = (
    "تلقى نادي الاتحاد خطابا يفيد بنقل مباراة الفريق الأول مع نادي أحد في دور الـ32 من مسابقة "
    "كأس ولي العهد إلى ملعب مدينة الملك عبدالعزيز بمكة المكرمة بسبب أعمال الصيانة."
)
OTHER = "افتتح أمير المنطقة مهرجان الصيف في الحديقة العامة بحضور عدد كبير من الأهالي والزوار."


def build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {"vote": VOTE, "venue": VENUE, "other": OTHER}.items():
        article = f"---\ntitle: خبر {name}\ndate: 2015-08-01\n---\n\n{text}\n"
        (corpus / f"{name}.txt").write_text(article, encoding="utf-8")

    async def go():
        engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
        try:
            await engine.refresh()
            return engine.indexes
        finally:
            await engine.close()

    return asyncio.run(go())


WINNER_2016 = "من فاز برئاسة الاتحاد الدولي لكرة القدم في انتخابات فبراير 2016؟"
SCORE = "شو صارت نتيجة ماتش الاتحاد وأحد بكاس ولي العهد"


def test_an_outcome_after_the_articles_gets_the_closest_passages(tmp_path):
    index = build(tmp_path)
    answer = answer_question(index, WINNER_2016)
    assert (answer.outcome, answer.reason) == (CLOSEST, UPCOMING)
    rules = replace(ARABIC_RULES, check_after_period=False, check_winner=False)
    assert answer_question(index, WINNER_2016, rules=rules).answered


def test_a_match_result_over_its_venue_gets_the_closest_passages(tmp_path):
    index = build(tmp_path)
    answer = answer_question(index, SCORE)
    assert (answer.outcome, answer.reason) == (CLOSEST, NO_WINNER)
    assert answer_question(index, SCORE, rules=replace(ARABIC_RULES, check_winner=False)).answered


def test_asks_score_reads_a_match_result_not_other_results():
    assert asks_score(SCORE)
    assert asks_score("ما نتيجة المباراة بين الهلال والنصر")
    assert not asks_score("كم كانت نتيجة التحقيق في الحادث")
