"""Furniture learned per outlet: an invented outlet's bylines, footers and tag lines are cut
and kept as evidence, real text is not, and a refresh that reads one file learns from all."""

import asyncio
import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from corpus import BUNDLED_CORPUS
from retrieval import outlet_state
from retrieval.documents import Document
from retrieval.outlets import count_edges, learn_profiles, strip_furniture
from retrieval.refresh import refresh_store
from retrieval.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUTLET = "صحيفة النخيل"
WRITERS = ["سالم الحربي", "نورة القحطاني", "فيصل الدوسري", "منى الشهري", "خالد العمري"]
CITIES = ["الدمام", "تبوك", "حائل", "نجران"]
SENTENCES = [
    "افتتح المجلس البلدي حديقة جديدة في الحي الشمالي بمساحة تتجاوز عشرة آلاف متر مربع.",
    "وأوضح رئيس المجلس أن الحديقة تضم ممرات للمشي وملاعب للأطفال ومساحات خضراء واسعة.",
    "وشهدت الأسواق المحلية إقبالا كبيرا على شراء التمور مع بداية موسم الحصاد هذا العام.",
    "وقال مدير الفرع إن الطلب ارتفع بنسبة كبيرة مقارنة بالموسم الماضي بسبب جودة المحصول.",
    "وأعلنت الجامعة عن فتح باب القبول في برامج الدراسات العليا لعدد من التخصصات الهندسية.",
    "وأكدت إدارة المرور أن الطريق الجديد سيخفف الزحام عن وسط المدينة في ساعات الذروة.",
    "وأشار التقرير إلى أن عدد الزوار تضاعف خلال الأشهر الثلاثة الأولى من افتتاح المتحف.",
    "ودعت الجمعية الأهالي إلى المشاركة في حملة تشجير الأودية التي تنطلق الأسبوع المقبل.",
]
SECTIONS = ["محليات", "اقتصاد"]
TAGS = ["حدائق", "تمور", "جامعات", "مرور", "متاحف", "بيئة"]


def invented_article(i: int, rng: random.Random) -> dict:
    """An article of the invented outlet: byline, body, tag line and footer repeating the headline."""
    title = f"{rng.choice(SECTIONS)} / خبر رقم {i} عن {rng.choice(TAGS)}"
    byline = f"{rng.choice(WRITERS)}- النخيل- {rng.choice(CITIES)}:"
    body = " ".join(rng.sample(SENTENCES, 3))
    tags = "وسوم " + " ".join(rng.sample(TAGS, 3))
    footer = f"رابط الخبر في صحيفة النخيل: {title}"
    text = f"{byline} {body}\n{rng.choice(SENTENCES)} {tags}\n{footer}"
    return {"doc_id": f"nakheel-{i:03d}", "title": title, "source": OUTLET, "text": text}


def documents(rows: list[dict]) -> list[Document]:
    return [
        Document(r["doc_id"], r["title"], r["text"].replace("\n", "\n\n"), source=r["source"]) for r in rows
    ]


def test_recurring_byline_tags_and_footer_are_cut_and_the_body_is_kept():
    rng = random.Random(7)
    docs = documents([invented_article(i, rng) for i in range(40)])
    profiles = learn_profiles(count_edges(docs))
    for doc in docs:
        cleaned, cuts = strip_furniture(doc, profiles[OUTLET])
        assert "النخيل" not in cleaned.body and "وسوم" not in cleaned.body
        assert cleaned.title == doc.title.split(" / ", 1)[1]  # the section label is cut
        assert cleaned.credit.endswith("- النخيل- " + cleaned.credit.rsplit("- ", 1)[-1])
        assert {cut.kind for cut in cuts} == {"head", "tail", "title"}
        for sentence in SENTENCES:
            assert (sentence in doc.body) == (sentence in cleaned.body)


def test_a_byline_after_the_decks_summary_lines_is_cut_and_the_deck_kept():
    rng = random.Random(5)
    docs = documents([invented_article(i, rng) for i in range(40)])
    profiles = learn_profiles(count_edges(docs))
    deck = "- الحديقة تضم ممرات للمشي: مساحات خضراء واسعة\n\n- الطلب ارتفع: جودة المحصول"
    article = replace(docs[0], body=f"{deck}\n\n{docs[0].body}")
    cleaned, _ = strip_furniture(article, profiles[OUTLET])
    assert cleaned.body.startswith(deck) and "النخيل" not in cleaned.body
    assert cleaned.credit == strip_furniture(docs[0], profiles[OUTLET])[0].credit


