"""A local, in-process stand-in for the Telegram Bot API, for tests.

Why this exists
---------------
Mocking python-telegram-bot (PTB) objects proves little: the bugs that reach
production are in the wire format (PTB's form encoding, JSON shapes), in the
things Telegram *rejects* (unbalanced HTML, 4096+ character messages, 65-byte
``callback_data``, editing a message to the same text) and in behaviour under
failure (429 flood control, 5xx, dropped connections).  This module runs a
small aiohttp server that speaks enough of the Bot API for a real
``telegram.ext.Application`` to initialise, long-poll, answer, edit, download
files and shut down, while validating every call as strictly as Telegram does.

Typical use (inside a coroutine)::

    async with BotApiStub() as stub:
        app = (
            ApplicationBuilder()
            .token("123:ABC")
            .base_url(stub.base_url)
            .base_file_url(stub.base_file_url)
            .build()
        )
        ...  # add handlers, initialize/start, updater.start_polling(...)
        stub.inject_private_message("مرحبا")
        call = await stub.wait_for("sendMessage")
        assert call.ok and not stub.errors

Fidelity notes
--------------
* HTML ``parse_mode`` parsing is a line-by-line port of TDLib's ``parse_html``
  (the code behind the Bot API server), including its error messages and byte
  offsets.  One deliberate deviation, on by default: a bare ``&`` that is not an
  entity is an error here, whereas Telegram silently keeps it (the Bot API docs
  nevertheless require ``&amp;``).  ``BotApiStub(strict_html_ampersand=False)``
  restores Telegram's exact behaviour.
* Entity offsets/lengths are in UTF-16 code units, like Telegram.  Commands and
  mentions in injected messages are detected with ports of TDLib's matchers.
* MarkdownV2/Markdown texts are accepted but *not* validated or parsed.
* Error descriptions for the common failures are Telegram's verbatim; those of
  rarer ones (keyboard/command/inline-result validation) are best effort.
* ``setWebhook`` is recorded and makes ``getUpdates`` fail with 409 like
  Telegram, but updates are never pushed to a webhook.
* Unknown methods are recorded in :attr:`BotApiStub.unknown_methods` and answer
  ``{"ok": true, "result": true}``; PTB methods that expect an object back
  (e.g. ``get_chat``) will therefore fail to parse - add a handler here if the
  bot starts using one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = [
    "DROP",
    "FILE_DOWNLOAD",
    "ApiCall",
    "ApiError",
    "BotApiError",
    "BotApiStub",
    "HtmlParseError",
    "StoredFile",
    "UploadedFile",
    "find_text_entities",
    "parse_html",
    "utf16_len",
]

JSON = dict[str, Any]

#: ``fail_next(..., status=DROP)`` closes the connection without any response.
DROP = 0
#: Pseudo method name for :meth:`BotApiStub.fail_next` targeting file downloads.
FILE_DOWNLOAD = "file_download"

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
MAX_COMMANDS = 100

DEFAULT_USER_ID = 1001
DEFAULT_FIRST_NAME = "أحمد"
DEFAULT_LANGUAGE_CODE = "ar"
DEFAULT_GROUP_ID = -1001234567890
DEFAULT_CHANNEL_ID = -1009876543210

_log = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")

# Form-encoded parameters arrive as strings; PTB JSON-encodes every non-string
# value and sends strings raw.  These parameters are always free text and must
# not be JSON-decoded even when they look like numbers ("123") or booleans.
_STRING_PARAMS = frozenset(
    "action business_connection_id callback_query_id caption description emoji file_id "
    "inline_message_id inline_query_id ip_address language_code message_effect_id name next_offset "
    "parse_mode query secret_token short_description switch_pm_parameter switch_pm_text text title "
    "url".split()
)
# Parameters that are JSON-serialised objects even inside a JSON body if the
# client chose to stringify them (Telegram accepts both).
_JSON_PARAMS = frozenset(
    "allowed_updates button caption_entities commands entities link_preview_options media "
    "reply_markup reply_parameters results scope".split()
)
_DEFAULT_ALLOWED_UPDATES = frozenset(
    "message edited_message channel_post edited_channel_post business_connection business_message "
    "edited_business_message deleted_business_messages inline_query chosen_inline_result "
    "callback_query shipping_query pre_checkout_query purchased_paid_media poll poll_answer "
    "my_chat_member chat_join_request chat_boost removed_chat_boost".split()
)
_CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
_INLINE_BUTTON_ACTIONS = tuple(
    "url callback_data web_app login_url switch_inline_query switch_inline_query_current_chat "
    "switch_inline_query_chosen_chat copy_text callback_game pay".split()
)
_COMMAND_SCOPES = frozenset(
    "default all_private_chats all_group_chats all_chat_administrators chat chat_administrators "
    "chat_member".split()
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_FAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


# --------------------------------------------------------------------------
# Text utilities: UTF-16 lengths, TDLib's HTML parser, entity detection
# --------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units - the unit of Telegram offsets/limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class HtmlParseError(ValueError):
    """Raised by :func:`parse_html` with TDLib's error text (without the API prefix)."""


_HTML_TAGS = frozenset(
    b"a b strong i em s strike del u ins tg-spoiler tg-emoji tg-time span pre code blockquote".split()
)
_SIMPLE_TAG_TYPES = {
    b"i": "italic",
    b"em": "italic",
    b"b": "bold",
    b"strong": "bold",
    b"s": "strikethrough",
    b"strike": "strikethrough",
    b"del": "strikethrough",
    b"u": "underline",
    b"ins": "underline",
    b"tg-spoiler": "spoiler",
    b"span": "spoiler",
}
# TDLib's MessageEntity::get_type_priority, used as the final sort key.
_ENTITY_PRIORITY = {
    "mention": 50,
    "hashtag": 50,
    "bot_command": 50,
    "url": 50,
    "email": 50,
    "bold": 90,
    "italic": 91,
    "code": 20,
    "pre": 11,
    "text_link": 49,
    "text_mention": 49,
    "cashtag": 50,
    "phone_number": 50,
    "underline": 92,
    "strikethrough": 93,
    "blockquote": 0,
    "spoiler": 94,
    "custom_emoji": 99,
    "expandable_blockquote": 0,
    "date_time": 30,
}


def _is_space(c: int) -> bool:
    # td::is_space: NUL counts as a space, which is what stops TDLib's scans at
    # the end of the C string; _at() below emulates that terminator.
    return c in (0x20, 0x09, 0x0D, 0x0A, 0x00, 0x0B)


