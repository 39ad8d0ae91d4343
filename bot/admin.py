"""Admin commands (users in CORPUSBOT_ADMIN_IDS, in their private chat with the bot): /reindex,
/sources, /remove, /stats and adding documents by sending a file. Everyone else, and admins in
groups, get a polite refusal and nothing changes.

Changes to the corpus are applied by the engine's refresh, which builds the new index while
the old one keeps answering; the bot runs refreshes in the background, one at a time.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.display import DISPLAY, shorten
from bot.freshness import freshness_html
from bot.handlers import command_argument, reply, send_parts
from bot.render_html import escape, line_start, pack_blocks, rtl_lines
from bot.services import Services, services
from bot.stats_chart import CHART, chart_has_data, render_activity_chart
from bot.texts import text, user_language
from retrieval.models import CorpusError, DenseProgress, QueryStats, RefreshReport

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
LISTED_IDS = 15  # ids listed per kind of change in a reindex report
LISTED_SOURCES = 300  # documents listed by /sources (about ten messages)


# --- helpers -------------------------------------------------------------------------------


def corpus_problem(svc: Services, lang: str) -> str | None:
    """Why the corpus directory cannot be changed from Telegram, or None."""
    try:
        svc.engine.check_editable()
    except CorpusError as exc:
        return corpus_error_html(svc, exc, lang)
    return None


def corpus_error_html(svc: Services, exc: CorpusError, lang: str) -> str:
    """What to tell an admin whose corpus change the engine refused, by the error's reason."""
    if exc.reason == "read_only":
        return text("corpus_read_only", lang)
    if exc.reason == "not_writable":
        return text("corpus_not_writable", lang, path=escape(str(svc.engine.corpus_dir.resolve())))
    if exc.reason in ("bad_name", "bad_type", "empty", "binary", "disk_full"):
        return text(f"upload_{exc.reason}", lang)
    if exc.reason == "not_utf8":
        return text("upload_not_utf8", lang, position=exc.position)
    if exc.reason == "not_saved":
        return text("upload_not_saved", lang, reason=escape(str(exc)))
    return text("upload_invalid", lang, reason=escape(str(exc)))


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def id_list(ids: list[str], lang: str) -> str:
    if not ids:
        return text("none", lang)
    listed = (shorten(doc_id, DISPLAY.doc_id) for doc_id in ids[:LISTED_IDS])
    shown = ", ".join(f"<code>{escape(doc_id)}</code>" for doc_id in listed)
    return shown + (f" (+{len(ids) - LISTED_IDS})" if len(ids) > LISTED_IDS else "")


def report_html(report: RefreshReport, lang: str) -> str:
    message = text(
        "reindex_done",
        lang,
        seconds=f"{report.seconds:.2f}",
        documents=report.documents,
        passages=report.passages,
        added=id_list(report.added, lang),
        changed=id_list(report.changed, lang),
        removed=id_list(report.removed, lang),
    )
    if report.errors:
        errors = "\n".join(f"• {escape(shorten(error, 300))}" for error in report.errors[:LISTED_IDS])
        message += "\n" + text("reindex_skipped", lang, errors=errors)
    return message


async def refuse_unless_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Tell a non-admin this command is not for them, and an admin outside their private chat
    with the bot to use it there (a group would see /stats' questions, and whoever can post in
    it could not be told apart); True when the command must not run."""
    user = update.effective_user
    if not services(context).is_admin(user.id if user else None):
        await reply(update, context, text("admin_only", user_language(update)))
        return True
    if update.effective_chat.type != ChatType.PRIVATE:
        await reply(update, context, text("admin_private_only", user_language(update)))
        return True
    return False


# --- /reindex ------------------------------------------------------------------------------


async def on_reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: rebuild the index in the background; the report follows when it is done."""
    if await refuse_unless_admin(update, context):
        return
    svc, lang = services(context), user_language(update)
    running = svc.reindexer.running
    task = svc.reindexer.reindex()
    await reply(update, context, text("reindex_running" if running else "reindex_started", lang))
    context.application.create_task(_report_reindex(update, context, lang, task), update=update)


async def _report_reindex(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, task: asyncio.Task[RefreshReport]
) -> None:
    """Send the report of the `/reindex` this admin asked for (or joined) when it is done."""
    try:
        report = await asyncio.shield(task)  # others may be waiting for it too
    except Exception as exc:  # any failure leaves the old index serving; the admin is told why
        logger.exception("reindex failed")
        reason = escape(str(exc) or type(exc).__name__)
        await reply(update, context, text("reindex_failed", lang, reason=reason), quote=True)
        return
    await reply(update, context, report_html(report, lang), quote=True)


