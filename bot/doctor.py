"""`corpusbot doctor`: is this installation ready to serve? Configuration, the Bot API, the
store's integrity, index freshness against the corpus, optional language resources.

Only reads: the store is opened read-only (safe next to a running bot) and the token is never
printed. A FAIL makes the exit code 1; a WARN is something to know that does not stop the bot
(no token for CLI-only use, a stale index, no English dictionary).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings, read_env_file
from bot.paths import default_db_path
from bot.readonly_store import owner_kept
from retrieval.engine import ANALYSIS_VERSION, followed_feeds, inspect_store, language_checks
from retrieval.models import Freshness, StoreHealth, VectorHealth

# A well-formed token that only stands in while the other settings are checked without one.
_PLACEHOLDER_TOKEN = "0000:placeholder-token-not-used-for-anything"
SHOWN_FILES = 5  # file names listed per kind of pending change


class Status(Enum):
    OK = "ok"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    status: Status
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status.value:5} {self.name}: {self.detail}"


def environment(env_file: Path = Path(".env")) -> dict[str, str]:
    """What `corpusbot serve` would see: the .env file under the process environment."""
    return {**read_env_file(env_file), **os.environ}


def store_path(explicit: str | None, env: Mapping[str, str]) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if env.get("CORPUSBOT_DB"):
        return Path(env["CORPUSBOT_DB"]).expanduser()
    return default_db_path()


def redact(message: str, token: str) -> str:
    return message.replace(token, "<token>") if token else message


# --- configuration and the Bot API ---------------------------------------------------------


def check_configuration(env: Mapping[str, str]) -> tuple[list[Finding], Settings | None]:
    """Findings on the bot settings, and the settings when a token is set and all are valid."""
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    try:
        settings = load_settings({**env, "TELEGRAM_BOT_TOKEN": token or _PLACEHOLDER_TOKEN})
    except ConfigError as exc:
        return [Finding(Status.FAIL, "configuration", redact(str(exc), token))], None
    findings = []
    if token:
        bot_id = token.split(":", 1)[0]
        findings.append(Finding(Status.OK, "bot token", f"set, for bot id {bot_id} (secret part not shown)"))
    else:
        findings.append(
            Finding(
                Status.WARN,
                "bot token",
                "bot not configured: TELEGRAM_BOT_TOKEN is not set (fine for CLI-only use: "
                "ask, index, backup; `serve` needs it)",
            )
        )
    if settings.admin_ids:
        findings.append(Finding(Status.OK, "admins", f"{len(settings.admin_ids)} in CORPUSBOT_ADMIN_IDS"))
    elif token:
        findings.append(
            Finding(
                Status.WARN,
                "admins",
                "CORPUSBOT_ADMIN_IDS is empty: nobody can /reindex, /remove or upload documents",
            )
        )
    return findings, settings if token else None


async def check_bot_api(settings: Settings, timeout: float) -> list[Finding]:
    """getMe (and getWebhookInfo) against the configured Bot API, with a short timeout."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
    from telegram.request import HTTPXRequest

    where = settings.api_base_url
    request = HTTPXRequest(
        connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout, pool_timeout=timeout
    )
    bot = Bot(
        settings.token,
        base_url=settings.api_base_url,
        base_file_url=settings.file_base_url,
        request=request,
        get_updates_request=request,
    )
    try:
        await bot.initialize()  # getMe
        me = bot.bot
        findings = [Finding(Status.OK, "Bot API", f"{where} answers: @{me.username} (id {me.id})")]
        info = await bot.get_webhook_info()
    except InvalidToken:
        return [Finding(Status.FAIL, "Bot API", f"{where} rejects the token: get a new one from @BotFather")]
    except TimedOut:
        return [Finding(Status.FAIL, "Bot API", f"unreachable: {where} did not answer within {timeout:g} s")]
    except NetworkError as exc:
        reason = redact(str(exc), settings.token)
        return [Finding(Status.FAIL, "Bot API", f"unreachable: cannot reach {where} ({reason})")]
    except TelegramError as exc:
        return [Finding(Status.FAIL, "Bot API", f"{where}: {redact(str(exc), settings.token)}")]
    finally:
        await request.shutdown()
    mode = f"webhook {info.url}" if info.url else "no webhook (polling)"
    detail = f"{mode}, {info.pending_update_count} updates waiting"
    if info.last_error_message:
        when = f" at {info.last_error_date:%Y-%m-%d %H:%M} UTC" if info.last_error_date else ""
        findings.append(
            Finding(Status.WARN, "delivery", f"{detail}; last error{when}: {info.last_error_message}")
        )
    else:
        findings.append(Finding(Status.OK, "delivery", detail))
    return findings


# --- the store and the index ---------------------------------------------------------------


async def check_store(path: Path, corpus: Path | None) -> list[Finding]:
    """Integrity of the store, then whether its index is up to date with the corpus."""
    with owner_kept(path):
        health = await inspect_store(path, corpus)
    if health.problem == "missing":
        return [
            Finding(
                Status.WARN,
                "store",
                f"{path} does not exist yet: `corpusbot index` builds it (`serve` and `ask` do too)",
            )
        ]
    if health.problem:
        return [Finding(Status.FAIL, "store", _store_problem(health))]
    findings = [
        Finding(
            Status.OK,
            "store",
            f"{path}: integrity ok, {health.documents} documents, {health.passages} passages, "
            f"indexed {health.indexed_at}",
        )
    ]
    if health.vectors is not None:
        findings.append(vectors_finding(health.vectors))
    findings.append(freshness_finding(health.freshness))
    if health.skipped:
        findings.append(skipped_finding(health.skipped))
    return findings