def _is_alnum(c: int) -> bool:
    return 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Port of TDLib's ``decode_html_entity``: returns ``(code_point, new_pos)``.

    A code point of 0 means "not an entity"; only &lt; &gt; &amp; &quot; and
    numeric references are recognised, the ``;`` is optional.
    """

    def at(i: int) -> int:
        return data[i] if i < len(data) else 0

    end = pos + 1
    res = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF":
                res = res * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while 0x30 <= at(end) <= 0x39:
                res = res * 10 + at(end) - 0x30
                end += 1
        if res == 0 or res >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while 0x41 <= at(end) <= 0x5A or 0x61 <= at(end) <= 0x7A:
            end += 1
        name = data[pos + 1 : end]
        res = {b"lt": 0x3C, b"gt": 0x3E, b"amp": 0x26, b"quot": 0x22}.get(name, 0)
        if res == 0:
            return 0, pos
    if at(end) == ord(";"):
        end += 1
    return res, end


def _date_format_ok(fmt: str) -> bool:
    return fmt in ("r", "R") or all(ch in "tTdDwW" for ch in fmt)


def parse_html(text: str, *, strict_ampersand: bool = False) -> tuple[str, list[JSON]]:
    """Parse Telegram HTML exactly like TDLib; return ``(plain_text, entities)``.

    Raises :class:`HtmlParseError` with TDLib's message, e.g.
    ``Unsupported start tag "script" at byte offset 0``.  Offsets in messages
    are UTF-8 byte offsets (as Telegram reports them); entity offsets/lengths
    are UTF-16 code units.  With ``strict_ampersand`` a ``&`` that does not
    start a recognised entity is an error instead of a literal character.
    """
    if "\0" in text:
        raise HtmlParseError("Text must not contain null bytes")
    data = text.encode("utf-8", "surrogatepass")
    size = len(data)

    def at(i: int) -> int:
        return data[i] if i < size else 0

    out = bytearray()
    utf16 = 0
    entities: list[JSON] = []
    # Each open tag: [name, argument, date, utf16_offset, byte_offset_in_out]
    stack: list[list[Any]] = []
    i = 0
    while i < size:
        c = data[i]
        if c == 0x26:  # '&'
            code, end = _decode_html_entity(data, i)
            if code:
                utf16 += 2 if code > 0xFFFF else 1
                out += chr(code).encode("utf-8", "surrogatepass")
                i = end
                continue
            if strict_ampersand:
                raise HtmlParseError(
                    f'Unescaped "&" at byte offset {i}; use "&amp;" '
                    "(stub strict mode: Telegram itself would keep it literally)"
                )
        if c != 0x3C:  # not '<'
            if c & 0xC0 != 0x80:
                utf16 += 2 if c >= 0xF0 else 1
            out.append(c)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != ord("/"):
            # start tag
            while not _is_space(at(i)) and at(i) != ord(">"):
                i += 1
            if at(i) == 0:
                raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].lower()
            tag_str = tag.decode("utf-8", "replace")
            if tag not in _HTML_TAGS:
                raise HtmlParseError(f'Unsupported start tag "{tag_str}" at byte offset {begin}')
            argument = ""
            date = 0
            while at(i) != ord(">"):
                while at(i) != 0 and _is_space(at(i)):
                    i += 1
                if at(i) == ord(">"):
                    break
                attr_begin = i
                while not _is_space(at(i)) and at(i) not in b"=>/\"'":
                    i += 1
                attr = data[attr_begin:i]
                if not attr:
                    raise HtmlParseError(
                        f'Empty attribute name in the tag "{tag_str}" at byte offset {begin}'
                    )
                while at(i) != 0 and _is_space(at(i)):
                    i += 1
                if at(i) != ord("="):
                    if at(i) == 0:
                        raise HtmlParseError(f'Unclosed start tag "{tag_str}" at byte offset {begin}')
                    if tag == b"blockquote" and attr == b"expandable":
                        argument = "1"
                    continue
                i += 1
                while at(i) != 0 and _is_space(at(i)):
                    i += 1
                if at(i) == 0:
                    raise HtmlParseError(f'Unclosed start tag "{tag_str}" at byte offset {begin}')
                if at(i) not in (ord("'"), ord('"')):
                    token_begin = i
                    while _is_alnum(at(i)) or at(i) in (ord("."), ord("-")):
                        i += 1
                    value = data[token_begin:i].lower().decode("ascii")
                    if not _is_space(at(i)) and at(i) != ord(">"):
                        raise HtmlParseError(f"Unexpected end of name token at byte offset {token_begin}")
                else:
                    quote = at(i)
                    i += 1
                    raw = bytearray()
                    while at(i) != quote and at(i) != 0:
                        if at(i) == 0x26:
                            code, end = _decode_html_entity(data, i)
                            if code:
                                raw += chr(code).encode("utf-8", "surrogatepass")
                                i = end
                                continue
                        raw.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = raw.decode("utf-8", "replace")
                if at(i) == 0:
                    raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
                if tag == b"a" and attr == b"href":
                    argument = value
                elif tag == b"code" and attr == b"class" and value.startswith("language-"):
                    argument = value[9:]
                elif tag == b"span" and attr == b"class" and value.startswith("tg-"):
                    argument = value[3:]
                elif tag == b"tg-emoji" and attr == b"emoji-id":
                    argument = value
                elif tag == b"blockquote" and attr == b"expandable":
                    argument = "1"
                elif tag == b"tg-time" and attr == b"unix":
                    date = int(value) if value.isdigit() else 0
                elif tag == b"tg-time" and attr == b"format":
                    argument = value
            if tag == b"span" and argument != "spoiler":
                raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
            stack.append([tag, argument, date, utf16, len(out)])
            i += 1  # skip '>'
            continue

        # end tag
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
        while not _is_space(at(i)) and at(i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].lower()
        while _is_space(at(i)) and at(i) != 0:
            i += 1
        if at(i) != ord(">"):
            raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, date, offset, out_pos = stack[-1]
        if end_tag and end_tag != tag:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {begin}, expected "
                f'"</{tag.decode()}>", found "</{end_tag.decode("utf-8", "replace")}>"'
            )
        if utf16 > offset:
            length = utf16 - offset
            last = entities[-1] if entities else None
            same_span = last is not None and last["offset"] == offset and last["length"] == length
            if tag in _SIMPLE_TAG_TYPES:
                entities.append({"type": _SIMPLE_TAG_TYPES[tag], "offset": offset, "length": length})
            elif tag == b"tg-emoji":
                if not argument.isdigit() or int(argument) == 0:
                    raise HtmlParseError("Invalid custom emoji identifier specified")
                entities.append(
                    {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": argument}
                )
            elif tag == b"tg-time":
                if not _date_format_ok(argument):
                    raise HtmlParseError("Invalid date format used")
                if date > 0:
                    entity: JSON = {
                        "type": "date_time",
                        "offset": offset,
                        "length": length,
                        "unix_time": date,
                    }
                    if argument:
                        entity["date_time_format"] = argument
                    entities.append(entity)
            elif tag == b"a":
                url = argument or out[out_pos:].decode("utf-8", "replace")
                # TDLib drops links it cannot validate instead of failing.
                if url.strip() and not any(ch.isspace() for ch in url):
                    entities.append({"type": "text_link", "offset": offset, "length": length, "url": url})
            elif tag == b"pre":
                if same_span and last is not None and last["type"] == "code" and last.get("_lang"):
                    last["type"] = "pre"
                    last["language"] = last.pop("_lang")
                else:
                    entities.append({"type": "pre", "offset": offset, "length": length})
            elif tag == b"code":
                if same_span and last is not None and last["type"] == "pre" and argument:
                    last["language"] = argument
                else:
                    entities.append({"type": "code", "offset": offset, "length": length, "_lang": argument})
            elif tag == b"blockquote":
                kind = "expandable_blockquote" if argument else "blockquote"
                entities.append({"type": kind, "offset": offset, "length": length})
        stack.pop()
        i += 1  # skip '>'

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0].decode()}"')
    for entity in entities:
        entity.pop("_lang", None)
    try:
        plain = out.decode("utf-8")
    except UnicodeDecodeError:
        raise HtmlParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        ) from None
    return plain, _sort_entities(entities)


def _sort_entities(entities: list[JSON]) -> list[JSON]:
    return sorted(
        entities,
        key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)),
    )


def _is_word_char(ch: str) -> bool:
    # TDLib is_word_character: Unicode letters and numbers, plus '_'.
    return ch == "_" or unicodedata.category(ch)[0] in "LN"


_USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_VALID_SHORT_USERNAMES = frozenset({"gif", "vid", "pic"})


def _match_bot_commands(text: str) -> list[tuple[int, int]]:
    # '/(?<!\b|[\/<>])\/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?!\B|[\/<>])/u'
    n = len(text)
    found = []
    for i, ch in enumerate(text):
        if ch != "/":
            continue
        if i > 0 and (_is_word_char(text[i - 1]) or text[i - 1] in "/<>"):
            continue
        j = i + 1
        while j < n and text[j] in _USERNAME_CHARS:
            j += 1
        if not 1 <= j - i - 1 <= 64:
            continue
        if j < n and text[j] == "@":
            k = j + 1
            while k < n and text[k] in _USERNAME_CHARS:
                k += 1
            if not 3 <= k - j - 1 <= 32:
                continue
            j = k
        if j < n and (_is_word_char(text[j]) or text[j] in "/<>"):
            continue
        found.append((i, j))
    return found


def _match_mentions(text: str) -> list[tuple[int, int]]:
    # '/(?<=\B)@([a-zA-Z0-9_]{2,32})(?=\b)/u' + TDLib's short-username filter
    n = len(text)
    found = []
    for i, ch in enumerate(text):
        if ch != "@":
            continue
        if i > 0 and _is_word_char(text[i - 1]):
            continue
        j = i + 1
        while j < n and text[j] in _USERNAME_CHARS:
            j += 1
        size = j - i - 1
        if not 2 <= size <= 32:
            continue
        if j < n and _is_word_char(text[j]):
            continue
        if size < 4 and text[i + 1 : j].lower() not in _VALID_SHORT_USERNAMES:
            continue
        found.append((i, j))
    return found


def find_text_entities(text: str) -> list[JSON]:
    """Entities Telegram attaches to a user's plain message: ``bot_command`` and
    ``mention``, with UTF-16 offsets/lengths (ports of TDLib's matchers)."""
    # prefix[k] = UTF-16 length of text[:k]
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (2 if ord(ch) > 0xFFFF else 1))
    entities = [
        {"type": "bot_command", "offset": prefix[a], "length": prefix[b] - prefix[a]}
        for a, b in _match_bot_commands(text)
    ]
    entities += [
        {"type": "mention", "offset": prefix[a], "length": prefix[b] - prefix[a]}
        for a, b in _match_mentions(text)
    ]
    return _sort_entities(entities)


