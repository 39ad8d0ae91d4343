"""A news website on 127.0.0.1 for the feed tests, in a thread of its own (so synchronous code
such as `corpusbot.main` can fetch from it too): pages and feeds with ETag and Last-Modified
(answering conditional GETs with 304), redirects, slow and failing responses, and a log of every
request."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering
    location: str = ""  # a redirect's target
    validators: bool = True  # send ETag and Last-Modified, answer If-None-Match with 304


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class NewsSite:
    """`with NewsSite() as site: site.page("/a", html); fetch(site.url("/a"))`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **kw):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, **kw)

    def feed(self, path: str, xml: str, content_type: str = "application/rss+xml; charset=utf-8") -> None:
        self.page(path, xml, content_type)

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.routes[path] = Route(status=status, location=target)

    def fetched(self, path: str, status: int | None = None) -> int:
        """How many requests for `path` were answered (with `status`, if given)."""
        return sum(1 for hit in self.hits if hit.path == path and (status is None or hit.status == status))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        route = self.routes.get(request.path_qs) or self.routes.get(request.path)
        if route is None:
            self.hits.append(Hit(request.path, 404, dict(request.headers)))
            return web.Response(status=404, text="not found")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.location:
            self.hits.append(Hit(request.path, route.status, dict(request.headers)))
            return web.Response(status=route.status, headers={"Location": route.location})
        headers = {}
        if route.validators and route.status == 200:
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            headers = {"ETag": etag, "Last-Modified": "Fri, 01 Mar 2024 09:30:00 GMT"}
            if request.headers.get("If-None-Match") == etag:
                self.hits.append(Hit(request.path, 304, dict(request.headers)))
                return web.Response(status=304, headers=headers)
        self.hits.append(Hit(request.path, route.status, dict(request.headers)))
        headers["Content-Type"] = route.content_type
        return web.Response(status=route.status, body=route.body, headers=headers)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    def __enter__(self) -> NewsSite:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@contextlib.contextmanager
def news_site() -> Iterator[NewsSite]:
    with NewsSite() as site:
        yield site
