"""The feeds being followed and the web articles fetched, in two tables of the corpusbot store's
SQLite file (its own connection): one file to back up, and writes that are transactions.

`web_feeds`: per feed its validators (ETag, Last-Modified), last fetch, status, last error,
consecutive failures and when it is next due. `web_articles`: per article its canonical URL (the
identity), the address it was fetched from, its corpus file and validators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite

from retrieval.models import FeedState

# One transaction, so a reader never sees web_feeds without web_articles.
_SCHEMA = """
BEGIN;
CREATE TABLE IF NOT EXISTS web_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    last_fetch TEXT NOT NULL DEFAULT '',
    last_success TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    error TEXT NOT NULL DEFAULT '',
    failures INTEGER NOT NULL DEFAULT 0,
    next_fetch TEXT NOT NULL DEFAULT '',
    last_new INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS web_articles (
    url TEXT PRIMARY KEY,
    page_url TEXT NOT NULL,
    feed_id INTEGER,
    path TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    entry_updated TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS web_articles_page ON web_articles(page_url);
COMMIT;
"""


def now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class KnownArticle:
    url: str  # canonical
    page_url: str
    path: str
    etag: str
    last_modified: str
    entry_updated: str


class FeedRegistry:
    """`async with FeedRegistry(db_path) as feeds:` (the store must exist: open the engine first)."""

    def __init__(self, db_path: Path, *, read_only: bool = False):
        self.db_path = Path(db_path)
        self.read_only = read_only  # for /about, doctor: nothing is written, not even the tables
        self._db: aiosqlite.Connection | None = None

    async def __aenter__(self) -> FeedRegistry:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def open(self) -> FeedRegistry:
        """Connect (`async with` does it for one block; an owner that keeps it open closes it)."""
        if self.read_only:
            self._db = await aiosqlite.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            self._db = await aiosqlite.connect(self.db_path)
        try:
            await self._db.execute("PRAGMA busy_timeout = 5000")
            if not self.read_only:
                await self._db.executescript(_SCHEMA)
                await self._db.commit()
        except BaseException:
            await self._db.close()
            raise
        return self

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        assert self._db is not None, "use `async with FeedRegistry(...)`"
        return self._db

    async def add_feed(self, url: str, title: str = "") -> tuple[FeedState, bool]:
        """The feed at `url`, registered now unless it was already; (state, newly added)."""
        existing = await self.feed_by_url(url)
        if existing:
            return existing, False
        await self.db.execute(
            "INSERT INTO web_feeds (url, title, added_at) VALUES (?, ?, ?)", (url, title, stamp(now()))
        )
        await self.db.commit()
        feed = await self.feed_by_url(url)
        assert feed is not None
        return feed, True

    async def drop_feed(self, feed_id: int) -> FeedState | None:
        """Stop following a feed; its articles stay in the corpus."""
        feed = next((f for f in await self.feeds() if f.id == feed_id), None)
        if feed:
            await self.db.execute("DELETE FROM web_feeds WHERE id = ?", (feed_id,))
            await self.db.execute("UPDATE web_articles SET feed_id = NULL WHERE feed_id = ?", (feed_id,))
            await self.db.commit()
        return feed

    async def has_tables(self) -> bool:
        async with self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'web_feeds'") as cursor:
            return await cursor.fetchone() is not None

    async def feeds(self) -> list[FeedState]:
        sql = (
            "SELECT f.*, (SELECT COUNT(*) FROM web_articles a WHERE a.feed_id = f.id) "
            "FROM web_feeds f ORDER BY f.id"
        )
        return [FeedState(*row) for row in await self.db.execute_fetchall(sql)]

    async def feed_by_url(self, url: str) -> FeedState | None:
        return next((f for f in await self.feeds() if f.url == url), None)

    async def record_success(
        self,
        feed: FeedState,
        *,
        title: str,
        etag: str,
        last_modified: str,
        new: int,
        next_fetch: datetime,
        problems: str = "",
    ) -> None:
        """The feed was read; `problems` names its entries that could not be (status "partial")."""
        moment = stamp(now())
        await self.db.execute(
            "UPDATE web_feeds SET title = ?, etag = ?, last_modified = ?, last_fetch = ?, last_success = ?, "
            "status = ?, error = ?, failures = 0, next_fetch = ?, last_new = ? WHERE id = ?",
            (
                title or feed.title,
                etag,
                last_modified,
                moment,
                moment,
                "partial" if problems else "ok",
                problems[:500],
                stamp(next_fetch),
                new,
                feed.id,
            ),
        )
        await self.db.commit()

    async def record_failure(self, feed: FeedState, error: str, retry_after: timedelta) -> None:
        """The feed failed: its error is kept for /feeds and it is due again after `retry_after`."""
        moment = now()
        await self.db.execute(
            "UPDATE web_feeds SET last_fetch = ?, status = 'error', error = ?, failures = failures + 1, "
            "next_fetch = ? WHERE id = ?",
            (stamp(moment), error[:500], stamp(moment + retry_after), feed.id),
        )
        await self.db.commit()

    async def known_article(self, page_url: str) -> KnownArticle | None:
        """The article fetched from `page_url` (or whose canonical URL it is), if any."""
        async with self.db.execute(
            "SELECT url, page_url, path, etag, last_modified, entry_updated FROM web_articles "
            "WHERE page_url = ? OR url = ? LIMIT 1",
            (page_url, page_url),
        ) as cursor:
            row = await cursor.fetchone()
        return KnownArticle(*row) if row else None

    async def save_article(
        self,
        *,
        url: str,
        page_url: str,
        feed_id: int | None,
        path: str,
        etag: str,
        last_modified: str,
        entry_updated: str,
        date: str,
    ) -> None:
        await self.db.execute(
            "INSERT INTO web_articles (url, page_url, feed_id, path, etag, last_modified, entry_updated, "
            "date, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "page_url = excluded.page_url, feed_id = COALESCE(excluded.feed_id, feed_id), "
            "etag = excluded.etag, last_modified = excluded.last_modified, "
            "entry_updated = excluded.entry_updated, date = excluded.date, fetched_at = excluded.fetched_at",
            (url, page_url, feed_id, path, etag, last_modified, entry_updated, date, stamp(now())),
        )
        await self.db.commit()

    async def last_poll(self) -> str:
        """When a feed was last fetched ("" if never)."""
        async with self.db.execute("SELECT MAX(last_fetch) FROM web_feeds") as cursor:
            row = await cursor.fetchone()
        return (row[0] or "") if row else ""