# --- uploads and /remove -------------------------------------------------------------------


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: a .txt, .md or .jsonl file is added to the corpus and indexed; anything else
    (another type, binary, not UTF-8, empty, too large, unusable name) is refused."""
    svc, lang = services(context), user_language(update)
    user = update.effective_user
    if not svc.is_admin(user.id if user else None):
        await reply(update, context, text("upload_not_admin", lang))
        return
    if problem := corpus_problem(svc, lang):
        await reply(update, context, problem)
        return
    document = update.effective_message.document
    try:
        name = svc.engine.document_file_name(document.file_name)
    except CorpusError as exc:
        await reply(update, context, corpus_error_html(svc, exc, lang))
        return
    limit = svc.max_upload_bytes
    if document.file_size and document.file_size > limit:
        size = human_size(document.file_size)
        await reply(update, context, text("upload_too_large", lang, size=size, limit=human_size(limit)))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    if len(data) > limit:
        size = human_size(len(data))
        await reply(update, context, text("upload_too_large", lang, size=size, limit=human_size(limit)))
        return
    try:
        svc.engine.check_document_text(name, data)
    except CorpusError as exc:
        await reply(update, context, corpus_error_html(svc, exc, lang))
        return
    # In the background: the admin's chat is not held up while the file is parsed and indexed.
    context.application.create_task(_add_upload(update, context, lang, name, data), update=update)


async def _add_upload(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, name: str, data: bytes
) -> None:
    """Read an upload off the event loop (every other chat is answered meanwhile), then save
    and index it while no other upload or /remove changes the corpus."""
    svc = services(context)
    try:
        doc_ids = await svc.engine.read_document(name, data)
    except CorpusError as exc:
        await reply(update, context, text("upload_invalid", lang, reason=escape(str(exc))))
        return
    async with svc.reindexer.writing:
        message = await _save_and_index(svc, lang, name, data, doc_ids)
    await reply(update, context, message)


async def _save_and_index(svc: Services, lang: str, name: str, data: bytes, doc_ids: list[str]) -> str:
    """Write an upload into the corpus and index it; the reply to send."""
    reindexer = svc.reindexer
    try:
        edit = svc.engine.add_document(name, data, doc_ids)
    except CorpusError as exc:
        if exc.reason == "name_is_folder":
            return text("upload_name_is_folder", lang, name=escape(name))
        return corpus_error_html(svc, exc, lang)
    try:
        report = await reindexer.refresh()
    except Exception as exc:  # the file stays in the corpus; the next /reindex picks it up
        logger.exception("indexing upload %s failed", name)
        return text("reindex_failed", lang, reason=escape(str(exc) or type(exc).__name__))
    if errors := report.errors_of(name):
        # e.g. a doc id another file already uses: put the corpus back as it was.
        svc.engine.undo(edit)
        await reindexer.refresh()
        return text("upload_invalid", lang, reason=escape("; ".join(errors)))
    return text(
        "upload_replaced" if edit.replaced else "upload_done",
        lang,
        name=escape(name),
        documents=id_list(doc_ids, lang),
        total=report.documents,
        passages=report.passages,
    )


async def on_remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: `/remove DOC_ID` deletes a document from the corpus and the index."""
    if await refuse_unless_admin(update, context):
        return
    svc, lang = services(context), user_language(update)
    doc_id = command_argument(update.effective_message)
    if not doc_id:
        await reply(update, context, text("remove_usage", lang))
        return
    if problem := corpus_problem(svc, lang):
        await reply(update, context, problem)
        return
    async with svc.reindexer.writing:
        try:
            removed = await svc.engine.remove_document(doc_id)
        except CorpusError as exc:  # "linked_file"
            await reply(update, context, text("remove_in_linked_file", lang, file=escape(exc.file)))
            return
    if not removed:
        await reply(update, context, text("remove_unknown", lang, doc_id=escape(doc_id)))
        return
    context.application.create_task(_reindex_after_remove(update, context, lang, doc_id), update=update)


async def _reindex_after_remove(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, doc_id: str
) -> None:
    try:
        report = await services(context).reindexer.refresh()
    except Exception as exc:
        logger.exception("reindex after removing %s failed", doc_id)
        reason = escape(str(exc) or type(exc).__name__)
        await reply(update, context, text("reindex_failed", lang, reason=reason))
        return
    message = text(
        "remove_done", lang, doc_id=escape(doc_id), total=report.documents, passages=report.passages
    )
    await reply(update, context, message)


