"""One story, one result: reprints of an invented agency story are paired at index time, the
answer shows the story once and names the other outlets; templated notices stay apart."""

import asyncio
import json

from bot.render_html import citation_html
from bot.render_text import citation_line
from retrieval import duplicates
from retrieval.analysis import analyze
from retrieval.duplicates import (
    decode_fingerprints,
    encode_fingerprints,
    fingerprint,
    similar_pairs,
    updated_pairs,
)
from retrieval.engine import Engine

AGENCY = (
    "أعلنت هيئة الموانئ افتتاح رصيف بحري جديد في ميناء الواحة الشمالي بطاقة استيعابية تبلغ "
    "أربعة ملايين حاوية سنويا. وقال رئيس الهيئة إن الرصيف يضم رافعات حديثة تعمل بالطاقة "
    "الشمسية، وإن تشغيله سيقلص مدة انتظار السفن إلى يومين بدلا من أسبوع. وأضاف أن المشروع "
    "استغرق ثلاث سنوات من العمل المتواصل بمشاركة شركات وطنية ودولية، وأن المرحلة الثانية "
    "ستبدأ مطلع العام المقبل لربط الرصيف بشبكة السكك الحديدية."
)
# Three outlets run the agency copy, each with its own lead words or closing sentence.
REPRINTS = {
    "okhbar": ("أخبار الواحة", "الواحة – " + AGENCY),
    "sahil": ("صحيفة الساحل", AGENCY.replace("أعلنت هيئة الموانئ", "أعلنت هيئة الموانئ أمس")),
    "nakheel": ("صحيفة النخيل", AGENCY + " ويعد الميناء من أكبر موانئ المنطقة."),
}
OTHERS = {
    "tides": (
        "صحيفة الساحل",
        "حذرت هيئة الأرصاد البحارة من ارتفاع الأمواج قرب ميناء الواحة الشمالي خلال الأيام "
        "المقبلة، ودعت أصحاب القوارب إلى متابعة النشرات الجوية وتأجيل الرحلات غير الضرورية "
        "حتى تستقر أحوال البحر وتنخفض سرعة الرياح.",
    ),
    "jobs": (
        "أخبار الواحة",
        "فتحت هيئة الموانئ باب التوظيف في ميناء الواحة الشمالي لحملة الشهادات الفنية، وأوضحت "
        "أن التقديم يستمر أسبوعين عبر موقعها الإلكتروني وأن المقبولين سيلتحقون ببرنامج تدريب "
        "مدته ستة أشهر قبل مباشرة العمل في الرصيف الجديد.",
    ),
}


def notice(n: int, tons: int) -> str:
    return (
        f"وصلت قافلة الإغاثة رقم {n} إلى مدينة الواحة محملة بـ {tons} طنا من المواد الغذائية "
        "والمستلزمات الطبية، يرافقها فريق من المتطوعين لتوزيعها على الأسر المحتاجة في الأحياء "
        "الشرقية بالتعاون مع الجمعيات الأهلية والبلدية ومراكز الرعاية الصحية في المدينة."
    )


def test_reprints_pair_and_different_stories_do_not():
    texts = {name: text for name, (_, text) in {**REPRINTS, **OTHERS}.items()}
    fingerprints = {name: fingerprint(analyze(text)) for name, text in texts.items()}
    pairs = {(a, b) for a, b, _ in similar_pairs(fingerprints)}
    assert pairs == {("nakheel", "okhbar"), ("nakheel", "sahil"), ("okhbar", "sahil")}


def test_templated_notices_with_other_numbers_are_two_stories():
    fingerprints = {
        "fourth": fingerprint(analyze(notice(4, 10))),
        "fifth": fingerprint(analyze(notice(5, 12))),
    }
    assert similar_pairs(fingerprints) == []
    fingerprints["again"] = fingerprint(analyze(notice(4, 10)))  # the fourth, scraped twice
    assert [(a, b) for a, b, _ in similar_pairs(fingerprints)] == [("again", "fourth")]


