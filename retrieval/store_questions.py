"""The store's question log and feedback: questions as asked (written in batches by
retrieval/query_log.py) and 👍/👎 on the passages shown."""

from __future__ import annotations

from retrieval.models import LoggedQuery
from retrieval.store_connection import StoreConnection, now_iso


class QuestionRows(StoreConnection):
    """Logged questions and feedback (a part of `Store`)."""

    async def max_query_id(self) -> int:
        async with self._db.execute("SELECT COALESCE(MAX(id), 0) FROM queries") as cursor:
            row = await cursor.fetchone()
        return row[0] if row else 0

    async def insert_queries(self, rows: list[tuple]) -> None:
        """Logged questions (retrieval/query_log.py), ids included, in one transaction."""
        async with self._transaction() as db:
            await db.executemany(
                "INSERT INTO queries(id, asked_at, question, lang, chat_type, user_id, answered, "
                "took_ms, top_doc_id, results) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )

    async def logged_query(self, query_id: int) -> LoggedQuery | None:
        """A logged question by id (to page through its results or to judge its language)."""
        async with self._db.execute(
            "SELECT id, question, lang FROM queries WHERE id = ?", (query_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return LoggedQuery(*row) if row else None

    async def add_feedback(self, *, query_id: int, passage_id: str, user_id: int | None, value: int) -> None:
        """Record 👍 (+1) or 👎 (-1) for a passage shown for a query; a new vote replaces the old."""
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO feedback(query_id, passage_id, user_id, value, at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(query_id, passage_id, user_id) DO UPDATE SET value = excluded.value, "
                "at = excluded.at",
                (query_id, passage_id, user_id, value, now_iso()),
            )