def skipped_finding(skipped: list[str]) -> Finding:
    """What the last index could not read: `ask` says it only when it finds it first."""
    return Finding(Status.WARN, "skipped", f"{len(skipped)} at the last index: {_listed(skipped, '; ')}")


def _listed(items: list[str], separator: str) -> str:
    """The first SHOWN_FILES items, and how many more there are."""
    more = len(items) - SHOWN_FILES
    return separator.join(items[:SHOWN_FILES]) + (f" (+{more})" if more > 0 else "")


def _store_problem(health: StoreHealth) -> str:
    path, detail = health.path, health.detail
    if health.problem == "cannot_open":
        return f"cannot open {path}: {detail}"
    if health.problem == "not_corpusbot":
        return f"{path} is not a corpusbot database ({detail})"
    if health.problem == "integrity":
        reason = f" ({detail})" if detail else ""
        return (
            f"{path} fails PRAGMA integrity_check{reason}: stop the bot and restore the "
            'latest backup (README "Backups and restore")'
        )
    return detail  # the schema version


def vectors_finding(vectors: VectorHealth) -> Finding:
    """Stored vectors that are not what the model makes (integrity_check cannot tell: a NaN is a
    well-formed blob), else how far embedding has got."""
    if not vectors.usable:
        return Finding(
            Status.FAIL,
            "passage vectors",
            f"{vectors.damaged} of {vectors.stored} are damaged (not {vectors.dim} finite numbers of "
            'unit length), which can make every answer "not found": restart the bot or run '
            "`corpusbot index`, which embed those passages again",
        )
    status = Status.OK if vectors.covered else Status.WARN
    return Finding(status, "dense retrieval", vectors.progress)


def freshness_finding(fresh: Freshness) -> Finding:
    """Files added, changed or removed since the last index (what a refresh would apply)."""
    corpus = fresh.corpus
    if not fresh.found:
        return Finding(Status.FAIL, "corpus", f"corpus directory not found: {corpus}")
    if fresh.unreadable:
        folders = ", ".join(
            f"{folder}/ ({why})" for folder, why in sorted(fresh.unreadable.items())[:SHOWN_FILES]
        )
        return Finding(
            Status.WARN,
            "corpus",
            f"cannot read folder {folders}: its documents keep serving as last indexed, "
            "but changes to them are not seen",
        )
    if not fresh.files:
        return Finding(Status.WARN, "corpus", f"{corpus} has no articles (.txt, .md, .jsonl)")
    if fresh.analysis is not None:
        return Finding(
            Status.WARN,
            "index",
            f"built with text analysis version {fresh.analysis}, this corpusbot uses "
            f"{ANALYSIS_VERSION}: the next start, /reindex or `corpusbot index` re-indexes every file",
        )
    if fresh.up_to_date:
        return Finding(Status.OK, "index", f"up to date with {corpus} ({fresh.files} files)")
    parts = []
    pending = (("not indexed", fresh.pending), ("changed", fresh.changed), ("removed", fresh.removed))
    for label, names in pending:
        if names:
            parts.append(f"{label}: {_listed(names, ', ')}")
    return Finding(
        Status.WARN,
        "index",
        f"behind {corpus}: {'; '.join(parts)}. /reindex or `corpusbot index` applies the changes "
        '(`serve` does at start); a file that stays "not indexed" could not be read, '
        "`corpusbot index` says why",
    )


# --- language resources and the whole report ----------------------------------------------


def check_languages() -> list[Finding]:
    findings = [Finding(Status.OK, "Arabic questions", "built in")]
    for check in language_checks():
        findings.append(Finding(Status.OK if check.ok else Status.WARN, check.name, check.detail))
    return findings


async def check_feeds(path: Path) -> list[Finding]:
    """Feeds followed: a WARN naming each one whose last fetch failed (it is retried later)."""
    try:
        feeds, last_poll = await followed_feeds(path)
    except sqlite3.Error:
        return []  # the store check reports an unusable database
    if not feeds:
        return []
    failing = [feed for feed in feeds if feed.status == "error"]
    summary = f"{len(feeds)} followed, last poll {last_poll or 'never'}"
    if not failing:
        return [Finding(Status.OK, "feeds", summary)]
    details = "; ".join(f"#{f.id} {f.url}: {f.error} (next try {f.next_fetch})" for f in failing)
    return [Finding(Status.WARN, "feeds", f"{summary}; {len(failing)} failing: {details}")]


async def diagnose(
    *,
    db: str | None = None,
    corpus: str | None = None,
    offline: bool = False,
    timeout: float = 5.0,
    env: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every check, in the order of the report."""
    env = environment() if env is None else env
    findings, settings = check_configuration(env)
    if settings is not None and not offline:
        findings += await check_bot_api(settings, timeout)
    chosen = corpus or env.get("CORPUSBOT_CORPUS")
    corpus_dir = Path(chosen).expanduser().resolve() if chosen else None
    findings += await check_store(store_path(db, env), corpus_dir)
    findings += await check_feeds(store_path(db, env))
    findings += check_languages()
    return findings


def healthy(findings: list[Finding]) -> bool:
    return all(finding.status is not Status.FAIL for finding in findings)


def summary(findings: list[Finding]) -> str:
    problems = sum(f.status is Status.FAIL for f in findings)
    warnings = sum(f.status is Status.WARN for f in findings)
    if problems:
        return f"NOT healthy: {problems} problem(s), {warnings} warning(s)"
    return f"healthy ({warnings} warning(s))" if warnings else "healthy"
