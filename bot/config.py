"""Bot settings from environment variables (a `.env` file in the working directory may set them).

Names are public (README "Configuration"): TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL,
TELEGRAM_FILE_BASE_URL, CORPUSBOT_ADMIN_IDS, CORPUSBOT_DB, CORPUSBOT_CORPUS,
CORPUSBOT_WEBHOOK_SECRET, CORPUSBOT_SEND_RATE.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.paths import configured_corpus, default_db_path
from retrieval.models import WebConfig, WebConfigError

_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_BASE_URL = "https://api.telegram.org/file/bot"
# Telegram's default limit on a bot's messages, all chats together; bots can be granted more.
DEFAULT_SEND_RATE = 30.0


@dataclass(frozen=True)
class BotApiPatience:
    """How long one request to the Bot API is kept trying (bot/retry.py), in seconds: flood
    control (429) is waited out however often it comes, server errors and lost connections are
    retried with a doubling pause, each up to a total."""

    flood_wait_limit: float = 600.0  # retry_after waits for one request, in all
    outage_limit: float = 120.0  # retrying one request through 5xx answers and lost connections
    start_limit: float = 15.0  # the same for getMe at start; then `serve` says it cannot reach it
    first_pause: float = 0.5  # the pause between outage retries doubles from this
    max_pause: float = 10.0  # up to this
    read_timeout: float = 5.0  # for an answer; past it a request may have been carried out


class ConfigError(ValueError):
    """A missing or malformed setting; the message names it and says how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Everything `corpusbot serve` needs to start."""

    token: str
    api_base_url: str
    file_base_url: str
    admin_ids: frozenset[int]
    db_path: Path
    corpus_dir: Path | None
    webhook_secret: str | None = None  # used when `serve --secret-token` is not given
    send_rate: float = DEFAULT_SEND_RATE  # outgoing messages a second, all chats; 0: not paced
    patience: BotApiPatience = BotApiPatience()
    web: WebConfig = field(default_factory=WebConfig)  # fetching and polling feeds


def read_env_file(path: Path) -> dict[str, str]:
    """`KEY=value` lines of a .env file (quotes stripped, comments and blanks skipped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_settings(env: Mapping[str, str] | None = None, env_file: Path = Path(".env")) -> Settings:
    """Settings from `env` (default: the process environment over the .env file)."""
    if env is None:
        env = {**read_env_file(env_file), **os.environ}
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it")
    if not _TOKEN_RE.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters)")
    return Settings(
        token=token,
        api_base_url=_url(env, "TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL),
        file_base_url=_url(env, "TELEGRAM_FILE_BASE_URL", DEFAULT_FILE_BASE_URL),
        admin_ids=parse_admin_ids(env.get("CORPUSBOT_ADMIN_IDS", "")),
        db_path=Path(env["CORPUSBOT_DB"]).expanduser() if env.get("CORPUSBOT_DB") else default_db_path(),
        corpus_dir=configured_corpus(env.get("CORPUSBOT_CORPUS") or None),
        webhook_secret=env.get("CORPUSBOT_WEBHOOK_SECRET", "").strip() or None,
        send_rate=parse_send_rate(env.get("CORPUSBOT_SEND_RATE", "")),
        web=_web_config(env),
    )


def _web_config(env: Mapping[str, str]) -> WebConfig:
    try:
        return WebConfig.from_env(env)
    except WebConfigError as exc:
        raise ConfigError(str(exc)) from None


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip() or default
    if not re.match(r"^https?://[^\s/]+", value):
        raise ConfigError(f"{name} must be an http(s) URL like http://127.0.0.1:8081/bot, got {value!r}")
    return value


def parse_admin_ids(raw: str) -> frozenset[int]:
    """Comma-separated Telegram user ids."""
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(f"CORPUSBOT_ADMIN_IDS must be comma-separated user ids, got {part!r}")
        ids.add(int(part))
    return frozenset(ids)


def parse_send_rate(raw: str) -> float:
    """Messages a second the bot may send in all (empty: Telegram's default 30; 0: no pacing)."""
    raw = raw.strip()
    if not raw:
        return DEFAULT_SEND_RATE
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if not 0 <= rate < float("inf"):
        raise ConfigError(
            f"CORPUSBOT_SEND_RATE must be messages a second (e.g. 30; 0 = no pacing), got {raw!r}"
        )
    return rate