_TRIM_CHARS = " \t\r\n\v\f"


def _trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Strip surrounding whitespace as Telegram does, shifting/clipping entities."""
    left = len(text) - len(text.lstrip(_TRIM_CHARS))
    stripped = text.strip(_TRIM_CHARS)
    if not stripped:
        return "", []
    shift = utf16_len(text[:left])
    limit = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


@dataclass
class UploadedFile:
    """A multipart file part received from the bot (e.g. ``sendDocument``)."""

    field_name: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class ApiCall:
    """One HTTP request to ``/bot<token>/<method>``, recorded on arrival.

    ``status`` is ``None`` while the request is pending (long polls), the HTTP
    status once answered, and :data:`DROP` (0) if the connection was dropped.
    """

    index: int
    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    token: str
    http_method: str
    content_type: str
    received_at: float
    status: int | None = None
    response: JSON | None = None
    fault: bool = False  # True if the answer came from fail_next()
    _request: web.Request | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return bool(self.response and self.response.get("ok"))

    @property
    def result(self) -> Any:
        """The ``result`` of a successful call (e.g. the sent Message dict)."""
        return self.response.get("result") if self.response else None

    @property
    def description(self) -> str | None:
        return self.response.get("description") if self.response else None


@dataclass
class ApiError:
    """A Telegram-style error returned because the bot broke an API rule."""

    method: str
    error_code: int
    description: str
    params: dict[str, Any]
    call_index: int


@dataclass
class StoredFile:
    """A file the bot can fetch with getFile + download (or that it uploaded)."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.content)

    def as_document(self) -> JSON:
        doc: JSON = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name is not None:
            doc["file_name"] = self.file_name
        if self.mime_type is not None:
            doc["mime_type"] = self.mime_type
        return doc


@dataclass
class _Fault:
    status: int
    retry_after: int
    remaining: int
    description: str | None


@dataclass
class _Poll:
    superseded: bool = False


