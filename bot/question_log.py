"""One log line per question, in `key=value` form to grep and count:

    question update=560000001 chat=private lang=ar outcome=answered results=3 engine_ms=4.1 ms=38.0

`ms` is the time from receiving the question to having sent the reply; `engine_ms` the part the
engine took. The question's text is personal data: it goes on a second line at DEBUG level only,
quoted so that it stays one line. No user ids, no tokens.
"""

from __future__ import annotations

import json
import logging
import re
import time

from retrieval.models import Answer

logger = logging.getLogger("bot.questions")

# What json.dumps leaves raw but str.splitlines (and many log viewers) take for a line break.
_LINE_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029]")


def quoted(text: str) -> str:
    """`text` as a JSON string on one line (Arabic kept readable)."""
    return _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def logged_outcome(answer: Answer) -> str:
    """An answer's outcome as the log names it."""
    if answer.answered:
        return "answered"
    return "closest" if answer.closest else "not_found"


def log_question(
    *,
    update_id: int | None,
    chat_type: str,
    lang: str,
    outcome: str,
    started: float,
    results: int = 0,
    engine_ms: float | None = None,
    question: str = "",
) -> None:
    """Log a question handled since `started` (a `time.perf_counter()` value); `outcome` is
    answered, closest, not_found or rate_limited (see `logged_outcome`)."""
    if not logger.isEnabledFor(logging.INFO):
        return  # nothing to format
    fields = [
        f"update={update_id if update_id is not None else '-'}",
        f"chat={chat_type}",
        f"lang={lang}",
        f"outcome={outcome}",
        f"results={results}",
    ]
    if engine_ms is not None:
        fields.append(f"engine_ms={engine_ms:.1f}")
    fields.append(f"ms={(time.perf_counter() - started) * 1000:.1f}")
    logger.info("question %s", " ".join(fields))
    logger.debug("question %s text=%s", fields[0], quoted(question))
