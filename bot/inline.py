"""Inline mode: `@Bot question` in any chat offers up to 10 snippets, each ready to send with
its citation."""

from __future__ import annotations

import time

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.display import shorten, shown_citation
from bot.question_log import log_question, logged_outcome
from bot.render_html import render_single_result_html
from bot.services import services
from bot.texts import text, user_language
from retrieval.engine import reply_language
from retrieval.models import Answer, QuestionError, Result

MAX_INLINE_RESULTS = 10
CACHE_SECONDS = 60


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offers the snippets that answer the typed question, or a hint when there are none."""
    started = time.perf_counter()
    query = update.inline_query
    question = query.query.strip()
    svc = services(context)
    if not question:
        lang = user_language(update)
        button = InlineQueryResultsButton(text=text("inline_hint", lang), start_parameter="help")
        await query.answer([], cache_time=CACHE_SECONDS, button=button)
        return
    verdict = svc.limiter.check(query.from_user.id)
    if not verdict.allowed:
        button = InlineQueryResultsButton(
            text=text("inline_slow_down", user_language(update)), start_parameter="help"
        )
        await query.answer([], cache_time=0, is_personal=True, button=button)
        return
    try:
        answer = await svc.engine.ask(question, MAX_INLINE_RESULTS)
    except QuestionError:
        await query.answer([], cache_time=CACHE_SECONDS)
        return
    lang = reply_language(answer.lang, answer.question)
    # Logged as "inline": counted in /stats, but kept out of its question lists, since Telegram
    # sends a query for every pause in the typing.
    svc.query_log.add(
        question=answer.question,
        lang=answer.lang,
        chat_type="inline",
        user_id=query.from_user.id,
        answered=answer.answered,
        took_ms=answer.took_ms,
        top_doc_id=answer.shown[0].doc_id if answer.shown else None,
        results=len(answer.shown),
    )
    if not answer.shown:
        button = InlineQueryResultsButton(text=text("inline_not_found", lang), start_parameter="help")
        await query.answer([], cache_time=CACHE_SECONDS, button=button)
        log_inline_question(update, answer, started)
        return
    closest = not answer.answered  # said in each result's description and message
    results = [inline_result(result, lang, closest=closest) for result in answer.shown[:MAX_INLINE_RESULTS]]
    await query.answer(results, cache_time=CACHE_SECONDS)
    log_inline_question(update, answer, started)


def inline_result(result: Result, lang: str, *, closest: bool = False) -> InlineQueryResultArticle:
    """One pickable snippet: its start as the title, its citation as the description; a closest
    passage says so in both."""
    cited = shown_citation(result.citation)
    note = (text("inline_closest", lang),) if closest else ()
    return InlineQueryResultArticle(
        id=str(result.pid),
        title=shorten(result.snippet.replace("\n", " "), 90),
        description=" · ".join(part for part in (*note, cited.title, cited.source, cited.date) if part),
        input_message_content=InputTextMessageContent(
            render_single_result_html(result, lang, closest=closest), parse_mode=ParseMode.HTML
        ),
    )


def log_inline_question(update: Update, answer: Answer, started: float) -> None:
    log_question(
        update_id=update.update_id,
        chat_type="inline",
        lang=answer.lang,
        outcome=logged_outcome(answer),
        started=started,
        results=len(answer.shown[:MAX_INLINE_RESULTS]),
        engine_ms=answer.took_ms,
        question=answer.question,
    )