class BotApiError(Exception):
    """Raised by method implementations; becomes a Telegram error response."""

    def __init__(
        self,
        error_code: int,
        description: str,
        *,
        parameters: JSON | None = None,
        record: bool = True,
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters
        self.record = record

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(description: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {description}")


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise _bad_request(f"invalid {name} specified")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise _bad_request(f"invalid {name} specified")


def _file_id(prefix: str = "BQACAgIAAxkBAAI") -> tuple[str, str]:
    return prefix + secrets.token_urlsafe(24), "AgAD" + secrets.token_urlsafe(6)


# --------------------------------------------------------------------------
# The stub server
# --------------------------------------------------------------------------

Handler = Callable[[ApiCall, dict[str, Any]], Awaitable[Any]]


class BotApiUrls:
    """The two base URLs a bot is pointed at, under a stub's root :attr:`url`."""

    url: str

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``."""
        return f"{self.url}/file/bot"


class BotApiStub(BotApiUrls):
    """Local Telegram Bot API server; see the module docstring.

    All state is public for assertions: :attr:`calls`, :attr:`errors`,
    :attr:`unknown_methods`, :attr:`downloads`, :attr:`commands`,
    :attr:`files`, :attr:`webhook`.  Inject updates with the ``inject_*``
    helpers (synchronous; call them from the test's event loop).
    """

    def __init__(
        self,
        *,
        username: str = "CorpusTestBot",
        bot_id: int = 424242,
        first_name: str = "Corpus Test Bot",
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        strict_html_ampersand: bool = True,
        can_read_all_group_messages: bool = False,
    ) -> None:
        """
        Args:
            username: the bot's username returned by getMe (without ``@``).
            bot_id: the bot's user id.
            first_name: the bot's display name.
            token: if given, requests with another token get 401 Unauthorized;
                by default any well-formed token (``<digits>:<chars>``) works.
            host, port: where to listen; port 0 picks a free port.
            strict_html_ampersand: reject a bare ``&`` in HTML (see module doc).
            can_read_all_group_messages: the getMe flag (privacy mode off).
        """
        self.username = username
        self.bot_id = bot_id
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": can_read_all_group_messages,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.strict_html_ampersand = strict_html_ampersand
        self._token = token
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._closing = False

        self.calls: list[ApiCall] = []
        self.errors: list[ApiError] = []
        self.unknown_methods: list[str] = []
        self.downloads: list[str] = []
        #: Bot commands per ``(scope_key, language_code)``; see :meth:`scope_key`.
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        #: Current webhook settings (``None`` when no webhook is set).
        self.webhook: JSON | None = None
        #: Registered files by file_id (injected ones and ones the bot uploaded).
        self.files: dict[str, StoredFile] = {}

        self._files_by_path: dict[str, StoredFile] = {}
        self._updates: list[JSON] = []
        self._next_update_id = 560_000_001
        self._allowed_updates: frozenset[str] = _DEFAULT_ALLOWED_UPDATES
        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = {}
        self._callback_queries: dict[str, JSON] = {}
        self._inline_queries: dict[str, JSON] = {}
        self._answered_queries: set[str] = set()
        self._chat_instances: dict[int, str] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[float]] = {}
        self._consumed: set[int] = set()
        self._active_poll: _Poll | None = None
        self._update_signal = asyncio.Event()
        self._call_signal = asyncio.Event()

        self._handlers: dict[str, Handler] = {
            "getme": self._get_me,
            "logout": self._true,
            "close": self._true,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "answerinlinequery": self._answer_inline_query,
            "sendchataction": self._send_chat_action,
            "getfile": self._get_file,
            "senddocument": self._send_document,
            "sendphoto": self._send_photo,
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start listening on ``host:port`` (a free port by default); prefer ``async with``.

        An instance serves one start/stop cycle."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        self._closing = True
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiStub:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://{self._host}:{self._port}"

    # ------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail.

        ``status=429`` answers HTTP 429 ``Too Many Requests: retry after N`` with
        ``parameters.retry_after``; ``status=DROP`` (0) closes the connection
        without a response; any other status answers that HTTP code with a
        Telegram-style body.  ``method`` is case-insensitive, ``"*"`` matches
        every API method and :data:`FILE_DOWNLOAD` targets file downloads.
        Faulted calls are recorded in :attr:`calls` (``fault=True``) but not in
        :attr:`errors`.
        """
        if times < 1:
            raise ValueError("times must be >= 1")
        self._faults.setdefault(method.lower(), []).append(
            _Fault(status=status, retry_after=retry_after, remaining=times, description=description)
        )

    def drop_next(self, method: str, times: int = 1) -> None:
        """Shorthand for ``fail_next(method, status=DROP, times=times)``."""
        self.fail_next(method, status=DROP, times=times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """A slow Bot API: the next ``times`` calls of ``method`` are carried out (a message is
        sent all the same) but answered only ``seconds`` later, past a client's read timeout."""
        self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    def _take_fault(self, method: str) -> _Fault | None:
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            if queue:
                fault = queue[0]
                fault.remaining -= 1
                if fault.remaining <= 0:
                    queue.pop(0)
                return fault
        return None

    @staticmethod
    def _fault_payload(fault: _Fault) -> JSON:
        if fault.status == 429:
            return {
                "ok": False,
                "error_code": 429,
                "description": fault.description or f"Too Many Requests: retry after {fault.retry_after}",
                "parameters": {"retry_after": fault.retry_after},
            }
        return {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description or _FAULT_DESCRIPTIONS.get(fault.status, "Injected failure"),
        }

    # ------------------------------------------------------------ waiting helpers

    def _notify_calls(self) -> None:
        signal, self._call_signal = self._call_signal, asyncio.Event()
        signal.set()

    def _wake_pollers(self) -> None:
        signal, self._update_signal = self._update_signal, asyncio.Event()
        signal.set()

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        *,
        since: int = 0,
    ) -> ApiCall:
        """Wait until an answered call of ``method`` (``"*"`` = any) matching
        ``predicate`` exists, and return it.

        Each call is returned by at most one ``wait_for``, so consecutive waits
        yield consecutive calls.  ``since`` skips calls with a smaller
        :attr:`ApiCall.index` (e.g. ``since=len(stub.calls)``).  Raises
        :class:`TimeoutError` listing what did arrive.
        """
        wanted = method.lower()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            signal = self._call_signal
            for call in self.calls[since:]:
                if call.status is None or call.index in self._consumed:
                    continue
                if wanted not in ("*", call.method.lower()):
                    continue
                if predicate is None or predicate(call):
                    self._consumed.add(call.index)
                    return call
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [f"{c.method}->{c.status}" for c in self.calls[since:]]
                raise TimeoutError(
                    f"no matching {method!r} call within {timeout}s; calls: {seen}; "
                    f"errors: {[e.description for e in self.errors]}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(signal.wait(), remaining)

    def sent_messages(
        self, chat_id: int | str | None = None, *, include_failed: bool = False
    ) -> list[ApiCall]:
        """Answered ``sendMessage``/``editMessageText`` calls, optionally for one
        chat; only successful ones unless ``include_failed``."""
        wanted = {"sendmessage", "editmessagetext"}
        return [
            c
            for c in self.calls
            if c.method.lower() in wanted
            and c.status is not None
            and (include_failed or c.ok)
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Plain texts (after HTML parsing) of successful sends/edits."""
        return [
            c.result["text"]
            for c in self.sent_messages(chat_id)
            if isinstance(c.result, dict) and "text" in c.result
        ]

    def get_message(self, chat_id: int, message_id: int) -> JSON | None:
        """Current state of a stored message (bot-sent or injected), or None."""
        return self._messages.get((chat_id, message_id))

    def assert_no_errors(self) -> None:
        """Fail with all recorded API rule violations, if any."""
        if self.errors:
            lines = [f"{e.method}: {e.description}" for e in self.errors]
            raise AssertionError("Bot API errors:\n" + "\n".join(lines))

    @property
    def pending_updates(self) -> list[JSON]:
        """Injected updates not yet confirmed by the bot (via getUpdates offset)."""
        return list(self._updates)

    # ------------------------------------------------------------ update builders

    def make_user(
        self,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
        is_bot: bool = False,
    ) -> JSON:
        """Build (and remember) a Telegram ``User`` object."""
        user: JSON = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
        if last_name is not None:
            user["last_name"] = last_name
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def make_group(
        self,
        chat_id: int = DEFAULT_GROUP_ID,
        title: str = "مجموعة الاختبار",
        *,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> JSON:
        """Build (and remember) a group/supergroup ``Chat``."""
        if chat_type not in ("group", "supergroup"):
            raise ValueError("chat_type must be 'group' or 'supergroup'")
        chat: JSON = {"id": chat_id, "title": title, "type": chat_type}
        if username is not None:
            chat["username"] = username
        self._chats[chat_id] = chat
        return chat

    def make_channel(
        self,
        chat_id: int = DEFAULT_CHANNEL_ID,
        title: str = "أخبار الاختبار",
        *,
        username: str | None = "corpus_test_news",
    ) -> JSON:
        """Build (and remember) a channel ``Chat``."""
        chat: JSON = {"id": chat_id, "title": title, "type": "channel"}
        if username is not None:
            chat["username"] = username
        self._chats[chat_id] = chat
        return chat

    def _private_chat(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if key in user:
                chat[key] = user[key]
        self._chats[user["id"]] = chat
        return chat

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    @staticmethod
    def _reply_copy(message: JSON) -> JSON:
        # Telegram never nests reply_to_message more than one level deep.
        return {k: v for k, v in message.items() if k != "reply_to_message"}

    def _user_message(
        self,
        chat: JSON,
        *,
        user: JSON | None,
        text: str | None = None,
        entities: list[JSON] | None = None,
        reply_to: JSON | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> JSON:
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
        }
        if user is not None:
            message["from"] = user
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        if reply_to is not None:
            message["reply_to_message"] = self._reply_copy(reply_to)
        if text is not None:
            message["text"] = text
            found = find_text_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
        if extra:
            message.update(extra)
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def inject_update(self, update: Mapping[str, Any]) -> JSON:
        """Queue a raw update; ``update_id`` is assigned if absent."""
        data = dict(update)
        if data.get("update_id") is None:
            data["update_id"] = self._next_update_id
        if data["update_id"] < self._next_update_id:
            raise ValueError("update ids must increase monotonically")
        self._next_update_id = data["update_id"] + 1
        self._updates.append(data)
        self._wake_pollers()
        return data

    def inject_private_message(
        self,
        text: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
        username: str | None = None,
        entities: list[JSON] | None = None,
        reply_to: JSON | None = None,
    ) -> JSON:
        """A user writes ``text`` to the bot in a private chat.

        ``entities`` defaults to detected bot commands/mentions (UTF-16).
        """
        user = self.make_user(user_id, first_name, language_code=language_code, username=username)
        message = self._user_message(
            self._private_chat(user), user=user, text=text, entities=entities, reply_to=reply_to
        )
        return self.inject_update({"message": message})

    def inject_group_message(
        self,
        text: str,
        *,
        chat_id: int = DEFAULT_GROUP_ID,
        chat_type: str = "supergroup",
        title: str = "مجموعة الاختبار",
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
        entities: list[JSON] | None = None,
        reply_to: JSON | None = None,
    ) -> JSON:
        """A user writes ``text`` in a group/supergroup the bot is in."""
        chat = self._chats.get(chat_id)
        if chat is None or chat["type"] not in ("group", "supergroup"):
            chat = self.make_group(chat_id, title, chat_type=chat_type)
        user = self.make_user(user_id, first_name, language_code=language_code)
        message = self._user_message(chat, user=user, text=text, entities=entities, reply_to=reply_to)
        return self.inject_update({"message": message})

    def inject_channel_post(
        self,
        text: str,
        *,
        chat_id: int = DEFAULT_CHANNEL_ID,
        title: str = "أخبار الاختبار",
        username: str | None = "corpus_test_news",
        entities: list[JSON] | None = None,
    ) -> JSON:
        """A post in a channel where the bot is an administrator."""
        chat = self._chats.get(chat_id)
        if chat is None or chat["type"] != "channel":
            chat = self.make_channel(chat_id, title, username=username)
        message = self._user_message(chat, user=None, text=text, entities=entities)
        return self.inject_update({"channel_post": message})

    def inject_edited_message(self, message: JSON, text: str) -> JSON:
        """The author edits a previously injected message to ``text``."""
        # A copy: the original update may still be queued and must keep its own text.
        stored = dict(self._lookup_message(message))
        self._messages[(stored["chat"]["id"], stored["message_id"])] = stored
        stored["text"] = text
        stored.pop("entities", None)
        found = find_text_entities(text)
        if found:
            stored["entities"] = found
        stored["edit_date"] = max(int(time.time()), stored["date"] + 1)
        kind = "edited_channel_post" if stored["chat"]["type"] == "channel" else "edited_message"
        return self.inject_update({kind: dict(stored)})

    def inject_reply(
        self,
        to_message: JSON | ApiCall | tuple[int, int],
        text: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
    ) -> JSON:
        """A user replies with ``text`` to a stored message, typically one the bot
        sent (pass the ``ApiCall``, its ``result`` or ``(chat_id, message_id)``)."""
        target = self._lookup_message(to_message)
        user = self.make_user(user_id, first_name, language_code=language_code)
        chat = target["chat"]
        if chat["type"] == "private":
            chat = self._private_chat(user)
        message = self._user_message(chat, user=user, text=text, reply_to=target)
        return self.inject_update({"message": message})

    def inject_callback_query(
        self,
        message: JSON | ApiCall | tuple[int, int],
        data: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
        check_button: bool = True,
    ) -> JSON:
        """A user presses an inline button with ``data`` under a stored message.

        With ``check_button`` the data must belong to a button currently shown
        on that message (Telegram clients cannot send anything else).
        """
        target = self._lookup_message(message)
        if check_button:
            buttons = [
                b.get("callback_data")
                for row in target.get("reply_markup", {}).get("inline_keyboard", [])
                for b in row
            ]
            if data not in buttons:
                raise ValueError(f"message has no button with callback_data {data!r}: {buttons}")
        user = self.make_user(user_id, first_name, language_code=language_code)
        query_id = str(secrets.randbits(62))
        chat_id = target["chat"]["id"]
        instance = self._chat_instances.setdefault(chat_id, str(secrets.randbits(62)))
        query = {
            "id": query_id,
            "from": user,
            "message": dict(target),
            "chat_instance": instance,
            "data": data,
        }
        self._callback_queries[query_id] = query
        return self.inject_update({"callback_query": query})

    def inject_inline_query(
        self,
        query: str,
        *,
        offset: str = "",
        chat_type: str | None = "sender",
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
    ) -> JSON:
        """A user types ``@bot query`` in some chat."""
        user = self.make_user(user_id, first_name, language_code=language_code)
        inline: JSON = {
            "id": str(secrets.randbits(62)),
            "from": user,
            "query": query,
            "offset": offset,
        }
        if chat_type is not None:
            inline["chat_type"] = chat_type
        self._inline_queries[inline["id"]] = inline
        return self.inject_update({"inline_query": inline})

    def add_file(
        self,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        folder: str = "documents",
        file_id_prefix: str = "BQACAgIAAxkBAAI",
    ) -> StoredFile:
        """Register bytes downloadable via getFile + ``base_file_url``."""
        file_id, unique_id = _file_id(file_id_prefix)
        ext = ""
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=unique_id,
            file_path=f"{folder}/file_{len(self.files)}{ext}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _sender_chat(self, chat_id: int | None, user: JSON) -> JSON:
        if chat_id is None or chat_id == user["id"]:
            return self._private_chat(user)
        return self._chats.get(chat_id) or self.make_group(chat_id)

    def inject_document(
        self,
        content: bytes | StoredFile,
        *,
        file_name: str = "article.txt",
        mime_type: str = "text/plain",
        caption: str | None = None,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
    ) -> JSON:
        """A user sends a document (private chat unless ``chat_id`` is a group)."""
        stored = (
            content
            if isinstance(content, StoredFile)
            else self.add_file(content, file_name=file_name, mime_type=mime_type)
        )
        user = self.make_user(user_id, first_name, language_code=language_code)
        extra: JSON = {"document": stored.as_document()}
        if caption is not None:
            extra["caption"] = caption
            found = find_text_entities(caption)
            if found:
                extra["caption_entities"] = found
        message = self._user_message(self._sender_chat(chat_id, user), user=user, extra=extra)
        return self.inject_update({"message": message})

    def inject_photo(
        self,
        content: bytes = b"\xff\xd8\xff\xe0fake-jpeg",
        *,
        caption: str | None = None,
        width: int = 1280,
        height: int = 720,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
    ) -> JSON:
        """A user sends a photo (three PhotoSize variants, like Telegram)."""
        user = self.make_user(user_id, first_name, language_code=language_code)
        sizes = []
        for scale in (8, 2, 1):
            stored = self.add_file(
                content, mime_type="image/jpeg", folder="photos", file_id_prefix="AgACAgIAAxkBAAI"
            )
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": stored.file_size,
                    "width": width // scale,
                    "height": height // scale,
                }
            )
        extra: JSON = {"photo": sizes}
        if caption is not None:
            extra["caption"] = caption
        message = self._user_message(self._sender_chat(chat_id, user), user=user, extra=extra)
        return self.inject_update({"message": message})

    def inject_sticker(
        self,
        emoji: str = "👍",
        *,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = DEFAULT_FIRST_NAME,
        language_code: str | None = DEFAULT_LANGUAGE_CODE,
    ) -> JSON:
        """A user sends a (static, regular) sticker."""
        user = self.make_user(user_id, first_name, language_code=language_code)
        stored = self.add_file(
            b"RIFF\x00\x00\x00\x00WEBPVP8 ",
            mime_type="image/webp",
            folder="stickers",
            file_id_prefix="CAACAgIAAxkBAAI",
        )
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.file_size,
        }
        message = self._user_message(self._sender_chat(chat_id, user), user=user, extra={"sticker": sticker})
        return self.inject_update({"message": message})

    def _lookup_message(self, ref: JSON | ApiCall | tuple[int, int]) -> JSON:
        if isinstance(ref, ApiCall):
            ref = ref.result
        if isinstance(ref, tuple):
            key = ref
        elif isinstance(ref, Mapping) and "chat" in ref and "message_id" in ref:
            key = (ref["chat"]["id"], ref["message_id"])
        else:
            raise ValueError(f"not a message reference: {ref!r}")
        stored = self._messages.get(key)
        if stored is None:
            raise ValueError(f"no stored message {key}")
        return stored

    # ------------------------------------------------------------ HTTP plumbing

    @staticmethod
    def _coerce(name: str, value: str) -> Any:
        if name in _STRING_PARAMS:
            return value
        if value[:1] in '{["-0123456789' or value in ("true", "false", "null"):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {k: self._coerce(k, v) for k, v in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.read()
            if body.strip():
                try:
                    decoded = json.loads(body)
                except ValueError:
                    raise _bad_request("can't parse JSON encoded request body") from None
                if not isinstance(decoded, dict):
                    raise _bad_request("JSON request body must be an object")
                for key, value in decoded.items():
                    if key in _JSON_PARAMS and isinstance(value, str):
                        with contextlib.suppress(ValueError):
                            value = json.loads(value)
                    params[key] = value
        elif request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(key, value.filename, value.content_type, value.file.read())
                else:
                    params[key] = self._coerce(key, str(value))
        return params, files

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method = request.match_info["method"]
        call = ApiCall(
            index=len(self.calls),
            method=method,
            params={},
            files={},
            token=token,
            http_method=request.method,
            content_type=request.content_type,
            received_at=time.monotonic(),
            _request=request,
        )
        self.calls.append(call)
        try:
            call.params, call.files = await self._read_params(request)
            if not _TOKEN_RE.match(token):
                raise BotApiError(404, "Not Found")
            if self._token is not None and token != self._token:
                raise BotApiError(401, "Unauthorized")
            fault = self._take_fault(method)
            if fault is not None:
                call.fault = True
                if fault.status == DROP:
                    call.status = DROP
                    if request.transport is not None:
                        request.transport.close()
                    return web.Response()
                call.status = fault.status
                call.response = self._fault_payload(fault)
                return web.json_response(call.response, status=call.status)
            handler = self._handlers.get(method.lower())
            if handler is None:
                self.unknown_methods.append(method)
                _log.info("BotApiStub: unknown method %s recorded, answering true", method)
                result: Any = True
            else:
                result = await handler(call, call.params)
            call.status = 200
            call.response = {"ok": True, "result": result}
            if delays := self._delays.get(method.lower()):
                await asyncio.sleep(delays.pop(0))
        except BotApiError as exc:
            call.status = exc.error_code
            call.response = exc.payload()
            if exc.record:
                self.errors.append(ApiError(method, exc.error_code, exc.description, call.params, call.index))
                _log.info("BotApiStub: %s -> %s", method, exc.description)
        finally:
            call._request = None
            self._notify_calls()
        return web.json_response(call.response, status=call.status)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        path = request.match_info["path"]
        self.downloads.append(path)
        if not _TOKEN_RE.match(token) or (self._token is not None and token != self._token):
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        fault = self._take_fault(FILE_DOWNLOAD)
        if fault is not None:
            if fault.status == DROP:
                if request.transport is not None:
                    request.transport.close()
                return web.Response()
            return web.json_response(self._fault_payload(fault), status=fault.status)
        stored = self._files_by_path.get(path)
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")

    # ------------------------------------------------------------ validation helpers

    def _format(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        limit: int,
        empty_ok: bool = False,
        too_long: str = "message is too long",
    ) -> tuple[str, list[JSON]]:
        """Apply parse_mode, trim and length-check like Telegram."""
        if text is None or text == "":
            if empty_ok:
                return "", []
            raise _bad_request("message text is empty")
        text = str(text)
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                plain, parsed = parse_html(text, strict_ampersand=self.strict_html_ampersand)
            except HtmlParseError as exc:
                raise _bad_request(f"can't parse entities: {exc}") from None
        elif mode in ("markdown", "markdownv2"):
            plain, parsed = text, []  # accepted, not validated (see module doc)
        elif mode == "":
            plain = text
            parsed = [dict(e) for e in entities] if isinstance(entities, list) else []
        else:
            raise _bad_request("unsupported parse_mode")
        plain, parsed = _trim(plain, parsed)
        if not plain and not empty_ok:
            raise _bad_request("message text is empty")
        if utf16_len(plain) > limit:
            raise _bad_request(too_long)
        return plain, parsed

    def _check_reply_markup(self, markup: Any) -> JSON | None:
        if markup is None:
            return None
        if isinstance(markup, str):
            try:
                markup = json.loads(markup)
            except ValueError:
                raise _bad_request("can't parse reply keyboard markup JSON object") from None
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    self._check_inline_button(button)
        return markup

    @staticmethod
    def _check_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise _bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        if not isinstance(button.get("text"), str):
            raise _bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
        if not button["text"].strip():
            raise _bad_request("BUTTON_TEXT_INVALID")
        actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
        if not actions:
            raise _bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            size = len(str(data).encode("utf-8"))
            if not isinstance(data, str) or not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
        if "url" in button and not str(button["url"]).strip():
            raise _bad_request("BUTTON_URL_INVALID")

    def _resolve_chat(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return chat
            raise _bad_request("chat not found")
        cid = _as_int(chat_id, "chat_id")
        chat = self._chats.get(cid)
        if chat is None:
            if cid > 0:
                chat = {"id": cid, "type": "private", "first_name": f"User {cid}"}
            else:
                kind = "supergroup" if str(cid).startswith("-100") else "group"
                chat = {"id": cid, "type": kind, "title": f"Chat {cid}"}
            self._chats[cid] = chat
        return chat

    def _reply_target(self, chat: JSON, params: Mapping[str, Any]) -> JSON | None:
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        if not reply:
            return None
        target_chat = self._resolve_chat(reply["chat_id"]) if "chat_id" in reply else chat
        key = (target_chat["id"], _as_int(reply.get("message_id"), "message_id"))
        target = self._messages.get(key)
        if target is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise _bad_request("message to be replied not found")
        return target

    def _bot_message(self, chat: JSON, params: Mapping[str, Any], content: JSON) -> JSON:
        reply_to = self._reply_target(chat, params)
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
        }
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        else:
            message["from"] = self.bot_user
        if reply_to is not None:
            message["reply_to_message"] = self._reply_copy(reply_to)
        message.update(content)
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _target_message(self, params: Mapping[str, Any], *, action: str) -> JSON | None:
        """Message addressed by chat_id+message_id; None for inline messages."""
        if params.get("inline_message_id"):
            return None
        if params.get("message_id") is None:
            raise _bad_request("message identifier is not specified")
        chat = self._resolve_chat(params.get("chat_id"))
        key = (chat["id"], _as_int(params["message_id"], "message_id"))
        message = self._messages.get(key)
        if message is None:
            raise _bad_request(f"message to {action} not found")
        return message

    @staticmethod
    def _inline_markup(markup: JSON | None) -> JSON | None:
        # Only inline keyboards are part of a Message; reply keyboards are not echoed.
        return markup if markup and "inline_keyboard" in markup else None

    @staticmethod
    def scope_key(scope: Mapping[str, Any] | None) -> str:
        """Key of :attr:`commands` for a BotCommandScope dict: ``"default"``,
        ``"all_private_chats"``, ``"chat:<id>"``, ``"chat_member:<chat>:<user>"``..."""
        if not scope:
            return "default"
        parts = [str(scope.get("type"))]
        for key in ("chat_id", "user_id"):
            if key in scope:
                parts.append(str(scope[key]))
        return ":".join(parts)

    # ------------------------------------------------------------ Bot API methods

    async def _true(self, call: ApiCall, params: dict[str, Any]) -> bool:
        return True

    async def _get_me(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        return dict(self.bot_user)

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _select_updates(self, offset: int, limit: int) -> list[JSON]:
        allowed = self._allowed_updates
        batch = []
        for update in self._updates:
            if offset > 0 and update["update_id"] < offset:
                continue
            kind = next((k for k in update if k != "update_id"), None)
            if kind not in allowed:
                continue
            batch.append(update)
            if len(batch) >= limit:
                break
        return batch

    async def _get_updates(self, call: ApiCall, params: dict[str, Any]) -> list[JSON]:
        if self.webhook is not None:
            raise BotApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is "
                "active; use deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset", 0), "offset")
        limit = min(max(_as_int(params.get("limit", 100), "limit"), 1), 100)
        timeout = max(float(params.get("timeout", 0) or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else _DEFAULT_ALLOWED_UPDATES
        self._confirm(offset)
        request = call._request
        if self._active_poll is not None:
            self._active_poll.superseded = True
            self._wake_pollers()
        poll = self._active_poll = _Poll()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                signal = self._update_signal
                batch = self._select_updates(offset, limit)
                if batch:
                    return batch
                if poll.superseded:
                    # Telegram answers the older of two concurrent polls with 409.  The
                    # older one is usually a poll PTB already abandoned (cancelled on
                    # stop), so only count it as an error if its client is still there.
                    for _ in range(20):
                        if request is None or request.transport is None:
                            break
                        await asyncio.sleep(0.01)
                    alive = request is not None and request.transport is not None
                    raise BotApiError(409, _FAULT_DESCRIPTIONS[409], record=alive)
                remaining = deadline - loop.time()
                if self._closing or remaining <= 0:
                    return []
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(signal.wait(), remaining)
        finally:
            if self._active_poll is poll:
                self._active_poll = None

    async def _set_webhook(self, call: ApiCall, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return await self._delete_webhook(call, params)
        if not url.lower().startswith("https://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {
            "url": url,
            "max_connections": _as_int(params.get("max_connections", 40), "max_connections"),
        }
        for key in ("allowed_updates", "ip_address", "secret_token"):
            if params.get(key) is not None:
                self.webhook[key] = params[key]
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, call: ApiCall, params: dict[str, Any]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        info: JSON = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info["url"] = self.webhook["url"]
            info["max_connections"] = self.webhook["max_connections"]
            for key in ("allowed_updates", "ip_address"):
                if key in self.webhook:
                    info[key] = self.webhook[key]
        return info

    def _commands_key(self, params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
                raise _bad_request("unsupported bot command scope type")
            if scope["type"] in ("chat", "chat_administrators", "chat_member"):
                self._resolve_chat(scope.get("chat_id"))
        return self.scope_key(scope), str(params.get("language_code") or "")

    async def _set_my_commands(self, call: ApiCall, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            name = command.get("command") if isinstance(command, dict) else None
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad_request("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        if commands:
            self.commands[key] = [dict(c) for c in commands]
        else:
            self.commands.pop(key, None)
        return True

    async def _get_my_commands(self, call: ApiCall, params: dict[str, Any]) -> list[JSON]:
        return [dict(c) for c in self.commands.get(self._commands_key(params), [])]

    async def _delete_my_commands(self, call: ApiCall, params: dict[str, Any]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _send_message(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        text, entities = self._format(
            params.get("text"), params.get("parse_mode"), params.get("entities"), limit=MAX_MESSAGE_LENGTH
        )
        markup = self._check_reply_markup(params.get("reply_markup"))
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        inline = self._inline_markup(markup)
        if inline:
            content["reply_markup"] = inline
        return self._bot_message(chat, params, content)

    def _check_editable(self, message: JSON) -> None:
        author = message.get("from", {}).get("id")
        if author != self.bot_id and message["chat"]["type"] != "channel":
            raise _bad_request("message can't be edited")

    async def _edit_message_text(self, call: ApiCall, params: dict[str, Any]) -> JSON | bool:
        message = self._target_message(params, action="edit")
        text, entities = self._format(
            params.get("text"), params.get("parse_mode"), params.get("entities"), limit=MAX_MESSAGE_LENGTH
        )
        markup = self._inline_markup(self._check_reply_markup(params.get("reply_markup")))
        if message is None:
            return True  # inline message: nothing stored to compare with
        self._check_editable(message)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        if (
            message["text"] == text
            and message.get("entities", []) == entities
            and message.get("reply_markup") == markup
        ):
            raise _bad_request(_NOT_MODIFIED)
        message["text"] = text
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        # Like Telegram, omitting reply_markup on an edit removes the keyboard.
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return dict(message)

    async def _edit_message_reply_markup(self, call: ApiCall, params: dict[str, Any]) -> JSON | bool:
        message = self._target_message(params, action="edit")
        markup = self._inline_markup(self._check_reply_markup(params.get("reply_markup")))
        if message is None:
            return True
        self._check_editable(message)
        if message.get("reply_markup") == markup:
            raise _bad_request(_NOT_MODIFIED)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return dict(message)

    async def _delete_message(self, call: ApiCall, params: dict[str, Any]) -> bool:
        chat = self._resolve_chat(params.get("chat_id"))
        key = (chat["id"], _as_int(params.get("message_id"), "message_id"))
        if self._messages.pop(key, None) is None:
            raise _bad_request("message to delete not found")
        return True

    async def _answer_callback_query(self, call: ApiCall, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._callback_queries or query_id in self._answered_queries:
            raise _bad_request(_QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._answered_queries.add(query_id)
        return True

    async def _answer_inline_query(self, call: ApiCall, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._inline_queries or query_id in self._answered_queries:
            raise _bad_request(_QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise _bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or not result.get("type"):
                raise _bad_request("RESULT_TYPE_INVALID")
            result_id = result.get("id")
            if (
                not isinstance(result_id, str)
                or not 1 <= len(result_id.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES
            ):
                raise _bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise _bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                self._format(
                    content.get("message_text"),
                    content.get("parse_mode"),
                    content.get("entities"),
                    limit=MAX_MESSAGE_LENGTH,
                )
            self._check_reply_markup(result.get("reply_markup"))
        next_offset = params.get("next_offset")
        if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
            raise _bad_request("NEXT_OFFSET_INVALID")
        self._answered_queries.add(query_id)
        return True

    async def _send_chat_action(self, call: ApiCall, params: dict[str, Any]) -> bool:
        self._resolve_chat(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    async def _get_file(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        stored = self.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise _bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    def _incoming_file(self, call: ApiCall, name: str, folder: str) -> StoredFile:
        upload = call.files.get(name)
        if upload is not None:
            return self.add_file(
                upload.content, file_name=upload.filename, mime_type=upload.content_type, folder=folder
            )
        reference = call.params.get(name)
        if isinstance(reference, str) and reference in self.files:
            return self.files[reference]
        if isinstance(reference, str) and reference.startswith(("http://", "https://")):
            return self.add_file(b"", file_name=reference.rsplit("/", 1)[-1], folder=folder)
        raise _bad_request(f"there is no {name} in the request")

    def _caption_content(self, params: Mapping[str, Any]) -> JSON:
        caption, entities = self._format(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=MAX_CAPTION_LENGTH,
            empty_ok=True,
            too_long="message caption is too long",
        )
        content: JSON = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    async def _send_document(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        content = self._caption_content(params)
        markup = self._inline_markup(self._check_reply_markup(params.get("reply_markup")))
        stored = self._incoming_file(call, "document", "documents")
        content["document"] = stored.as_document()
        if markup:
            content["reply_markup"] = markup
        return self._bot_message(chat, params, content)

    async def _send_photo(self, call: ApiCall, params: dict[str, Any]) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        content = self._caption_content(params)
        markup = self._inline_markup(self._check_reply_markup(params.get("reply_markup")))
        stored = self._incoming_file(call, "photo", "photos")
        content["photo"] = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
                "width": 1280,
                "height": 720,
            }
        ]
        if markup:
            content["reply_markup"] = markup
        return self._bot_message(chat, params, content)
