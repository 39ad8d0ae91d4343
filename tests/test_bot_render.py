"""The bot's pure pieces: HTML rendering (checked with the stub's port of Telegram's parser),
message splitting, upload names and content checks, the question limiter, callback data."""

from __future__ import annotations

import pytest
from bot_harness import TOKEN
from botapi_stub import parse_html

from bot.button_signing import ButtonSigner
from bot.callbacks import answer_keyboard
from bot.display import shorten
from bot.ratelimit import QuestionLimiter
from bot.render_html import (
    MAX_MESSAGE_CHARS,
    RLM,
    citation_html,
    line_start,
    mark_html,
    pack_blocks,
    render_answer_html,
    render_page_html,
    render_passage_html,
    utf16_len,
    visible_len,
)
from bot.render_text import citation_line
from bot.texts import text
from retrieval.models import Answer, Citation, Result

HOSTILE = "<script>alert('x')</script> & <b>bold</b> &amp; \"q\" 'a' <"


def result(rank: int, snippet: str, spans=(), **citation: str) -> Result:
    fields = {"doc_id": f"d{rank}", "title": "عنوان", "source": "مصدر", "date": "2021-09-30", **citation}
    return Result(
        rank=rank,
        passage_id=f"d{rank}#0",
        pid=rank,
        snippet=snippet,
        highlights=tuple(spans),
        score=1.0,
        citation=Citation(**fields),
        passage=snippet,
    )


def answer(*results: Result, question: str = "سؤال؟") -> Answer:
    return Answer(question=question, lang="ar", answered=bool(results), took_ms=1.0, results=results)


def visible(message: str) -> str:
    return parse_html(message)[0]  # raises HtmlParseError like Telegram on invalid HTML


@pytest.mark.parametrize(
    ("plain", "spans", "expected"),
    [
        ("جنيف", [(0, 4)], "<b>جنيف</b>"),
        ("a<b>&c", [(0, 1)], "<b>a</b>&lt;b&gt;&amp;c"),
        ("one two three", [(8, 13), (0, 3)], "<b>one</b> two <b>three</b>"),
        ("overlap", [(0, 4), (2, 7)], "<b>over</b><b>lap</b>"),
        ("short", [(3, 99)], "sho<b>rt</b>"),
        ("empty", [(2, 2)], "empty"),
    ],
)
def test_mark_html(plain: str, spans: list[tuple[int, int]], expected: str) -> None:
    assert mark_html(plain, spans) == expected


def test_hostile_corpus_text_renders_as_valid_html_showing_the_literal_text() -> None:
    hostile = result(1, f"قال {HOSTILE} جنيف", [(len(HOSTILE) + 5, len(HOSTILE) + 9)])
    hostile = Result(**{**hostile.__dict__, "citation": Citation("d1", HOSTILE, HOSTILE, "2021-01-01")})
    [message] = render_answer_html(answer(hostile), "ar")
    shown = visible(message)
    assert shown.count(HOSTILE) == 3  # snippet, headline and outlet, literally
    units = shown.encode("utf-16-le")  # entity offsets count UTF-16 code units
    bold = [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in parse_html(message)[1]
        if e["type"] == "bold"
    ]
    assert "جنيف" in bold


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/a?x=1&y=2", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ('https://example.com/"><script>', False),
        ("", False),
    ],
)
def test_citations_link_only_plain_http_urls(url: str, linked: bool) -> None:
    line = citation_html(Citation("d", "عنوان", "مصدر", "2021-09-30", True, url), "ar")
    entities = parse_html(line)[1]
    assert [e["url"] for e in entities if e["type"] == "text_link"] == ([url] if linked else [])
    assert "2021-09-30 (تاريخ تقديري)" in visible(line)


