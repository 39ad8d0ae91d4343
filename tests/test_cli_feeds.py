"""`corpusbot add`, `feeds` and `poll` in process against a news site on 127.0.0.1: added feeds
and pages are indexed and answered with their date and link, and survive a full `index`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web_pages import article_html, make_articles, rss
from web_server import news_site

from bot.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORPUSBOT_FETCH_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("CORPUSBOT_FETCH_DELAY", "0")
    monkeypatch.setenv("CORPUSBOT_DENSE", "0")
    monkeypatch.delenv("CORPUSBOT_CORPUS", raising=False)
    monkeypatch.delenv("CORPUSBOT_DB", raising=False)
    (tmp_path / "corpus").mkdir()
    return tmp_path


def ask(tmp_path: Path, question: str, capsys) -> dict:
    capsys.readouterr()
    assert main(["ask", "--db", str(tmp_path / "db.sqlite3"), "--json", question]) == 0
    return json.loads(capsys.readouterr().out)


def test_add_feed_then_poll_then_answers_survive_a_reindex(env: Path, capsys) -> None:
    flags = ["--db", str(env / "db.sqlite3"), "--corpus", str(env / "corpus")]
    articles = make_articles(3)
    with news_site() as site:
        for a in articles:
            site.page(f"/n/{a.number}", article_html(a, site.url(f"/n/{a.number}")))
        site.feed("/rss.xml", rss([(site.url(f"/n/{a.number}"), a) for a in articles[:2]]))
        assert main(["add", *flags, site.url("/rss.xml")]) == 0
        out = capsys.readouterr().out
        assert "feed added" in out and "2 new" in out and "2 documents" in out
        assert main(["poll", *flags]) == 0
        assert "0 new" in capsys.readouterr().out and site.fetched("/rss.xml", 304) == 1
        site.feed("/rss.xml", rss([(site.url(f"/n/{a.number}"), a) for a in articles]))
        assert main(["poll", *flags]) == 0
        assert "1 new" in capsys.readouterr().out
        assert main(["feeds", "--db", str(env / "db.sqlite3")]) == 0
        listing = capsys.readouterr().out
        assert "ok" in listing and "3 articles" in listing and site.url("/rss.xml") in listing
    assert main(["index", *flags]) == 0  # a full index keeps the fetched articles
    answer = ask(env, articles[2].question, capsys)
    assert answer["answered"]
    top = answer["answers"][0]
    assert top["title"] == articles[2].title and top["date"] == articles[2].day.strftime("%Y-%m-%d")
    assert top["url"] == site.url(f"/n/{articles[2].number}") and str(articles[2].count) in top["snippet"]


def test_add_without_allow_private_refuses_a_loopback_link(env: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CORPUSBOT_FETCH_ALLOW_PRIVATE")
    with news_site() as site:
        site.page("/a", "secret")
        flags = ["--db", str(env / "db.sqlite3"), "--corpus", str(env / "corpus")]
        assert main(["add", *flags, site.url("/a")]) == 1
        assert "private or loopback address; refused" in capsys.readouterr().err
        assert site.hits == []


def test_add_into_the_bundled_corpus_is_refused(env: Path, capsys) -> None:
    assert main(["add", "--db", str(env / "db.sqlite3"), "http://127.0.0.1:9/x"]) == 2
    assert "bundled corpus is read-only" in capsys.readouterr().err


def test_feeds_without_a_store_says_how_to_start(env: Path, capsys) -> None:
    assert main(["feeds", "--db", str(env / "none.sqlite3")]) == 0
    assert "corpusbot add" in capsys.readouterr().out
