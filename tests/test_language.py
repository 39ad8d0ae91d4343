"""Which language a question is in."""

import pytest

from retrieval.language import detect_language, question_content, reply_language


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("أين عقدت محادثات جنيف؟", "ar"),
        ("Where did Blinken meet Lavrov?", "en"),
        ("متى التقى Blinken مع لافروف؟", "mixed"),
        ("@someone_else متى التقى بايدن وبوتين؟", "ar"),  # a mention is not English
        ("شوف https://example.com/news متى القمة", "ar"),
        ("#Geneva where were the talks", "en"),
        ("2021", "ar"),
        ("", "ar"),
    ],
)
def test_detect_language(question, lang):
    assert detect_language(question) == lang


def test_mixed_questions_are_answered_in_the_majority_script():
    assert reply_language("mixed", "متى التقى Blinken مع لافروف في ريكيافيك؟") == "ar"
    assert reply_language("mixed", "When did Blinken meet لافروف?") == "en"
    # Long Latin names do not outvote the Arabic words the question is asked in.
    assert reply_language("mixed", "وين التقى Lavrov مع Blinken؟") == "ar"
    assert reply_language("mixed", "Where did لافروف and بلينكن meet?") == "en"


@pytest.mark.parametrize(
    ("question", "content"),
    [
        ("https://example.com/news?id=1 متى قمة جنيف", "متى قمة جنيف"),
        ("متى قمة جنيف www.example.com", "متى قمة جنيف"),
        ("@someone متى قمة جنيف", "متى قمة جنيف"),
        ("write to desk@example.com: where were the talks?", "write to where were the talks?"),
        ("ما هي #قمة_جنيف", "ما هي #قمة_جنيف"),  # a hashtag's words are the question's
        ("https://example.com", ""),
    ],
)
def test_links_mentions_and_addresses_are_not_question_content(question, content):
    assert question_content(question) == content