def test_a_phrase_at_the_end_of_real_text_is_not_cut():
    rng = random.Random(3)
    docs = documents([invented_article(i, rng) for i in range(40)])
    profiles = learn_profiles(count_edges(docs))
    # Ends like the tag line does, but with a full stop: a sentence, never furniture.
    last = "وقالت الجمعية إن وسوم المنتجات الزراعية ستتغير العام المقبل."
    article = Document("x", "عنوان", f"{SENTENCES[0]}\n\n{last}", source=OUTLET)
    assert strip_furniture(article, profiles[OUTLET]) == (article, [])


def _nakheel_profile(seed: int = 7):
    rng = random.Random(seed)
    return learn_profiles(count_edges(documents([invented_article(i, rng) for i in range(40)])))[OUTLET]


def test_bylines_inside_a_paragraph_or_without_a_colon_are_cut_and_the_text_kept():
    """Heads of the learned template where the edge rules did not look: after a deck's items in
    the same paragraph, with a photo credit in parentheses, or ended by the marker itself."""
    profile = _nakheel_profile()
    deck = "- الحديقة تضم ممرات للمشي.. فمتى تفتح؟ - الطلب ارتفع."
    bodies = {
        f"{deck} حوار: سالم الحربي، تصوير: منى الشهري- النخيل- تبوك: {SENTENCES[0]}": (
            f"{deck}\n\n{SENTENCES[0]}"
        ),
        f"فيصل الدوسري- (تصوير: خالد العمري)- النخيل- حائل: {SENTENCES[1]}": SENTENCES[1],
        f"سالم الحربي- النخيل- نجران (تصوير: منى الشهري) {SENTENCES[2]}": SENTENCES[2],
        f"سالم الحربي- النخيل- تبوك {SENTENCES[3]}\n\n{SENTENCES[4]}": f"{SENTENCES[3]}\n\n{SENTENCES[4]}",
    }
    for body, kept in bodies.items():
        cleaned, cuts = strip_furniture(Document("x", "عنوان", body, source=OUTLET), profile)
        assert cleaned.body == kept and [cut.kind for cut in cuts] == ["head"]
        assert "النخيل" in cleaned.credit


def test_a_paragraph_of_captions_ending_in_a_byline_is_cut_and_a_lead_is_not():
    profile = _nakheel_profile()
    captions = (
        "صورة الحديقة من الجو ممرات المشي ملاعب الأطفال البحيرة الصغيرة مدخل الحديقة الشمالي "
        "التالي السابق منى الشهري- النخيل- الدمام"
    )
    article = Document("x", "عنوان", f"{captions}\n\n{SENTENCES[0]}\n\n{SENTENCES[1]}", source=OUTLET)
    assert strip_furniture(article, profile)[0].body == f"{SENTENCES[0]}\n\n{SENTENCES[1]}"
    # A lead of no full stop that only names the outlet is text: there is no byline to end it.
    lead = (
        "افتتح المجلس البلدي حديقة جديدة في الحي الشمالي بحضور الأهالي ومندوبي صحيفة النخيل في الدمام وتبوك"
    )
    article = Document("y", "عنوان", f"{lead}\n\n{SENTENCES[0]}", source=OUTLET)
    assert strip_furniture(article, profile) == (article, [])


def test_a_footer_with_its_teaser_and_a_tag_line_holding_a_full_stop_are_cut():
    profile = _nakheel_profile()
    footer = f"رابط الخبر في صحيفة النخيل: خبر سابق هذا الخبر يتبع لـ {SENTENCES[5]} {SENTENCES[6]}"
    tags = f"{SENTENCES[1]} وسوم حدائق. شتاء ربيع"
    article = Document("x", "عنوان", f"{SENTENCES[0]}\n\n{tags}\n\n{footer}", source=OUTLET)
    cleaned, cuts = strip_furniture(article, profile)
    assert cleaned.body == f"{SENTENCES[0]}\n\n{SENTENCES[1]}" and [cut.kind for cut in cuts] == [
        "tail",
        "tail",
    ]
    # A last sentence that starts with a tag word and ends with a full stop is text.
    last = f"{SENTENCES[1]} وسوم المنتجات تتغير. وقالت الجمعية إن التمور ستصدر العام المقبل."
    article = Document("y", "عنوان", f"{SENTENCES[0]}\n\n{last}", source=OUTLET)
    assert strip_furniture(article, profile) == (article, [])


