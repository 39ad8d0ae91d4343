"""Cleaning the five bundled articles: boilerplate from ARTICLES.md gone, every body line kept."""

import json
from pathlib import Path

import pytest

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
