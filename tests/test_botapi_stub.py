"""The Bot API stub against the real python-telegram-bot stack (no PTB mocks).

Every async test body runs through :func:`run`, which uses a fresh event loop
and fails if any task is still pending once the body (including the full
updater.stop / app.stop / app.shutdown sequence) has finished, or if PTB,
asyncio or unclosed resources emitted warnings.
"""

import contextlib
import logging
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from async_runner import run
from botapi_stub import DROP, BotApiStub, find_text_entities, parse_html, utf16_len
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Conflict, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

TOKEN = "123:ABC"
WAIT = 5.0  # generous upper bound for wait_for; tests normally finish in milliseconds


@contextlib.asynccontextmanager
async def running_bot(
    stub: BotApiStub, *handlers: BaseHandler, rate_limiter: AIORateLimiter | None = None
) -> AsyncIterator[tuple[Application, list[BaseException]]]:
    """A real Application long-polling the stub; yields it with the list of
    exceptions its handlers raised."""
    builder = ApplicationBuilder().token(TOKEN).base_url(stub.base_url).base_file_url(stub.base_file_url)
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    for handler in handlers:
        app.add_handler(handler)
    handler_errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        handler_errors.append(context.error)

    app.add_error_handler(on_error)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app, handler_errors
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


@contextlib.asynccontextmanager
async def plain_bot(stub: BotApiStub) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=stub.base_url, base_file_url=stub.base_file_url) as bot:
        yield bot


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("عن <p>", 'Unsupported start tag "p" at byte offset 5'),  # UTF-8 byte offsets, like Telegram
    ],
)
def test_parse_html_rejects_like_tdlib(html: str, error: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(error)):
        parse_html(html)


def test_parse_html_entities_and_ampersands() -> None:
    text, entities = parse_html(
        '📰 <b>عاجل <i>جدا</i></b> &lt;&#x41;&gt; <pre><code class="language-py">1</code></pre>'
    )
    assert text == "📰 عاجل جدا <A> 1"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 8},  # the emoji is 2 UTF-16 units
        {"type": "italic", "offset": 8, "length": 3},
        {"type": "pre", "offset": 16, "length": 1, "language": "py"},
    ]
    # Telegram keeps a bare "&" literally; the stub is stricter unless told otherwise.
    assert parse_html("Tom & Jerry")[0] == "Tom & Jerry"
    with pytest.raises(ValueError, match='Unescaped "&"'):
        parse_html("Tom & Jerry", strict_ampersand=True)
    assert parse_html("Tom &amp; Jerry &quot;x&quot;", strict_ampersand=True)[0] == 'Tom & Jerry "x"'


def test_find_text_entities_uses_utf16_offsets() -> None:
    text = "📰 /ask@CorpusTestBot ما هو @corpus_editor"
    assert find_text_entities(text) == [
        {"type": "bot_command", "offset": 3, "length": 18},
        {"type": "mention", "offset": 28, "length": 14},
    ]
    assert utf16_len("📰") == 2
    # not commands: inside a word, a path, or an over-short @bot suffix; short mentions are dropped
    assert find_text_entities("a/b /x/y /ask@ab @abc") == []


# ---------------------------------------------------------------- with PTB


def test_echo_roundtrip_with_real_application() -> None:
    seen: dict[str, object] = {}

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen["user"] = update.effective_user
        await update.message.reply_text(f"صدى: {update.message.text}")

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(stub, MessageHandler(filters.TEXT & ~filters.COMMAND, echo)) as (app, errors),
        ):
            assert app.bot.username == "CorpusTestBot"
            assert app.bot.id == 424242
            first = stub.inject_private_message("ما آخر الأخبار؟ 📰", user_id=777, first_name="ليلى")
            call = await stub.wait_for("sendMessage", timeout=WAIT)
            assert call.params == {"chat_id": 777, "text": "صدى: ما آخر الأخبار؟ 📰"}
            # PTB posts form-urlencoded, JSON-encoding only non-string values
            assert call.content_type == "application/x-www-form-urlencoded"
            assert call.result["chat"] == {"id": 777, "type": "private", "first_name": "ليلى"}
            assert call.result["from"]["id"] == 424242
            assert "reply_to_message" not in call.result  # PTB doesn't quote in private chats

            second = stub.inject_private_message("ثانية", user_id=777, first_name="ليلى")
            assert second["update_id"] == first["update_id"] + 1
            # the bot's reply took the message id in between
            assert second["message"]["message_id"] == first["message"]["message_id"] + 2
            await stub.wait_for("sendMessage", timeout=WAIT)
            assert stub.sent_texts(777) == ["صدى: ما آخر الأخبار؟ 📰", "صدى: ثانية"]
            assert seen["user"].language_code == "ar"
            assert [c.method for c in stub.calls[:3]] == ["getMe", "deleteWebhook", "getUpdates"]
        assert not errors
        stub.assert_no_errors()
        assert stub.pending_updates == []  # PTB's final getUpdates confirmed everything
        assert all(c.status is not None for c in stub.calls)

    run(body)