def test_a_tag_line_glued_to_a_last_line_without_full_stop_is_cut_and_text_is_not():
    profile = _nakheel_profile()
    # Lines of a poem end without a full stop; the last is too long to be a tag line of its own.
    last_line = "سلام عليك من الأهل والجيران في كل صباح وفي كل مساء يا أرض الخير والعطاء"
    poem = f"يا دار الأحبة في الشمال\n\n{last_line}"
    article = Document("x", "عنوان", f"{SENTENCES[0]}\n\n{poem} وسوم أمطار شتاء ربيع صيف", source=OUTLET)
    cleaned, cuts = strip_furniture(article, profile)
    assert cleaned.body == f"{SENTENCES[0]}\n\n{poem}"
    assert [(cut.kind, cut.text) for cut in cuts] == [("tail", "وسوم أمطار شتاء ربيع صيف")]
    # Text, not tags: a function word before the marker or among the words after it.
    for ending in ("من وسوم أمطار شتاء ربيع صيف", "وسوم الحدائق التي نحبها في المدينة"):
        article = Document("y", "عنوان", f"{SENTENCES[0]}\n\n{last_line} {ending}", source=OUTLET)
        assert strip_furniture(article, profile) == (article, [])


def test_a_small_corpus_learns_nothing():
    rng = random.Random(5)
    docs = documents([invented_article(i, rng) for i in range(5)])
    assert learn_profiles(count_edges(docs)) == {}


def test_html_entities_are_unescaped_in_text_and_title(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    row = {
        "doc_id": "e1",
        "title": "&quot;3000&quot; زائر &amp;amp; ضيف",
        "text": "قال المدير &#8220;نرحب بالجميع&#8221; في الافتتاح.",
        "url": "https://example.org/2019/03/07/e1",
    }
    (corpus / "a.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = asyncio.run(_stored_documents(tmp_path / "db.sqlite3", corpus))["e1"]
    assert doc.title == '"3000" زائر & ضيف'
    assert doc.body == "قال المدير “نرحب بالجميع” في الافتتاح."
    assert (doc.date, doc.date_inferred, doc.date_from) == ("2019-03-07", True, "url")


async def _stored_documents(db, corpus):
    store = await Store.open(db)
    try:
        await refresh_store(store, corpus)
        return {doc.doc_id: doc for doc in await store.documents()}
    finally:
        await store.close()


def _write_articles(folder, rows):
    for row in rows:
        (folder / f"{row['doc_id']}.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")


def test_refresh_that_reads_one_file_still_learns_from_all(tmp_path):
    """One article per file: the first build learns; an article added later is cleaned by the
    same markers; evidence is kept in the store."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(11)
    _write_articles(corpus, [invented_article(i, rng) for i in range(30)])
    db = tmp_path / "db.sqlite3"
    first = asyncio.run(_stored_documents(db, corpus))
    assert not any("رابط الخبر" in doc.body for doc in first.values())
    _write_articles(corpus, [invented_article(99, rng)])
    later = asyncio.run(_stored_documents(db, corpus))["nakheel-099"]
    assert "رابط الخبر" not in later.body and "النخيل" in later.credit
    state = asyncio.run(_furniture_state(db))
    rows = {(row.kind, row.marker): row for row in outlet_state.evidence(state)}
    assert rows and all(row.outlet == OUTLET and row.articles == 31 for row in rows.values())
    assert any(row.cut == 31 and "رابط الخبر" in row.example for row in rows.values())


def test_outlet_whose_markers_change_is_cleaned_again(tmp_path):
    """Below the threshold nothing is cut; the file that takes the outlet over it makes the
    articles indexed before cleaned too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(13)
    _write_articles(corpus, [invented_article(i, rng) for i in range(4)])
    db = tmp_path / "db.sqlite3"
    assert all("رابط الخبر" in doc.body for doc in asyncio.run(_stored_documents(db, corpus)).values())
    rows = [invented_article(i, rng) for i in range(4, 20)]
    (corpus / "more.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8"
    )
    stored = asyncio.run(_stored_documents(db, corpus))
    assert len(stored) == 20 and not any("رابط الخبر" in doc.body for doc in stored.values())


def test_bundled_corpus_passages_are_unchanged_by_learning(tmp_path):
    docs = asyncio.run(_stored_documents(tmp_path / "db.sqlite3", BUNDLED_CORPUS))
    state = asyncio.run(_furniture_state(tmp_path / "db.sqlite3"))
    assert len(docs) == 5 and state.profiles == {} and outlet_state.evidence(state) == []


async def _furniture_state(db):
    store = await Store.open(db)
    try:
        return outlet_state.FurnitureState.from_json(await store.get_meta(outlet_state.META_KEY))
    finally:
        await store.close()


def test_index_explain_cleaning_prints_each_outlets_evidence(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(17)
    rows = [invented_article(i, rng) for i in range(20)]
    (corpus / "a.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "index",
        "--corpus",
        str(corpus),
        "--db",
        str(tmp_path / "db"),
    ]
    done = subprocess.run(
        [*command, "--explain-cleaning"], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    assert {line[1] for line in lines} == {"head", "tail", "title"}
    footer = next(line for line in lines if "رابط الخبر في صحيفة النخيل" in line[4])
    assert footer[0] == OUTLET and footer[3].startswith("20 of 20 articles (100%)")
