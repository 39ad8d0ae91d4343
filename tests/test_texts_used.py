"""Every user text of bot/texts.py is shown somewhere: a key no handler names is dead text that
translators would keep up to date for nothing."""

from __future__ import annotations

from pathlib import Path

from bot.texts import TEXTS

BOT = Path(__file__).resolve().parent.parent / "bot"


def test_every_text_key_is_named_by_the_bot() -> None:
    code = {path.name: path.read_text(encoding="utf-8") for path in BOT.glob("*.py")}
    del code["texts.py"]
    everywhere = "\n".join(code.values())

    def named(key: str) -> bool:
        # Refused corpus changes pick their text as f"upload_{exc.reason}" (bot/admin.py).
        reason = key.removeprefix("upload_")
        quoted = (f'"{key}"', f"'{key}'")
        return any(q in everywhere for q in quoted) or (reason != key and f'"{reason}"' in code["admin.py"])

    assert [key for key in TEXTS if not named(key)] == []
