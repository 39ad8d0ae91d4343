"""A polite, guarded HTTP client for feeds and article pages.

Only http(s); every address a host name resolves to (also after each redirect) must be public
unless the config allows private ones, so a forged link cannot make the bot probe its own
network; robots.txt honoured; a delay between requests to one host; conditional GET; redirects,
time and size limited.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from retrieval.models import WebConfig

ROBOTS_AGENT = "corpusbot"  # the name robots.txt rules address


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, for /feeds and the log."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status, when the server answered with an error


class RefusedURL(FetchError):
    """A URL that policy forbids fetching (its scheme, a non-public address, robots.txt)."""


class BlockedAddress(OSError):
    """A host that resolves to a loopback, private or otherwise non-public address."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators matched
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, config: WebConfig) -> str:
    """The URL's host, or a FetchError when the URL may not be fetched (scheme, literal address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedURL(f"only http and https links can be fetched, not {parts.scheme or 'this'}: {url}")
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in {url}")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return host
    if not config.allow_private and not is_public(str(literal)):
        raise RefusedURL(f"{host} is a private or loopback address; refused")
    return host


class PublicOnlyResolver(AbstractResolver):
    """Resolves host names, refusing any that leads to a non-public address: checked on the
    addresses the connection will use, so DNS cannot answer differently after the check."""

    def __init__(self) -> None:
        self._inner = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            if not is_public(result["host"]):
                raise BlockedAddress(f"{host} resolves to the non-public address {result['host']}; refused")
        return results

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """One polling run's HTTP client: `async with Fetcher(config) as fetcher: await fetcher.get(url)`."""

    def __init__(self, config: WebConfig):
        self.config = config
        self._session: aiohttp.ClientSession | None = None
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    async def __aenter__(self) -> Fetcher:
        resolver = ThreadedResolver() if self.config.allow_private else PublicOnlyResolver()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=resolver, limit_per_host=2),
            timeout=aiohttp.ClientTimeout(total=self.config.timeout),
            headers={"User-Agent": self.config.user_agent},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Response:
        """GET `url`, following at most `max_redirects` redirects, each checked like the first.
        With `etag`/`last_modified` it is a conditional GET: an unchanged resource is a 304."""
        for _ in range(self.config.max_redirects + 1):
            check_url(url, self.config)
            await self._check_robots(url)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response, location = await self._request(url, headers)
            if location is None:
                return response
            url = location
        raise FetchError(f"more than {self.config.max_redirects} redirects")

    async def _request(self, url: str, headers: dict[str, str]) -> tuple[Response, str | None]:
        """One request, paced per host: (response, None), or (_, the redirect's target)."""
        assert self._session is not None, "use `async with Fetcher(...)`"
        host = urlsplit(url).netloc.lower()
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:
            wait = self._last_request.get(host, -1e9) + self.config.host_delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                    if resp.status in (301, 302, 303, 307, 308) and "Location" in resp.headers:
                        return Response(url, resp.status), urljoin(url, resp.headers["Location"])
                    body = b"" if resp.status == 304 else await self._read_capped(resp)
                    if resp.status not in (200, 304):
                        raise FetchError(f"HTTP {resp.status} from {url}", resp.status)
                    return Response(
                        url=url,
                        status=resp.status,
                        body=body,
                        content_type=resp.headers.get("Content-Type", ""),
                        etag=resp.headers.get("ETag", ""),
                        last_modified=resp.headers.get("Last-Modified", ""),
                    ), None
            except TimeoutError:
                raise FetchError(f"no answer within {self.config.timeout:g} s from {url}") from None
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, BlockedAddress):
                    raise RefusedURL(str(exc.os_error)) from None
                raise FetchError(f"cannot connect to {host}: {exc.os_error.strerror or exc}") from None
            except BlockedAddress as exc:
                raise RefusedURL(str(exc)) from None
            except aiohttp.ClientError as exc:
                raise FetchError(f"{url}: {exc or type(exc).__name__}") from None
            finally:
                self._last_request[host] = time.monotonic()

    async def _read_capped(self, resp: aiohttp.ClientResponse) -> bytes:
        limit = self.config.max_bytes
        if (resp.content_length or 0) > limit:
            raise FetchError(f"{resp.url} is larger than {limit // (1024 * 1024)} MB")
        chunks, size = [], 0
        async for chunk in resp.content.iter_chunked(65536):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{resp.url} is larger than {limit // (1024 * 1024)} MB")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc.lower()}"
        if site not in self._robots:
            self._robots[site] = await self._load_robots(site)
        rules = self._robots[site]
        if rules is None:
            raise FetchError(f"{site}/robots.txt could not be read; the site is not fetched for now")
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise RefusedURL(f"robots.txt of {site} does not allow fetching {url}")

    async def _load_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; no robots.txt (4xx) allows everything, an unreachable one (5xx,
        no answer) nothing for now (RFC 9309)."""
        rules = urllib.robotparser.RobotFileParser()
        try:
            response, location = await self._request(f"{site}/robots.txt", {})
        except RefusedURL:
            raise
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                rules.parse([])
                return rules
            return None
        if location is not None:  # a redirected robots.txt: treated as absent
            rules.parse([])
            return rules
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules
