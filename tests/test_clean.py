"""Cleaning the five bundled articles: boilerplate from ARTICLES.md gone, every body line kept."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import BUNDLED_CORPUS
from retrieval.clean import clean_article, tidy_whitespace
from retrieval.documents import parse_front_matter, read_file_documents

DROP_LIST = json.loads((Path(__file__).parent / "data" / "seed_droplist.json").read_text("utf-8"))


def raw_article(doc_id):
    return parse_front_matter((BUNDLED_CORPUS / f"{doc_id}.txt").read_text("utf-8"))


def load(doc_id):
    path = BUNDLED_CORPUS / f"{doc_id}.txt"
    return next(read_file_documents(BUNDLED_CORPUS, path, path.read_bytes()))


@pytest.mark.parametrize("doc_id", sorted(DROP_LIST))
def test_listed_boilerplate_is_not_body(doc_id):
    paragraphs = set(load(doc_id).body.split("\n\n"))
    for line in DROP_LIST[doc_id]:
        assert tidy_whitespace(line) not in paragraphs, line


@pytest.mark.parametrize("doc_id", sorted(DROP_LIST))
def test_every_body_line_is_kept_verbatim(doc_id):
    meta, text = raw_article(doc_id)
    body = load(doc_id).body
    dropped = {tidy_whitespace(line) for line in DROP_LIST[doc_id]} | {tidy_whitespace(meta["title"])}
    body_lines = [tidy_whitespace(line) for line in text.splitlines()]
    body_lines = [line for line in body_lines if line and line not in dropped]
    assert body_lines, "the article has body text"
    for line in body_lines:
        assert line in body, line


def test_related_links_do_not_leak_topics():
    # "China" and "the Turkish lira" appear only in related-article links of 001.
    body = load("001_189fae57c8dc02ff").body
    assert "الصين" not in body and "الليرة" not in body and "اقرأ أيضاً" not in body


def test_metadata_is_taken_from_credits_and_datelines():
    assert load("000_758033c16f9c693b").credit == "العربي الجديد، فرانس برس، رويترز"
    levant = load("001_189fae57c8dc02ff")
    assert levant.author == "أحمد قطمة" and levant.credit == "ليفانت-خاص"
    assert load("003_b556f401f158842d").credit == "جنيف-وكالات"


def test_source_spelling_is_not_fixed():
    body = load("002_09334d7de83b752e").body
    assert "لقاء بادين وبوتين" in body and "الناقش" in body


def test_plain_text_without_front_matter_takes_first_line_as_title():
    article = clean_article("-\n\nعنوان الخبر هنا\n\nعنوان الخبر هنا\nنص الخبر الأول. ونص ثان.\nالتعليقات\n")
    assert article.title == "عنوان الخبر هنا"
    assert article.paragraphs == ["نص الخبر الأول. ونص ثان."]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("اقرأ أيضا: عنوان مقال آخر", "related link"),
        ("إقرأ أيضاً: عنوان", "related link"),
        ("+ الخط -", "widget"),
        ("اشترك في النشرة البريدية", "widget"),
        ("3 مايو 2022", "date line"),
        ("(رويترز)", "source credit"),
        ("القاهرة - وكالات", "dateline"),
        ("بقلم: فلان الفلاني", "author"),
        ("جنود في الميدان - AFP", "photo caption"),
        ("\u00a0", None),
    ],
)
def test_furniture_rules(line, reason):
    article = clean_article(f"العنوان\n{line}\nجملة من نص الخبر تكفي ليكون فيه متن طويل بما يكفي.")
    reasons = [r for _, r in article.dropped]
    if reason is None:
        assert article.paragraphs == ["جملة من نص الخبر تكفي ليكون فيه متن طويل بما يكفي."]
    else:
        assert reason in reasons


def test_teaser_repeating_the_lead_is_dropped_but_lead_kept():
    lead = "اقترح الرئيس جو بايدن اليوم على نظيره الروسي عقد قمة في دولة ثالثة خلال الأشهر المقبلة."
    article = clean_article(f"العنوان\n{lead[:60]}\n{lead}\nفقرة أخرى من المتن تكفي.")
    assert lead in article.paragraphs
    assert lead[:60] not in article.paragraphs


def _repeated_all_pairs(lines: list[str]) -> list[str]:
    """The repeated-text rule as first written, comparing every line with every other: the
    reference the indexed version must agree with."""
    from itertools import pairwise

    from retrieval.normalize import word_table

    words = [[norm for norm, _, _ in word_table(line)] for line in lines]
    grams = [set(pairwise(w)) for w in words]
    return [
        line
        for i, line in enumerate(lines)
        if not (
            len(words[i]) >= 4
            and any(
                len(words[j]) > len(words[i]) and len(grams[i] & grams[j]) >= 0.75 * len(grams[i])
                for j in range(len(lines))
                if j != i
            )
        )
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from("ا ب ج د ه و ز".split()), min_size=1, max_size=9), max_size=14))
def test_repeated_text_drops_what_comparing_every_pair_drops(rows):
    from retrieval.clean import CleanArticle, _drop_repeated_text

    lines = list(dict.fromkeys(" ".join(row) + "." for row in rows))  # distinct, as after _classify
    assert _drop_repeated_text(lines, CleanArticle("", [])) == _repeated_all_pairs(lines)


def test_upload_of_16000_short_lines_is_cleaned_in_bounded_time():
    from bounded_time import finishes_within

    # Comparing every line with every other took ~26 s on this (33,000 lines: 56 s).
    code = (
        "import random\n"
        "from retrieval.clean import clean_article\n"
        "rnd = random.Random(1)\n"
        "vocab = [f'كلمة{i}' for i in range(60)]\n"
        "text = '\\n'.join(' '.join(rnd.choice(vocab) for _ in range(rnd.randint(4, 9))) + '.'"
        " for _ in range(16_000))\n"
        "assert len(clean_article(text).paragraphs) > 15_000\n"
    )
    assert finishes_within(8, code)


_COLUMN = "كتب الكاتب عن الصيف والسفر في هذه الزاوية كلاما طويلا يكفي ليكون متنا.\nوختم بالدعاء للقراء."


@pytest.mark.parametrize(
    "footer",
    [
        "writer.name@example.com\nللتواصل أرسل sms إلى 12345\nالاتصالات ,111 موبايلي, 222\n"
        "زين تبدأ بالرمز 158 مسافة ثم الرسالة",
        "name@example.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (12) ثم مسافة ثم نص الرسالة إلى 88591",
        "تويتر: @writer\nwww.writer-site.example",
        "لمراسلة الكاتب: writer@example.net",
    ],
)
def test_columnist_contact_footer_is_not_body(footer):
    article = clean_article(f"العنوان\n{_COLUMN}\n{footer}")
    assert article.paragraphs == _COLUMN.splitlines()
    assert [line for line, r in article.dropped if r == "footer"][::-1] == footer.splitlines()


def test_body_line_with_a_link_or_sms_stays():
    line = "ودعت الجامعة الراغبين في التقديم عبر موقعها www.example.edu أو برسالة SMS خلال أسبوع"
    article = clean_article(f"العنوان\n{_COLUMN}\n{line}")
    assert article.paragraphs[-1] == line


def test_gallery_buttons_after_the_last_sentence_go_with_the_tags():
    last = "وقال المتحدث إن الرحلات تعود إلى مواعيدها الأسبوع المقبل."
    article = clean_article(f"العنوان\n{_COLUMN}\n{last} Next Previous سمات طيران رحلات")
    assert article.paragraphs[-1] == last
    assert all("Next" not in p for p in article.paragraphs)