@pytest.mark.parametrize(
    ("date_from", "lang", "shown"),
    [
        ("url", "ar", "2015-08-04 (التاريخ من رابط الخبر)"),
        ("text", "en", "2015-08-04 (date from the article's text)"),
        ("", "en", "2015-08-04 (date inferred)"),
    ],
)
def test_an_inferred_date_says_where_it_was_read(date_from: str, lang: str, shown: str) -> None:
    citation = Citation("d", "عنوان", "مصدر", "2015-08-04", True, "https://x.example/a", date_from=date_from)
    assert shown in visible(citation_html(citation, lang))
    assert shown in citation_line(citation, lang)


def test_a_citation_with_huge_metadata_fields_stays_one_short_line() -> None:
    huge = Citation("d/" * 2000, "عنوان " * 1000, "<مصدر> " * 1000, "2021-09-30" * 100, False,
                    "https://example.com/" + "a" * 3000)
    line = citation_html(huge, "ar")
    assert visible_len(line) < 600 and "&lt;مصدر&gt;" in line
    assert not [e for e in parse_html(line)[1] if e["type"] == "text_link"]  # a cut link leads nowhere
    assert len(citation_line(huge, "ar")) < 800


def test_interface_lines_read_right_to_left_in_arabic_only() -> None:
    assert line_start("", "ar") == RLM and line_start("", "en") == ""
    assert line_start("جنيف", "en") == RLM and line_start("Geneva", "ar") == ""
    [arabic] = render_answer_html(answer(), "ar")
    [english] = render_answer_html(answer(), "en")
    assert arabic == RLM + text("not_found", "ar") and english == text("not_found", "en")


def test_long_answers_split_between_whole_snippets() -> None:
    results = tuple(result(n, f"جملة رقم {n} " * 150) for n in range(1, 6))
    messages = render_answer_html(answer(*results), "ar")
    assert len(messages) > 1
    shown = [visible(m) for m in messages]
    assert all(utf16_len(s) <= MAX_MESSAGE_CHARS for s in shown)
    for n in range(1, 6):  # each snippet whole, in exactly one message, with its citation
        holding = [s for s in shown if f"{RLM}{n}. " in s]
        assert len(holding) == 1 and f"جملة رقم {n} " * 150 in holding[0].replace("\n", "")
    assert sum(s.count("📰") for s in shown) == 5


def test_a_snippet_longer_than_a_message_is_cut_at_a_word_with_an_ellipsis() -> None:
    snippet = "كلمة " * 2000
    [message] = render_answer_html(answer(result(1, snippet, [(0, 4), (9990, 9994)])), "ar")
    shown = visible(message)
    assert utf16_len(shown) <= MAX_MESSAGE_CHARS and "كلمة…" in shown and "📰" in shown


def test_a_page_always_fits_one_message() -> None:
    results = tuple(result(n, "نص طويل جدا " * 300) for n in range(4, 7))
    page = render_page_html(answer(*results), "ar", results, heading="more_heading")
    assert utf16_len(visible(page)) <= MAX_MESSAGE_CHARS
    assert all(f"{RLM}{n}. " in visible(page) for n in (4, 5, 6))


def test_full_passages_of_any_length_split_into_valid_messages() -> None:
    paragraph = ("نص & <وسم> " * 700).strip()
    passage = f"{paragraph}\n{'سطر قصير'}\n{paragraph}"
    messages = render_passage_html(passage, Citation("d", "عنوان", "مصدر", ""), "ar")
    shown = [visible(m) for m in messages]
    assert len(messages) >= 3 and all(utf16_len(s) <= MAX_MESSAGE_CHARS for s in shown)
    words = " ".join(" ".join(s.split("\n")[2 if i == 0 else 0 :]) for i, s in enumerate(shown)).split()
    assert [w.strip(RLM) for w in words] == passage.split()


def test_pack_blocks_never_splits_a_block() -> None:
    blocks = [f"<b>{n}</b> " + "x" * 1500 for n in range(7)]
    messages = pack_blocks(blocks)
    assert "\n\n".join(messages) == "\n\n".join(blocks)
    assert all(utf16_len(m) <= MAX_MESSAGE_CHARS for m in messages)


