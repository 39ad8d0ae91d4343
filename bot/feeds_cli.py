"""`corpusbot add`, `corpusbot feeds` and `corpusbot poll`: news from feeds and pages, for a
terminal, cron or a systemd timer (README "News from feeds and pages")."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.paths import default_db_path
from corpus import BUNDLED_CORPUS
from retrieval.engine import followed_feeds
from retrieval.models import FeedState, WebConfig, WebConfigError, WebReport

COMMANDS = ("add", "feeds", "poll")


def add_parsers(sub: argparse._SubParsersAction, add_store_flags) -> None:
    add = sub.add_parser("add", help="add article pages or feeds (RSS/Atom) by URL, and index them")
    add_store_flags(add)
    add.add_argument("urls", nargs="+", metavar="URL", help="an article page or a feed")
    feeds = sub.add_parser("feeds", help="list the feeds followed: last fetch, status, articles")
    feeds.add_argument(
        "--db", metavar="PATH", help="SQLite store (default: CORPUSBOT_DB, else a per-user file)"
    )
    poll = sub.add_parser("poll", help="fetch every feed that is due once and index new articles")
    add_store_flags(poll)


def feed_line(feed: FeedState) -> str:
    """One feed for `corpusbot feeds` and `doctor`: id, status, last fetch, articles, URL, error."""
    line = (
        f"{feed.id:>3}  {feed.status:<7}  {feed.last_fetch or 'never':<25}  "
        f"{feed.articles:>5} articles  {feed.url}"
    )
    if feed.error:
        retry = f"; next try {feed.next_fetch}" if feed.status == "error" else ""
        line += f"\n       {feed.error}{retry}"
    return line


def report_lines(report: WebReport) -> list[str]:
    lines = [f"feed added: {url}" for url in report.feeds_added]
    lines += [f"added {path}" for path in report.added] + [f"updated {path}" for path in report.updated]
    summary = f"{len(report.added)} new, {len(report.updated)} updated articles"
    if report.feeds_polled:
        summary += f"; {report.feeds_polled} feeds polled, {report.not_modified} unchanged (304)"
    return [*lines, summary]


def run(args: argparse.Namespace, open_engine, refresh, error: type[Exception]) -> int:
    """Run `add`, `feeds` or `poll`; `open_engine`, `refresh` and `error` are the CLI's own."""
    try:
        config = WebConfig.from_env()
    except WebConfigError as exc:
        raise error(str(exc), 2) from None
    if args.command == "feeds":
        return _list(Path(args.db).expanduser() if args.db else default_db_path())
    return asyncio.run(_collect(args, config, open_engine, refresh, error))


def _list(db_path: Path) -> int:
    if not db_path.exists():
        print("no feeds followed (no store yet): corpusbot add FEED_URL")
        return 0
    feeds, last_poll = asyncio.run(followed_feeds(db_path))
    if not feeds:
        print("no feeds followed: corpusbot add FEED_URL")
        return 0
    for feed in feeds:
        print(feed_line(feed))
    print(f"last poll: {last_poll or 'never'}")
    return 0


async def _collect(args: argparse.Namespace, config: WebConfig, open_engine, refresh, error) -> int:
    engine = await open_engine(args)
    try:
        if engine.corpus_dir.resolve() == BUNDLED_CORPUS.resolve():
            raise error(f"{args.command} writes articles into the corpus: give one of your own with "
                        "--corpus DIR or CORPUSBOT_CORPUS (the bundled corpus is read-only)", 2)  # fmt: skip
        urls = tuple(args.urls) if args.command == "add" else ()
        report = await engine.collect_news(config, urls=urls, poll=args.command == "poll")
        for line in report_lines(report):
            print(line)
        for failure in report.failed:
            print(f"corpusbot: {failure}", file=sys.stderr)
        indexed = await refresh(engine)
        print(f"{indexed.documents} documents, {indexed.passages} passages in {engine.db_path}")
    finally:
        await engine.close()
    return 1 if report.failed else 0
