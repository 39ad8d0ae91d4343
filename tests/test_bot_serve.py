"""`corpusbot serve`: one clear line for a bad setting, long polling end to end in a real
process (stopped by SIGTERM, token never logged), and the webhook with its secret token."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from async_runner import run
from bot_harness import GENEVA_AR, GENEVA_HEADLINE, TOKEN, USER_ID, copy_corpus, running_bot
from botapi_stub import BotApiStub

from bot.app import Webhook, build_application, open_engine, running
from bot.cli import main
from bot.config import load_settings

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        (
            {"TELEGRAM_BOT_TOKEN": ""},
            [],
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it",
        ),
        ({"TELEGRAM_BOT_TOKEN": "oops"}, [], "TELEGRAM_BOT_TOKEN does not look like a bot token"),
        ({"TELEGRAM_API_BASE_URL": "localhost:8081"}, [], "TELEGRAM_API_BASE_URL must be an http(s) URL"),
        ({"CORPUSBOT_ADMIN_IDS": "12,bob"}, [], "CORPUSBOT_ADMIN_IDS must be comma-separated user ids"),
        ({"CORPUSBOT_CORPUS": "/nonexistent/corpus"}, [], "CORPUSBOT_CORPUS: corpus directory not found"),
        ({"CORPUSBOT_SEND_RATE": "fast"}, [], "CORPUSBOT_SEND_RATE must be messages a second"),
        ({"CORPUSBOT_SEND_RATE": "-5"}, [], "CORPUSBOT_SEND_RATE must be messages a second"),
        ({}, ["--webhook-url", "http://example.com/hook"], "--webhook-url must be a public https:// URL"),
        ({}, ["--webhook-url", "https://example.com/h", "--secret-token", "a b"], "--secret-token must be"),
        (
            {"CORPUSBOT_WEBHOOK_SECRET": "not secret!"},
            ["--webhook-url", "https://example.com/h"],
            "CORPUSBOT_WEBHOOK_SECRET must be",
        ),
        ({}, ["--webhook-url", "https://example.com/h", "--port", "70000"], "--port must be between"),
    ],
)
def test_a_bad_setting_is_one_clear_line(
    env: dict[str, str],
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in (
        "TELEGRAM_API_BASE_URL",
        "TELEGRAM_FILE_BASE_URL",
        "CORPUSBOT_ADMIN_IDS",
        "CORPUSBOT_CORPUS",
        "CORPUSBOT_WEBHOOK_SECRET",
        "CORPUSBOT_SEND_RATE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CORPUSBOT_DB", str(tmp_path / "store.sqlite3"))
    for name, value in {"TELEGRAM_BOT_TOKEN": TOKEN, **env}.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"corpusbot: {message}") and err.count("\n") == 1, err


def serve_env(stub: BotApiStub, tmp_path: Path, token: str = TOKEN) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CORPUSBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=stub.base_url,
        TELEGRAM_FILE_BASE_URL=stub.base_file_url,
        CORPUSBOT_DB=str(tmp_path / "store.sqlite3"),
        CORPUSBOT_CORPUS=str(copy_corpus(tmp_path)),
        PYTHONPATH=str(REPO),
    )
    return env


async def start_serve(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "serve",
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def test_serve_polls_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async def body() -> None:
        async with BotApiStub() as stub:
            process = await start_serve(serve_env(stub, tmp_path), tmp_path)
            try:
                await stub.wait_for("deleteWebhook", timeout=60)  # polling is starting
                stub.inject_private_message(GENEVA_AR)
                answer = await stub.wait_for("sendMessage", lambda c: c.ok, timeout=30)
                assert GENEVA_HEADLINE in answer.result["text"]
                assert answer.params["chat_id"] == USER_ID
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                _, stderr = await asyncio.wait_for(process.communicate(), 30)
            log = stderr.decode()
            assert process.returncode == 0, log
            assert TOKEN not in log and "Traceback" not in log
            assert "serving as @CorpusTestBot (polling)" in log
            stub.assert_no_errors()

    run(body)


def test_serve_says_so_when_telegram_rejects_the_token_or_cannot_be_reached(tmp_path: Path) -> None:
    async def body() -> None:
        async with BotApiStub(token="42:the-only-token-the-stub-accepts") as stub:
            process = await start_serve(serve_env(stub, tmp_path), tmp_path)
            _, stderr = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode == 2
            assert stderr.decode().strip().splitlines()[-1] == (
                "corpusbot: Telegram rejected TELEGRAM_BOT_TOKEN: check the token from @BotFather"
            )
            env = {
                **serve_env(stub, tmp_path / "second"),
                "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{free_port()}/bot",
            }
            process = await start_serve(env, tmp_path)
            _, stderr = await asyncio.wait_for(process.communicate(), 60)
            last = stderr.decode().strip().splitlines()[-1]
            assert process.returncode == 1 and last.startswith(
                "corpusbot: cannot reach the Bot API at http://127.0.0.1:"
            )
            assert TOKEN not in stderr.decode()

    (tmp_path / "second").mkdir()
    run(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_webhook_mode_sets_the_webhook_and_checks_its_secret(tmp_path: Path) -> None:
    async def body() -> None:
        async with BotApiStub() as stub:
            settings = load_settings(serve_env(stub, tmp_path), env_file=tmp_path / "no.env")
            engine = await open_engine(settings)
            port = free_port()
            hook = Webhook("https://bot.example.com/corpusbot/hook", "127.0.0.1", port, "s3cret-token")
            try:
                async with running(build_application(settings, engine), webhook=hook):
                    set_webhook = await stub.wait_for("setWebhook")
                    assert set_webhook.params["url"] == hook.url
                    assert set_webhook.params["secret_token"] == "s3cret-token"
                    url = f"http://127.0.0.1:{port}/corpusbot/hook"
                    async with aiohttp.ClientSession() as session:
                        wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
                        async with session.post(url, json=PRIVATE_UPDATE, headers=wrong) as response:
                            assert response.status == 403
                        right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
                        async with session.post(url, json=PRIVATE_UPDATE, headers=right) as response:
                            assert response.status == 200
                    answer = await stub.wait_for("sendMessage", lambda c: c.ok)
                    assert GENEVA_HEADLINE in answer.result["text"]
                    sends = [c for c in stub.calls if c.method == "sendMessage"]
                    assert len(sends) == 1  # the update with the wrong secret was dropped
            finally:
                await engine.close()
            assert not [c for c in stub.calls if c.method == "getUpdates"]
            stub.assert_no_errors()

    run(body)


PRIVATE_UPDATE = {
    "update_id": 1,
    "message": {
        "message_id": 1,
        "date": 0,
        "chat": {"id": USER_ID, "type": "private", "first_name": "أحمد"},
        "from": {"id": USER_ID, "is_bot": False, "first_name": "أحمد", "language_code": "ar"},
        "text": GENEVA_AR,
    },
}


def test_the_webhook_secret_can_come_from_the_environment(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "CORPUSBOT_WEBHOOK_SECRET": "from-env_42"}
    assert load_settings(env, env_file=tmp_path / "no.env").webhook_secret == "from-env_42"
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, env_file=tmp_path / "no.env").webhook_secret is None


@pytest.mark.parametrize(("value", "paced_at"), [("", 30), ("120", 120), ("0", None)])
def test_the_send_rate_setting_paces_all_outgoing_messages(
    value: str, paced_at: float | None, tmp_path: Path
) -> None:
    """CORPUSBOT_SEND_RATE is the overall limit of the bot's rate limiter (30 by default,
    Telegram's; 0 switches the overall pacing off) and the bot answers either way."""

    async def body() -> None:
        async with running_bot(tmp_path, env={"CORPUSBOT_SEND_RATE": value}) as bot:
            overall = bot.app.bot.rate_limiter._base_limiter  # PTB's AIORateLimiter keeps it here
            assert (overall.max_rate if overall else None) == paced_at
            assert overall is None or overall.time_period == 1
            assert GENEVA_HEADLINE in (await bot.private(GENEVA_AR)).result["text"]

    run(body)