# --- /sources and /stats -------------------------------------------------------------------


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: every document with its id, headline, outlet and date."""
    if await refuse_unless_admin(update, context):
        return
    lang = user_language(update)
    documents = await services(context).engine.documents()
    if not documents:
        await reply(update, context, text("sources_empty", lang))
        return
    lines = [line_start("", lang) + text("sources_heading", lang, count=len(documents))]
    for doc in documents[:LISTED_SOURCES]:
        source, date = shorten(doc.source, DISPLAY.source), shorten(doc.date, DISPLAY.date)
        details = " · ".join(escape(part) for part in (source, date) if part)
        title = escape(shorten(doc.title, DISPLAY.listed_title))
        doc_id = escape(shorten(doc.doc_id, DISPLAY.doc_id))
        lines.append(
            f"{line_start(doc.title, lang)}• <code>{doc_id}</code> — {title}"
            + (f" ({details})" if details else "")
        )
    if len(documents) > LISTED_SOURCES:
        lines.append(line_start("", lang) + text("sources_more", lang, count=len(documents) - LISTED_SOURCES))
    chat = update.effective_chat
    await send_parts(context, chat.id, pack_blocks(lines, sep="\n"))


def _counts(values: dict[str, int]) -> str:
    return " · ".join(f"{escape(key)} {count}" for key, count in values.items()) or "—"


def stats_period_html(label: str, stats: QueryStats, lang: str) -> str:
    rate = round(100 * (stats.questions - stats.answered) / stats.questions) if stats.questions else 0
    median = f"{stats.median_ms:.1f}" if stats.median_ms is not None else "—"
    return text(
        "stats_period",
        lang,
        label=label,
        total=stats.questions,
        answered=stats.answered,
        not_found_rate=rate,
        median_ms=median,
        by_lang=_counts(stats.by_lang),
        by_chat=_counts(stats.by_chat_type),
    )


def _question_list(rows: list[tuple[str, int]], lang: str) -> str:
    if not rows:
        return line_start("", lang) + text("none", lang)
    return "\n".join(
        f"{line_start(question, lang)}{number}. {escape(shorten(question, 120))} (×{count})"
        for number, (question, count) in enumerate(rows, start=1)
    )


def _dense_line(progress: DenseProgress | None, lang: str) -> str:
    """How far embedding has got (passages are embedded in the background at size)."""
    if progress is None:
        return ""
    state = text("stats_dense_on" if progress.covered else "stats_dense_waiting", lang)
    return "\n" + text(
        "stats_dense",
        lang,
        state=state,
        passages=progress.passages,
        total=progress.passages_total,
        articles=progress.articles,
        needed=progress.articles_needed,
    )


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: questions today and this week, by language and chat, what went unanswered,
    feedback and the median answer time."""
    if await refuse_unless_admin(update, context):
        return
    lang = user_language(update)
    await services(context).query_log.flush()  # count the questions of the last moments too
    engine = services(context).engine
    now = datetime.now(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    today = await engine.stats(midnight.isoformat(timespec="seconds"), unlisted_chat_types=("inline",))
    week = await engine.stats(
        (now - timedelta(days=7)).isoformat(timespec="seconds"), unlisted_chat_types=("inline",)
    )
    await send_activity_chart(update, context, now.date(), lang)
    header = [
        text("stats_heading", lang) + _dense_line(services(context).engine.dense_progress(), lang),
        stats_period_html(text("stats_today", lang), today, lang),
        stats_period_html(text("stats_week", lang), week, lang),
    ]
    blocks = [rtl_lines(block, lang) for block in header]
    for key, questions in (("stats_top", week.most_asked), ("stats_unanswered", week.unanswered)):
        blocks.append(rtl_lines(text(key, lang), lang) + "\n" + _question_list(questions, lang))
    feedback = text("stats_feedback", lang, up=week.feedback_up, down=week.feedback_down)
    blocks.append(rtl_lines(feedback, lang))
    newest = (await engine.about()).last_date
    blocks.append(rtl_lines(await freshness_html(context, newest, lang), lang))
    await send_parts(context, update.effective_chat.id, pack_blocks(blocks))


async def send_activity_chart(
    update: Update, context: ContextTypes.DEFAULT_TYPE, today: date, lang: str
) -> None:
    """The chart of questions and articles added per day, above /stats' text; nothing when
    there is nothing to draw, and a failed send costs only the picture."""
    first = today - timedelta(days=CHART.days - 1)
    days = await services(context).engine.daily_activity(first, CHART.days)
    if not chart_has_data(days):
        return
    png = await asyncio.to_thread(render_activity_chart, days)
    caption = rtl_lines(text("stats_chart", lang, first=first.isoformat(), last=today.isoformat()), lang)
    try:
        await context.bot.send_photo(update.effective_chat.id, png, caption=caption, filename="stats.png")
    except TelegramError:
        logger.exception("the /stats chart could not be sent; the figures follow as text")