def test_short_texts_are_not_judged():
    assert fingerprint(analyze("افتتاح رصيف بحري جديد.")) is None


def test_pairs_kept_between_refreshes_equal_pairs_found_anew():
    texts = {name: text for name, (_, text) in {**REPRINTS, **OTHERS}.items()}
    fingerprints = {name: fingerprint(analyze(text)) for name, text in texts.items()}
    full = similar_pairs(fingerprints)
    before = [p for p in full if "sahil" not in p[:2]]
    assert updated_pairs(before, fingerprints, {"sahil"}, set()) == full
    del fingerprints["okhbar"]
    assert updated_pairs(full, fingerprints, set(), {"okhbar"}) == [p for p in full if "okhbar" not in p[:2]]


# An invented agency story in four paragraphs, and a reprint that gives it its own byline and
# lead and keeps only the first two: most of the reprint is in the full copy, but the two share
# only about half their shingles.
FULL_PARAGRAPHS = [
    "أعلنت وزارة الزراعة في مدينة الواحة إطلاق برنامج وطني لزراعة مليون شجرة نخيل في المناطق "
    "الشمالية خلال 5 أعوام بتكلفة 450 مليون ريال، بهدف الحد من التصحر وتحسين دخل المزارعين "
    "الصغار وتوفير فرص عمل للشباب في القرى البعيدة عن المدن الكبرى.",
    "وقال وكيل الوزارة إن البرنامج يعتمد على 1200 شبكة ري حديثة تعمل بالتنقيط وتستهلك ثلث المياه "
    "التي تستهلكها الطرق التقليدية، وإن المزارعين سيحصلون على الفسائل مجانا مع دورات تدريبية في "
    "مكافحة الآفات وتسويق التمور داخل البلاد وخارجها.",
    "وأوضح أن المرحلة الأولى تشمل ثلاث محافظات حدودية تعاني من زحف الرمال على الطرق والمزارع، "
    "وأن فرق المسح الميداني انتهت من تحديد المواقع المناسبة بالتعاون مع الجامعات المحلية ومراكز "
    "البحوث الزراعية والجمعيات التعاونية.",
    "وأشار إلى أن الوزارة ستنشئ مصنعا لتعبئة التمور في كل محافظة تشملها المرحلة الأولى، وستفتح "
    "منصة إلكترونية تربط المزارعين بالمشترين مباشرة دون وسطاء، على أن تنشر تقارير دورية عن نسب "
    "نمو الأشجار ومعدلات استهلاك المياه.",
]
TRIMMED_LEAD = "الواحة – محمد السالم: كشفت وزارة الزراعة أمس عن خطتها لمواجهة التصحر."


def cable(president: str, country: str, occasion: str, closing: str = "") -> str:
    """A templated cable of congratulation: the same wording for every country, and no numbers."""
    return (
        f"بعث رئيس مجلس الواحة برقية تهنئة للرئيس {president} رئيس جمهورية {country} بمناسبة ذكرى "
        f"{occasion} لبلاده. وأعرب في البرقية باسم شعب الواحة وحكومتها عن أصدق التهاني وأطيب "
        "التمنيات بموفور الصحة والسعادة، ولحكومة وشعب بلاده الشقيق المزيد من التقدم والازدهار. كما "
        "بعث نائب رئيس المجلس برقية تهنئة مماثلة أعرب فيها عن أطيب التهاني وأصدق التمنيات بدوام "
        "الصحة والعافية، مؤكدا متانة العلاقات الأخوية بين البلدين الشقيقين وحرص الجانبين على تعزيزها "
        "في جميع المجالات. وتلقى المجلس في المناسبة ذاتها رسائل شكر من السفارات المعتمدة لدى الواحة، "
        "ونشرت وكالة الأنباء الرسمية نص البرقيتين كاملا ضمن نشرتها المسائية التي تبثها الإذاعة "
        "والتلفزيون الرسميان يوميا." + closing
    )


def test_trimmed_reprint_with_its_own_lead_is_one_story_and_same_template_is_not():
    texts = {
        "full": "\n\n".join(FULL_PARAGRAPHS),
        "trimmed": "\n\n".join([TRIMMED_LEAD, *FULL_PARAGRAPHS[:2]]),
        "independence": cable(
            "سالم الحداد",
            "الجبل الأخضر",
            "الاستقلال",
            " وتأتي البرقية في إطار التواصل المستمر بين القيادتين وتبادل الزيارات الرسمية بين "
            "المسؤولين في البلدين، واللقاءات التي جمعت وزراء الخارجية والاقتصاد والثقافة خلال "
            "الأعوام الماضية في العاصمتين، وأثمرت اتفاقيات في التجارة والتعليم والنقل البحري وتبادل "
            "الخبرات بين الجامعات ومراكز البحث.",
        ),
        "national_day": cable("منصور العطار", "السهل الكبير", "العيد الوطني"),
    }
    fingerprints = {name: fingerprint(analyze(text)) for name, text in texts.items()}
    pairs = similar_pairs(fingerprints)
    assert [(a, b) for a, b, _ in pairs] == [("full", "trimmed")]
    assert pairs[0][2] < 0.6  # below the plain Jaccard threshold: paired as contained
    # The shorter cable's wording is mostly in the longer one's too, at a Jaccard as low: only
    # the numbers tell a reprint from a template, and cables state none.
    config = duplicates.CONFIG
    one, other = fingerprints["independence"], fingerprints["national_day"]
    estimate = float((one.signature == other.signature).mean())
    assert config.contained_threshold <= estimate < config.threshold
    assert duplicates.containment(estimate, one, other) >= config.min_containment


def test_trimmed_notice_with_other_numbers_is_two_stories():
    full = notice(4, 10) + " وتعد القافلة جزءا من برنامج يستمر حتى نهاية العام."
    fingerprints = {"full": fingerprint(analyze(full)), "fifth": fingerprint(analyze(notice(5, 12)))}
    assert similar_pairs(fingerprints) == []
    fingerprints["fourth"] = fingerprint(analyze(notice(4, 10)))
    assert [(a, b) for a, b, _ in similar_pairs(fingerprints)] == [("fourth", "full")]


def test_fingerprints_saved_before_shingle_counts_still_read():
    saved = fingerprint(analyze("\n\n".join(FULL_PARAGRAPHS)))
    assert decode_fingerprints(encode_fingerprints({"a": saved}))["a"].shingle_count == saved.shingle_count
    old = json.loads(encode_fingerprints({"a": saved}))
    old["a"] = old["a"][:2]
    restored = decode_fingerprints(json.dumps(old))["a"]
    assert restored.shingle_count == 0 and list(restored.signature) == list(saved.signature)


def build_corpus(folder, articles):
    folder.mkdir(exist_ok=True)
    for name, (source, text) in articles.items():
        (folder / f"{name}.txt").write_text(f"---\nsource: {source}\n---\nعنوان {name}\n{text}\n", "utf-8")


async def ask(tmp_path, corpus, question):
    engine = await Engine.open(tmp_path / "db.sqlite3", corpus)
    try:
        await engine.refresh()
        return engine.answer(question, k=3), engine.index.reprints
    finally:
        await engine.close()


def test_answer_shows_a_story_once_and_names_the_other_outlets(tmp_path):
    corpus = tmp_path / "corpus"
    build_corpus(corpus, {**REPRINTS, **OTHERS})
    answer, _ = asyncio.run(ask(tmp_path, corpus, "ميناء الواحة الشمالي الرصيف الجديد"))
    docs = [r.doc_id for r in answer.results]
    assert len(docs) == 3 and len(set(docs) & set(REPRINTS)) == 1  # three different stories
    story = next(r.citation for r in answer.results if r.doc_id in REPRINTS)
    others = {source for name, (source, _) in REPRINTS.items() if name != story.doc_id}
    assert {r.doc_id for r in story.also_in} == set(REPRINTS) - {story.doc_id}
    assert set(story.other_outlets()) == others - {story.source}
    listed = json.loads(json.dumps(answer.to_json(), ensure_ascii=False))["answers"]
    row = next(a for a in listed if a["doc_id"] == story.doc_id)
    assert {a["doc_id"] for a in row["also_in"]} == set(REPRINTS) - {story.doc_id}
    assert all(a["also_in"] == [] for a in listed if a["doc_id"] != story.doc_id)
    for outlet in story.other_outlets():
        assert outlet in citation_line(story, "ar") and outlet in citation_html(story, "en")
    assert "ونُشر أيضًا في" in citation_line(story, "ar") and "also in: " in citation_html(story, "en")


def test_removing_a_reprint_drops_its_pairs(tmp_path):
    corpus = tmp_path / "corpus"
    build_corpus(corpus, {**REPRINTS, **OTHERS})
    _, first = asyncio.run(ask(tmp_path, corpus, "ميناء الواحة"))
    assert first["okhbar"] == ("nakheel", "sahil")
    (corpus / "sahil.txt").unlink()
    _, later = asyncio.run(ask(tmp_path, corpus, "ميناء الواحة"))
    assert later == {"okhbar": ("nakheel",), "nakheel": ("okhbar",)}


SHARED = (
    "وأوضح مدير مشروع السد أن بحيرة التخزين ستتسع لثمانين مليون متر مكعب من مياه الأمطار، "
    "وأن المياه ستغذي مزارع الوادي الأخضر عبر قنوات مغطاة يبلغ طولها اثني عشر كيلومترا."
)
# Two outlets' own reports of two different events, sharing one paragraph of background.
SHARING = {
    "wadi": (
        "صحيفة الوادي",
        "زار أمير المنطقة موقع سد الوادي الأخضر أمس واطلع على سير الأعمال في جسم السد ومحطة "
        "الضخ، واستمع إلى شرح عن مراحل التنفيذ ونسب الإنجاز من المقاول والجهات المشرفة.\n\n"
        + SHARED
        + "\n\nوأشاد الأمير بجهود العاملين في المشروع، ووجه بتسريع ربط القرى المجاورة بشبكة "
        "الطرق الجديدة قبل موسم الشتاء، وبالتنسيق مع البلدية لتهيئة متنزه عند ضفة البحيرة.",
    ),
    "sahra": (
        "صحيفة الصحراء",
        "وقعت وزارة المياه عقدا مع شركة وطنية لصيانة محطات الضخ في ثلاث محافظات جنوبية لمدة "
        "خمس سنوات، يشمل تدريب الكوادر المحلية وتوريد قطع الغيار وأنظمة المراقبة الذكية.\n\n"
        + SHARED
        + "\n\nوقال وكيل الوزارة إن العقد جزء من برنامج أوسع لرفع كفاءة التشغيل وخفض الفاقد، "
        "مشيرا إلى أن الوزارة ستطرح منافسات مماثلة للمحافظات الشمالية مطلع العام المقبل.",
    ),
}


def test_a_paragraph_two_articles_share_is_shown_once_citing_both(tmp_path):
    corpus = tmp_path / "corpus"
    build_corpus(corpus, {**SHARING, **OTHERS})
    answer, reprints = asyncio.run(ask(tmp_path, corpus, "كم تتسع بحيرة سد الوادي الأخضر من مياه الأمطار؟"))
    assert "sahra" not in reprints.get("wadi", ())  # not one story as wholes
    shown = [r for r in answer.shown if SHARED[:40] in r.snippet]
    assert len(shown) == 1, [r.snippet for r in answer.shown]
    first = shown[0].citation
    (other,) = set(SHARING) - {first.doc_id}
    # The other article is cited with the shared paragraph, or shown with a passage of its own.
    cited, listed = {r.doc_id for r in first.also_in}, {r.doc_id for r in answer.shown}
    assert (other in cited) != (other in listed)
    assert [r.rank for r in answer.shown] == list(range(1, len(answer.shown) + 1))
