"""Button data signed for the chat its buttons were sent to.

Callback data comes back from the user's client, which can send anything: the (sequential) query
id of someone else's question, a vote on someone else's answer. So every button's data ends in a
MAC of the data and the chat the message is in, under a key derived from the bot token (secret
already, one per bot, nothing to store), and a press whose MAC does not fit the chat it came
from is refused. In a private chat the chat id is the user's, so there it binds the user too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable

# 64 bits: far beyond guessing through Telegram, and the longest data (a vote at 19-digit ids)
# with ":" and the 11 base64url characters just fits Telegram's 64 bytes.
MAC_BYTES = 8


class ButtonSigner:
    """Signs and checks callback data for one bot."""

    def __init__(self, bot_token: str):
        self._key = hmac.new(bot_token.encode(), b"corpusbot callback data", hashlib.sha256).digest()

    def _mac(self, payload: str, chat_id: int) -> bytes:
        digest = hmac.new(self._key, f"{chat_id}:{payload}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:MAC_BYTES]).rstrip(b"=")

    def for_chat(self, chat_id: int) -> Callable[[str], str]:
        """A function signing button data for messages in `chat_id`."""
        return lambda payload: f"{payload}:{self._mac(payload, chat_id).decode()}"

    def verify(self, data: str, chat_id: int) -> str | None:
        """The data without its MAC when it was signed for `chat_id`, else None (forged, from
        another chat, or from a version of the bot that did not sign)."""
        payload, _, mac = data.rpartition(":")
        if payload and hmac.compare_digest(mac.encode(), self._mac(payload, chat_id)):
            return payload
        return None