VALID_HTML = (
    "<b>عاجل <i>جدا</i></b> &lt;نص&gt; "
    '<a href="https://example.com/?a=1&amp;b=2">رابط</a> '
    '<pre><code class="language-python">print(1)</code></pre> '
    '<tg-spoiler>سر</tg-spoiler> <span class="tg-spoiler">سر2</span> '
    "<blockquote expandable>اقتباس</blockquote>"
)


def test_invalid_html_rejected_and_valid_html_accepted() -> None:
    outcomes: list[str] = []

    async def samples(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        for text in ("<b>unclosed", "a < b", "<script>alert(1)</script>", VALID_HTML):
            try:
                await context.bot.send_message(update.effective_chat.id, text, parse_mode=ParseMode.HTML)
                outcomes.append("ok")
            except BadRequest as exc:
                outcomes.append(exc.message)

    async def body() -> None:
        async with BotApiStub() as stub, running_bot(stub, CommandHandler("html", samples)) as (app, _):
            stub.inject_private_message("/html")
            ok = await stub.wait_for("sendMessage", lambda c: c.ok, timeout=WAIT)
            assert [c.status for c in stub.calls if c.method == "sendMessage"] == [400, 400, 400, 200]
            assert [(e.error_code, e.description) for e in stub.errors] == [
                (
                    400,
                    "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
                ),
                (400, 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2'),
                (400, 'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0'),
            ]
            message = Message.de_json(ok.result, app.bot)
            assert message.text == "عاجل جدا <نص> رابط print(1) سر سر2 اقتباس"
            by_type = {e.type: text for e, text in message.parse_entities().items()}
            assert by_type == {
                MessageEntity.BOLD: "عاجل جدا",
                MessageEntity.ITALIC: "جدا",
                MessageEntity.TEXT_LINK: "رابط",
                MessageEntity.PRE: "print(1)",
                MessageEntity.SPOILER: "سر2",  # two spoilers; the dict keeps the last
                MessageEntity.EXPANDABLE_BLOCKQUOTE: "اقتباس",
            }
            link = next(e for e in message.entities if e.type == MessageEntity.TEXT_LINK)
            assert link.url == "https://example.com/?a=1&b=2"
            assert next(e for e in message.entities if e.type == MessageEntity.PRE).language == "python"
        # PTB strips "Bad Request: " and str.capitalize()s the rest of the description
        assert outcomes == [
            "Can't parse entities: can't find end tag corresponding to start tag \"b\"",
            'Can\'t parse entities: unsupported start tag "" at byte offset 2',
            'Can\'t parse entities: unsupported start tag "script" at byte offset 0',
            "ok",
        ]

    run(body)


def test_flood_wait_429_is_retried_once_by_aioratelimiter(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB >= 22.2 warns (PTBDeprecationWarning) inside RetryAfter.__init__ itself unless
    # time periods are opted in to datetime.timedelta.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("تم")

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(
                stub, MessageHandler(filters.TEXT, answer), rate_limiter=AIORateLimiter(max_retries=2)
            ) as (_, errors),
        ):
            stub.fail_next("sendMessage", status=429, retry_after=1)
            stub.inject_private_message("سؤال")
            await stub.wait_for("sendMessage", lambda c: c.ok, timeout=WAIT)
        sends = [c for c in stub.calls if c.method == "sendMessage"]
        assert [c.status for c in sends] == [429, 200]
        assert sends[0].fault and sends[0].response == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        }
        assert sends[1].received_at - sends[0].received_at >= 1.0  # the limiter honoured retry_after
        assert stub.sent_texts() == ["تم"]  # delivered exactly once
        assert not errors
        stub.assert_no_errors()  # injected faults are not API violations

    run(body)


def test_500_and_dropped_connection_surface_as_network_errors() -> None:
    async def body() -> None:
        async with BotApiStub() as stub, plain_bot(stub) as bot:
            stub.fail_next("sendMessage", status=500)
            with pytest.raises(NetworkError) as info:
                await bot.send_message(1001, "أ")
            assert not isinstance(info.value, BadRequest)
            stub.drop_next("sendMessage")
            with pytest.raises(NetworkError, match="RemoteProtocolError"):
                await bot.send_message(1001, "ب")
            assert (await bot.send_message(1001, "ج")).text == "ج"
            assert [c.status for c in stub.calls if c.method == "sendMessage"] == [500, DROP, 200]
            stub.assert_no_errors()

    run(body)


def test_document_download_roundtrip() -> None:
    async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        document = update.message.document
        tg_file = await document.get_file()
        data = await tg_file.download_as_bytearray()
        lines = data.decode("utf-8").splitlines()
        await update.message.reply_text(f"{document.file_name}: {len(data)} بايت، {len(lines)} أسطر")

    content = "سطر أول\nسطر ثان\n".encode()

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(stub, MessageHandler(filters.Document.ALL, on_document)) as (_, errors),
        ):
            update = stub.inject_document(content, file_name="مقال.txt", mime_type="text/plain")
            document = update["message"]["document"]
            assert document["file_size"] == len(content) and document["mime_type"] == "text/plain"
            reply = await stub.wait_for("sendMessage", timeout=WAIT)
            assert reply.params["text"] == f"مقال.txt: {len(content)} بايت، 2 أسطر"
            get_file = next(c for c in stub.calls if c.method == "getFile")
            assert get_file.params == {"file_id": document["file_id"]}
            assert stub.downloads == [get_file.result["file_path"]]
        assert not errors
        stub.assert_no_errors()

    run(body)


