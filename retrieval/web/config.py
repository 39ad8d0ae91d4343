"""Every tuned number of fetching and polling, in one frozen config (environment: README
"Configuration")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

USER_AGENT = "corpusbot/0.1 (Arabic news question-answering bot; reads feeds and article pages)"
ROBOTS_AGENT = "corpusbot"  # the name robots.txt rules address


class WebConfigError(ValueError):
    """A malformed web setting; the message names it."""


@dataclass(frozen=True)
class WebConfig:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for one whole request, body included
    max_bytes: int = 5 * 1024 * 1024  # a page or feed larger than this is refused
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # loopback and private addresses (CORPUSBOT_FETCH_ALLOW_PRIVATE)
    min_article_chars: int = 300  # less extracted text than this: not an article
    min_arabic_share: float = 0.5  # of the letters of an article, else "another language"
    max_new_per_poll: int = 100  # articles fetched from one feed in one poll (the newest first)
    backoff_minutes: float = 15.0  # after a failure; doubled each further failure...
    max_backoff_minutes: float = 24 * 60.0  # ...up to a day
    poll_minutes: float = 15.0  # the bot's own polling (CORPUSBOT_POLL_MINUTES); 0: off

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebConfig:
        env = os.environ if env is None else env
        allow = env.get("CORPUSBOT_FETCH_ALLOW_PRIVATE", "").strip().lower()
        if allow not in ("", "0", "1", "true", "false", "yes", "no"):
            raise WebConfigError(f"CORPUSBOT_FETCH_ALLOW_PRIVATE must be 0 or 1, got {allow!r}")
        return cls(
            allow_private=allow in ("1", "true", "yes"),
            poll_minutes=_number(
                env, "CORPUSBOT_POLL_MINUTES", cls.poll_minutes, "minutes (e.g. 15; 0 = off)"
            ),
            host_delay=_number(env, "CORPUSBOT_FETCH_DELAY", cls.host_delay, "seconds (e.g. 1)"),
        )


def _number(env: Mapping[str, str], name: str, default: float, meaning: str) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not 0 <= value < 100_000:
        raise WebConfigError(f"{name} must be {meaning}, got {raw!r}")
    return value
