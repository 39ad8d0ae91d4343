"""The Bot API stub in a process of its own, as Telegram's server is: for load tests, where the
stub's work (HTTP, strict HTML checks) must not count against the bot's event loop and core.

`python tests/botapi_stub_process.py` serves a `BotApiStub` and a small control API on another
port, and prints one JSON line `{"api": URL, "control": URL}` once both listen. Control API:

- `POST /load` `{"texts": [...], "rate": 250, "first_user": 500000}`: the stub itself injects
  one private message per text, each from a new user, at `rate` a second, stamping each
  update's injection time (no HTTP hop per question from the load generator);
- `GET /results`: `{"injected": {user: t}, "answered": {user: t}, "errors": n}`, where `t` is
  `time.monotonic()` in the stub process (system-wide on Linux) and `answered` is when the
  first successful sendMessage to that user arrived;
- `POST /inject` `{"text": ..., "user_id": ...}`: one private message, answered with the update.

`StubProcess` starts and stops it and calls the control API from another process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from aiohttp import web
from botapi_stub import BotApiStub, BotApiUrls

JSON = dict[str, Any]


@dataclass(frozen=True)
class LoadResults:
    """Per user: when the stub injected the question and when the answer's sendMessage arrived."""

    injected: dict[int, float]
    answered: dict[int, float]
    errors: int


class _Control:
    """The control API's handlers around one stub."""

    def __init__(self, stub: BotApiStub):
        self.stub = stub
        self.injected: dict[int, float] = {}
        self.tasks: set[asyncio.Task[None]] = set()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/load", self.load)
        app.router.add_get("/results", self.results)
        app.router.add_post("/inject", self.inject)
        return app

    async def inject(self, request: web.Request) -> web.Response:
        body = await request.json()
        update = self.stub.inject_private_message(body["text"], user_id=int(body["user_id"]))
        return web.json_response(update)

    async def load(self, request: web.Request) -> web.Response:
        body = await request.json()
        task = asyncio.create_task(self._offer(body["texts"], float(body["rate"]), int(body["first_user"])))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return web.json_response({"ok": True})

    async def _offer(self, texts: list[str], rate: float, first_user: int) -> None:
        started = time.monotonic()
        for i, text in enumerate(texts):
            delay = started + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self.stub.inject_private_message(text, user_id=first_user + i)
            self.injected[first_user + i] = time.monotonic()

    async def results(self, request: web.Request) -> web.Response:
        answered: dict[int, float] = {}
        for call in self.stub.calls:
            if call.method == "sendMessage" and call.ok:
                user = int(call.params["chat_id"])
                answered.setdefault(user, call.received_at)
        return web.json_response(
            {"injected": self.injected, "answered": answered, "errors": len(self.stub.errors)}
        )


async def _serve() -> None:
    async with BotApiStub() as stub:
        control = _Control(stub)
        runner = web.AppRunner(control.app(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        control_port = runner.addresses[0][1]
        print(json.dumps({"api": stub.url, "control": f"http://127.0.0.1:{control_port}"}), flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        await runner.cleanup()


class StubProcess(BotApiUrls):
    """`async with StubProcess() as stub:` a stub in a child process; `stub.base_url` and
    `stub.base_file_url` for the bot, `load`/`results`/`inject` for the control API."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._client: httpx.AsyncClient | None = None
        self.url = ""
        self.control_url = ""

    async def __aenter__(self) -> StubProcess:
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())], stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        line = await asyncio.to_thread(self._process.stdout.readline)
        if not line:
            raise RuntimeError(f"the stub process exited with code {self._process.wait()}")
        urls = json.loads(line)
        self.url, self.control_url = urls["api"], urls["control"]
        self._client = httpx.AsyncClient(base_url=self.control_url, timeout=10)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
        if self._process is not None:
            self._process.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(self._process.wait, 10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            with contextlib.suppress(OSError):
                self._process.stdout.close()  # type: ignore[union-attr]

    async def _post(self, path: str, body: JSON) -> JSON:
        assert self._client is not None
        response = await self._client.post(path, json=body)
        response.raise_for_status()
        return response.json()

    async def inject(self, text: str, user_id: int) -> JSON:
        """One private message from `user_id`; returns the update."""
        return await self._post("/inject", {"text": text, "user_id": user_id})

    async def load(self, texts: list[str], rate: float, first_user: int) -> None:
        """Start offering `texts`, one per new user from `first_user` on, at `rate` a second."""
        await self._post("/load", {"texts": texts, "rate": rate, "first_user": first_user})

    async def results(self) -> LoadResults:
        assert self._client is not None
        response = await self._client.get("/results")
        response.raise_for_status()
        data = response.json()
        return LoadResults(
            injected={int(k): v for k, v in data["injected"].items()},
            answered={int(k): v for k, v in data["answered"].items()},
            errors=data["errors"],
        )


if __name__ == "__main__":
    asyncio.run(_serve())