def test_command_entities_utf16_and_commandhandler() -> None:
    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        mentions = list(update.message.parse_entities([MessageEntity.MENTION]).values())
        await update.message.reply_text(f"ask:{'|'.join(context.args)} mentions:{mentions}")

    async def fallback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("fallback")

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(stub, CommandHandler("ask", ask), MessageHandler(filters.TEXT, fallback)) as (
                app,
                errors,
            ),
        ):
            # Emoji-prefixed: Telegram marks the command at UTF-16 offset 3 (emoji = 2 units) ...
            prefixed = stub.inject_group_message("📰 /ask@CorpusTestBot ما الجديد؟")
            assert prefixed["message"]["entities"] == [{"type": "bot_command", "offset": 3, "length": 18}]
            parsed = Update.de_json(prefixed, app.bot).message
            assert list(parsed.parse_entities().values()) == ["/ask@CorpusTestBot"]
            # ... but PTB's CommandHandler only accepts a command at offset 0.
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == "fallback"

            direct = stub.inject_group_message("/ask@CorpusTestBot 📰 عن @corpus_editor")
            assert direct["message"]["entities"] == [
                {"type": "bot_command", "offset": 0, "length": 18},
                {"type": "mention", "offset": 25, "length": 14},
            ]
            reply = await stub.wait_for("sendMessage", timeout=WAIT)
            assert reply.params["text"] == "ask:📰|عن|@corpus_editor mentions:['@corpus_editor']"
            # in groups PTB quotes the triggering message; the stub resolves it
            assert reply.params["reply_parameters"]["message_id"] == direct["message"]["message_id"]
            assert reply.result["reply_to_message"]["text"] == direct["message"]["text"]

            stub.inject_group_message("/ask@OtherBot hi")  # addressed to another bot
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == "fallback"
            stub.inject_private_message("/ask 📰")
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == "ask:📰 mentions:[]"
        assert not errors
        stub.assert_no_errors()

    run(body)