def test_shorten() -> None:
    assert shorten("abc", 5) == "abc"
    assert shorten("one two three four", 10) == "one two…"
    assert len(shorten("x" * 50, 10)) == 10


def test_question_limiter_tells_once_per_period_and_frees_slots() -> None:
    now = [0.0]
    limiter = QuestionLimiter(limit=2, period=10, clock=lambda: now[0])
    assert limiter.check(1).allowed and limiter.check(1).allowed
    refused = limiter.check(1)
    assert not refused.allowed and refused.notify and refused.wait_seconds == 10
    assert limiter.check(2).allowed  # per user
    now[0] = 5
    assert limiter.check(1) == limiter.check(1).__class__(allowed=False, notify=False, retry_after=5)
    now[0] = 10.5
    assert limiter.check(1).allowed


def test_a_flood_of_distinct_user_ids_does_not_grow_the_limiter_without_bound() -> None:
    now = [0.0]
    limiter = QuestionLimiter(limit=2, period=10, clock=lambda: now[0])
    for user_id in range(50_000):  # a new user every 10 ms: about 1,000 asked in any period
        now[0] = user_id / 100
        assert limiter.check(user_id).allowed
        if user_id % 5000 == 0:  # meanwhile one user asks three at a time, and is still limited
            assert [limiter.check(-1).allowed for _ in range(3)] == [True, True, False]
        assert len(limiter._asked) <= 1002
    at_once = QuestionLimiter(limit=2, period=10, clock=lambda: 0.0)
    for user_id in range(at_once.max_users + 500):  # more users in one period than are kept
        at_once.check(user_id)
    assert len(at_once._asked) <= at_once.max_users
    assert at_once.check(user_id).allowed and not at_once.check(user_id).allowed  # the latest are kept


def test_callback_data_fits_telegrams_64_bytes_at_any_id() -> None:
    big = 2**63 - 1
    results = tuple(result(n, "نص") for n in range(1, 4))
    results = tuple(
        Result(**{**r.__dict__, "pid": big, "passage_id": f"{'x' * 200}#{n}"}) for n, r in enumerate(results)
    )
    sign = ButtonSigner(TOKEN).for_chat(-(10**13))  # the longest chat ids Telegram gives
    keyboard = answer_keyboard(big, results, "ar", page=10**6, has_more=True, sign=sign)
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert len(data) == 3 * 3 + 2
    assert max(len(d.encode()) for d in data) <= 64


def test_english_answers_say_what_they_were_matched_on() -> None:
    answer = Answer(
        question="Where did <Blinken> meet Lavrov?",
        lang="en",
        answered=True,
        took_ms=1.0,
        results=(result(1, "التقى بلينكن لافروف في ريكيافيك."),),
        matched_on=(("<Blinken>", "بلينكن"), ("Lavrov", "لافروف"), ("meet & greet", "لقاء")),
    )
    (message,) = render_answer_html(answer, "en")
    plain, _ = parse_html(message, strict_ampersand=True)
    assert "Matched on: <Blinken> = بلينكن · Lavrov = لافروف · meet & greet = لقاء" in plain
    arabic = Answer(question="س", lang="ar", answered=True, took_ms=1.0, results=answer.results)
    assert "Matched on" not in render_answer_html(arabic, "ar")[0]


def test_a_snippet_running_on_into_the_next_paragraph_stays_one_block() -> None:
    snippet = "التقى الوزيران في ريكيافيك.\n\nواستمر اللقاء نحو ساعتين."
    start = snippet.index("ساعتين")
    [message] = render_answer_html(answer(result(1, snippet, [(start, start + 6)])), "ar")
    shown = visible(message)
    block = shown[shown.index("1.") : shown.index("📰")]
    assert "ريكيافيك.\n" + RLM + "واستمر" in block and "\n\n" not in block
    assert "<b>ساعتين</b>" in message
