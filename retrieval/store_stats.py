"""Statistics over the question log and the corpus, for /stats: totals by language and chat
type, most asked and unanswered questions, feedback, and activity per day."""

from __future__ import annotations

from datetime import date, timedelta

from retrieval.models import DayActivity, QueryStats
from retrieval.store_connection import StoreConnection


class QuestionStats(StoreConnection):
    """Question statistics (a part of `Store`)."""

    async def query_stats(
        self, since: str, *, top: int = 5, unlisted_chat_types: tuple[str, ...] = ()
    ) -> QueryStats:
        """Questions logged at or after `since` (ISO time). Questions from `unlisted_chat_types`
        (e.g. inline queries, logged as the user types) count in the totals but not in the lists."""
        db = self._db
        async with db.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM queries WHERE asked_at >= ?", (since,)
        ) as cursor:
            total, answered = await cursor.fetchone() or (0, 0)
        by_lang = await self._grouped("lang", since)
        by_chat_type = await self._grouped("chat_type", since)
        async with db.execute(
            "SELECT took_ms FROM queries WHERE asked_at >= ? ORDER BY took_ms LIMIT 1 OFFSET ?",
            (since, max(total - 1, 0) // 2),
        ) as cursor:
            row = await cursor.fetchone()
        median_ms = row[0] if row and total else None
        hidden = ",".join("?" * len(unlisted_chat_types)) or "''"
        lists = {}
        for name, answered_flag in (("most_asked", None), ("unanswered", 0)):
            where = "asked_at >= ? AND chat_type NOT IN (" + hidden + ")"
            params: list[object] = [since, *unlisted_chat_types]
            if answered_flag is not None:
                where += " AND answered = ?"
                params.append(answered_flag)
            async with db.execute(
                f"SELECT question, COUNT(*) AS n FROM queries WHERE {where} GROUP BY question "
                "ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?",
                (*params, top),
            ) as cursor:
                lists[name] = [(row[0], row[1]) async for row in cursor]
        async with db.execute(
            "SELECT COALESCE(SUM(value > 0), 0), COALESCE(SUM(value < 0), 0) FROM feedback WHERE at >= ?",
            (since,),
        ) as cursor:
            up, down = await cursor.fetchone() or (0, 0)
        return QueryStats(
            questions=total,
            answered=answered,
            by_lang=by_lang,
            by_chat_type=by_chat_type,
            median_ms=median_ms,
            most_asked=lists["most_asked"],
            unanswered=lists["unanswered"],
            feedback_up=up,
            feedback_down=down,
        )

    async def _grouped(self, column: str, since: str) -> dict[str, int]:
        async with self._db.execute(
            f"SELECT {column}, COUNT(*) AS n FROM queries WHERE asked_at >= ? GROUP BY {column} "
            "ORDER BY n DESC",
            (since,),
        ) as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def daily_activity(self, first_day: date, days: int) -> list[DayActivity]:
        """Per UTC day, from `first_day` on for `days` days (quiet days included): questions
        logged, how many were answered, and documents first indexed that are still indexed."""
        since = first_day.isoformat()
        sql = (
            "SELECT substr(asked_at, 1, 10) AS day, COUNT(*), COALESCE(SUM(answered), 0) FROM queries "
            "WHERE asked_at >= ? GROUP BY day"
        )
        async with self._db.execute(sql, (since,)) as cursor:
            questions = {row[0]: (row[1], row[2]) async for row in cursor}
        sql = (
            "SELECT substr(f.at, 1, 10) AS day, COUNT(*) FROM document_first_seen f "
            "JOIN documents USING (doc_id) WHERE f.at >= ? GROUP BY day"
        )
        async with self._db.execute(sql, (since,)) as cursor:
            articles = {row[0]: row[1] async for row in cursor}
        result = []
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            asked, answered = questions.get(day.isoformat(), (0, 0))
            result.append(DayActivity(day, asked, answered, articles.get(day.isoformat(), 0)))
        return result