def test_keyboards_callbacks_edits_replies_and_inline() -> None:
    outcomes: list[str] = []

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("المزيد", callback_data="more:1")]])
        await update.message.reply_text("القائمة", reply_markup=keyboard)

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        await query.edit_message_text(f"اخترت {query.data}")
        for attempt in (
            lambda: query.edit_message_text(f"اخترت {query.data}"),  # identical -> not modified
            lambda: query.answer(),  # already answered
            lambda: query.message.reply_text(
                "x", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="x" * 65)]])
            ),
        ):
            try:
                await attempt()
            except BadRequest as exc:
                outcomes.append(exc.message)

    async def on_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"رد على {update.message.reply_to_message.message_id}")

    async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        count = 51 if update.inline_query.query == "كثير" else 3
        results = [
            InlineQueryResultArticle(
                str(i), f"خبر {i}", InputTextMessageContent(f"<b>{i}</b>", parse_mode="HTML")
            )
            for i in range(count)
        ]
        await update.inline_query.answer(results)

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(
                stub,
                CommandHandler("menu", menu),
                CallbackQueryHandler(on_button),
                MessageHandler(filters.REPLY & filters.TEXT, on_reply),
                InlineQueryHandler(on_inline),
            ) as (_, errors),
        ):
            stub.inject_private_message("/menu")
            sent = await stub.wait_for("sendMessage", timeout=WAIT)
            assert sent.result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "more:1"
            with pytest.raises(ValueError, match="no button"):
                stub.inject_callback_query(sent, "forged")

            stub.inject_callback_query(sent, "more:1")
            await stub.wait_for("answerCallbackQuery", lambda c: c.ok, timeout=WAIT)
            await stub.wait_for("editMessageText", lambda c: c.ok, timeout=WAIT)
            await stub.wait_for("sendMessage", lambda c: not c.ok, timeout=WAIT)  # the 65-byte button
            stored = stub.get_message(sent.result["chat"]["id"], sent.result["message_id"])
            assert stored["text"] == "اخترت more:1"
            assert "reply_markup" not in stored  # editing without reply_markup drops the keyboard

            stub.inject_reply(sent, "شكرا")
            reply = await stub.wait_for("sendMessage", timeout=WAIT)
            assert reply.params["text"] == f"رد على {sent.result['message_id']}"

            stub.inject_inline_query("كثير")
            too_many = await stub.wait_for("answerInlineQuery", timeout=WAIT)
            assert too_many.description == "Bad Request: RESULTS_TOO_MUCH"
            stub.inject_inline_query("خبر")
            assert (await stub.wait_for("answerInlineQuery", timeout=WAIT)).ok
        assert outcomes == [
            "Message is not modified: specified new message content and reply markup are exactly "
            "the same as a current content and reply markup of the message",
            "Query is too old and response timeout expired or query id is invalid",
            "Button_data_invalid",
        ]
        assert [e.method for e in stub.errors] == [
            "editMessageText",
            "answerCallbackQuery",
            "sendMessage",
            "answerInlineQuery",
        ]
        assert len(errors) == 1 and "Results_too_much" in str(errors[0])  # unhandled in on_inline

    run(body)


def test_commands_webhooks_limits_and_unknown_methods() -> None:
    async def body() -> None:
        async with BotApiStub() as stub, plain_bot(stub) as bot:
            await bot.set_my_commands([BotCommand("ask", "اسأل عن الأخبار")])
            await bot.set_my_commands([BotCommand("ask", "Ask about the news")], language_code="en")
            await bot.set_my_commands([BotCommand("stats", "إحصاءات")], scope=BotCommandScopeChat(-100123))
            assert set(stub.commands) == {("default", ""), ("default", "en"), ("chat:-100123", "")}
            scoped = await bot.get_my_commands(scope=BotCommandScopeChat(-100123))
            assert [c.command for c in scoped] == ["stats"]
            await bot.delete_my_commands(language_code="en")
            assert ("default", "en") not in stub.commands
            with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
                await bot.set_my_commands([BotCommand("Ask", "x")])

            await bot.set_webhook("https://bot.example.com/hook", secret_token="s3cret")
            assert (await bot.get_webhook_info()).url == "https://bot.example.com/hook"
            with pytest.raises(Conflict):
                await bot.get_updates(timeout=0)
            with pytest.raises(BadRequest, match=r"(?i)an https url must be provided"):
                await bot.set_webhook("http://bot.example.com/hook")
            await bot.delete_webhook()
            assert (await bot.get_webhook_info()).url == ""

            await bot.send_chat_action(1001, ChatAction.TYPING)
            with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
                await bot.send_chat_action(1001, "dancing")

            # limits are counted in UTF-16 units after entity parsing
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):
                await bot.send_message(1001, "📰" * 2049)  # 2049 code points, 4098 units
            await bot.send_message(1001, "<b>" + "ب" * 4096 + "</b>", parse_mode=ParseMode.HTML)
            with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
                await bot.send_message(1001, "<b> </b>\n", parse_mode=ParseMode.HTML)
            with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
                await bot.edit_message_text("x", chat_id=1001, message_id=999)

            assert await bot.do_api_request("someFutureMethod", api_kwargs={"x": 1}) is True
            assert stub.unknown_methods == ["someFutureMethod"]
            assert stub.calls[-1].params == {"x": 1}
            assert [e.error_code for e in stub.errors] == [400, 409, 400, 400, 400, 400, 400]

    run(body)


def test_other_update_kinds_reach_handlers() -> None:
    async def describe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if update.channel_post:
            summary = f"channel:{message.chat.type}:{message.sender_chat.id}"
        elif update.edited_message:
            summary = f"edited:{message.text}:{message.edit_date is not None}"
        elif message.photo:
            data = await (await message.photo[-1].get_file()).download_as_bytearray()
            summary = f"photo:{len(message.photo)}:{message.photo[-1].width}:{bytes(data[:3]).hex()}"
        elif message.sticker:
            summary = f"sticker:{message.sticker.emoji}"
        else:
            summary = f"text:{message.text}"
        await context.bot.send_message(message.chat.id, summary)

    async def body() -> None:
        async with (
            BotApiStub() as stub,
            running_bot(stub, MessageHandler(filters.ALL, describe)) as (_, errors),
        ):
            post = stub.inject_channel_post("خبر عاجل")
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == (
                f"channel:channel:{post['channel_post']['chat']['id']}"
            )
            original = stub.inject_private_message("نسخة أولى")
            await stub.wait_for("sendMessage", timeout=WAIT)
            stub.inject_edited_message(original["message"], "نسخة ثانية")
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params[
                "text"
            ] == "edited:نسخة ثانية:True"
            stub.inject_photo(b"\xff\xd8\xff-jpeg", caption="صورة")
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == "photo:3:1280:ffd8ff"
            stub.inject_sticker("🔥")
            assert (await stub.wait_for("sendMessage", timeout=WAIT)).params["text"] == "sticker:🔥"
        assert not errors
        stub.assert_no_errors()

    run(body)


def test_json_and_multipart_request_bodies() -> None:
    async def body() -> None:
        async with BotApiStub() as stub, plain_bot(stub) as bot:
            async with httpx.AsyncClient() as client:
                response = await client.post(
                    f"{stub.base_url}{TOKEN}/sendMessage",
                    json={
                        "chat_id": 1001,
                        "text": "<i>json</i>",
                        "parse_mode": "HTML",
                        "reply_markup": {"inline_keyboard": [[{"text": "ok", "callback_data": "1"}]]},
                    },
                )
            assert response.status_code == 200
            body = response.json()
            assert body["result"]["entities"] == [{"type": "italic", "offset": 0, "length": 4}]
            assert stub.calls[-1].content_type == "application/json"

            # PTB switches to multipart/form-data only when a file is uploaded
            sent = await bot.send_document(
                1001, InputFile(b"%PDF-1.4", filename="report.pdf"), caption="تقرير"
            )
            call = stub.calls[-1]
            assert call.content_type == "multipart/form-data"
            assert call.files["document"].content == b"%PDF-1.4"
            assert call.params == {"chat_id": 1001, "caption": "تقرير"}
            assert sent.document.file_name == "report.pdf"
            assert stub.files[sent.document.file_id].content == b"%PDF-1.4"
            stub.assert_no_errors()

    run(body)


def test_clean_shutdown_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("ok")

    async def body() -> None:
        async with BotApiStub() as stub:
            for _ in range(2):  # start/stop twice against the same server
                async with running_bot(stub, MessageHandler(filters.TEXT, answer)) as (_, errors):
                    stub.inject_private_message("hi")
                    await stub.wait_for("sendMessage", timeout=WAIT)
                assert not errors
            stub.assert_no_errors()
            assert stub.pending_updates == []

    with caplog.at_level(logging.WARNING):
        run(body)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_stub_process_serves_a_bot_and_reports_answers():
    """The stub in its own process (bench/bot_load.py): a real Bot polls it, answers the
    questions its control API offers, and the control API reports when each was answered."""
    from botapi_stub_process import StubProcess

    async def body():
        async with StubProcess() as stub:
            async with Bot(TOKEN, base_url=stub.base_url, base_file_url=stub.base_file_url) as bot:
                await stub.inject("مرحبا", user_id=42)
                await stub.load(["سؤال", "سؤال آخر"], rate=1000, first_user=100)
                seen: list[Update] = []
                while len(seen) < 3:
                    offset = seen[-1].update_id + 1 if seen else 0
                    seen += await bot.get_updates(offset=offset, timeout=5)
                for update in seen[1:]:
                    await bot.send_message(update.effective_chat.id, "جواب")
            results = await stub.results()
        assert [u.effective_message.text for u in seen] == ["مرحبا", "سؤال", "سؤال آخر"]
        assert sorted(results.injected) == sorted(results.answered) == [100, 101]
        assert all(results.answered[u] >= results.injected[u] for u in results.injected)
        assert results.errors == 0

    run(body)
