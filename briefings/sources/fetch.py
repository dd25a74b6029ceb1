"""The one place bytes come from the network: bounded, checked HTTP GETs.

`Downloader.get` follows redirects itself (each hop re-checked), enforces the
connect/read/total timeouts and the body size limit while streaming, refuses
content that is not a web page or feed, and maps every failure to a
`FetchFailure` with a message from `wording`.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from urllib.parse import urlsplit, urlunsplit

import httpcore
import httpx

from ..urls import join_url
from .charset import decode_html
from .safety import AddressPolicy, Resolver, SafeNetworkBackend, check_url
from .wording import FetchFailure, seconds_text, size_text

__all__ = [
    "ACCEPT_ANY",
    "ACCEPT_FEED",
    "ACCEPT_PAGE",
    "USER_AGENT",
    "Downloader",
    "FetchPolicy",
    "Fetched",
]


log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return metadata.version("briefbot")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"briefbot/{_version()} (+https://github.com/briefbot)"
ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"
ACCEPT_FEED = (
    "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,application/feed+json;q=0.7,*/*;q=0.1"
)
ACCEPT_ANY = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TEXT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/xml",
        "application/xml",
        "text/plain",
        "application/json",
        "application/feed+json",
    }
)
_ARCHIVE_TYPES = frozenset(
    {
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/vnd.rar",
        "application/x-bzip2",
    }
)
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"PK\x03\x04", "archive"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf", "archive"),
    (b"ID3", "audio"),
    (b"OggS", "audio"),
)


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits and manners of fetching. Build it from settings; it reads no environment."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    # Allow loopback/private/link-local targets (BRIEFBOT_ALLOW_PRIVATE_HOSTS; tests).
    allow_private: bool = False
    # Finer-grained: non-public networks allowed even when allow_private is off.
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = USER_AGENT
    per_host_limit: int = 2
    global_limit: int = 16
    # Minimum seconds between the starts of two requests to the same host.
    spacing: float = 0.25
    http2: bool = True
    verify_tls: bool = True
    # Extra CA certificates (PEM file) to trust, e.g. a corporate proxy's or a test CA.
    ca_file: str | None = None
    # Entries of one feed beyond this many are ignored (feeds list the newest first).
    max_feed_entries: int = 100

    def address_policy(self) -> AddressPolicy:
        return AddressPolicy.build(self.allow_private, self.allowed_networks)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful GET (2xx, or 304 for a conditional request)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    content_type: str  # media type only, lower-case ("" if none)
    charset: str | None
    redirects: tuple[str, ...] = ()
    http_version: str = "HTTP/1.1"
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_html(self.body, self.charset)


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, val = p.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return parts[0].lower(), charset


def refusal_for_type(content_type: str) -> str | None:
    """The wording key refusing `content_type`, or None if it may be a page or feed."""
    if not content_type or content_type == "application/octet-stream":
        return None  # decided by sniffing the body
    if content_type in _TEXT_TYPES or content_type.endswith(("+xml", "+json")):
        return None
    if content_type in ("application/pdf", "application/x-pdf"):
        return "pdf"
    major = content_type.split("/", 1)[0]
    if major in ("image", "audio", "video"):
        return major
    if content_type in _ARCHIVE_TYPES:
        return "archive"
    if major == "text":
        return None
    return "other_type"


def sniff(head: bytes) -> str | None:
    """The wording key for a body that is clearly not text (by magic bytes), else None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        return {b"WEBP": "image", b"AVI ": "video", b"WAVE": "audio"}[head[8:12]]
    if b"\x00" in head[:1024] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return None


def _strip_fragment(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    return urlunsplit(parts._replace(fragment=""))


class _HostGate:
    """At most `limit` requests in flight to one host, starts at least `spacing` apart."""

    def __init__(self, limit: int, spacing: float) -> None:
        self._sem = asyncio.Semaphore(max(1, limit))
        self._lock = asyncio.Lock()
        self._spacing = spacing
        self._next_start = 0.0

    async def __aenter__(self) -> None:
        await self._sem.acquire()
        try:
            async with self._lock:
                now = time.monotonic()
                if self._next_start > now:
                    await asyncio.sleep(self._next_start - now)
                    now = time.monotonic()
                self._next_start = now + self._spacing
        except BaseException:
            self._sem.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._sem.release()


@dataclass(slots=True)
class _Hop:
    """State shared between `get` and its timeout handler."""

    host: str
    headers_received: bool = False
    deadline: float | None = None
    redirects: list[str] = field(default_factory=list)


class Downloader:
    """Bounded, checked HTTP GETs over one pooled httpx client. Use as `async with`."""

    def __init__(self, policy: FetchPolicy | None = None, *, resolver: Resolver | None = None):
        self.policy = policy or FetchPolicy()
        self._addresses = self.policy.address_policy()
        self.backend = SafeNetworkBackend(self._addresses, resolver)
        self._global = asyncio.Semaphore(max(1, self.policy.global_limit))
        self._gates: dict[str, _HostGate] = {}
        self._client = httpx.AsyncClient(
            transport=self._transport(),
            timeout=httpx.Timeout(
                connect=self.policy.connect_timeout,
                read=self.policy.read_timeout,
                write=self.policy.read_timeout,
                pool=self.policy.total_timeout,
            ),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.policy.user_agent},
        )

    def _transport(self) -> httpx.AsyncHTTPTransport:
        p = self.policy
        http2 = p.http2 and importlib.util.find_spec("h2") is not None
        transport = httpx.AsyncHTTPTransport(http2=http2, trust_env=False)
        ctx = ssl.create_default_context()
        if p.ca_file:
            ctx.load_verify_locations(cafile=p.ca_file)
        if not p.verify_tls:  # pragma: no cover - only for local experiments
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if http2:
            ctx.set_alpn_protocols(["h2", "http/1.1"])
        # Swap in a pool whose connections go through the address checks.
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=ctx,
            max_connections=max(1, p.global_limit) * 2,
            max_keepalive_connections=max(1, p.global_limit),
            keepalive_expiry=30.0,
            http1=True,
            http2=http2,
            network_backend=self.backend,
        )
        return transport

    async def __aenter__(self) -> Downloader:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(self.policy.per_host_limit, self.policy.spacing)
        return gate

    async def get(
        self, url: str, *, headers: Mapping[str, str] | None = None, accept: str = ACCEPT_ANY
    ) -> Fetched:
        """GET `url`; raises `FetchFailure` on any refusal or failure."""
        requested = url.strip()
        current = _strip_fragment(requested)
        hop = _Hop(host="")
        started = time.monotonic()
        while True:
            target = check_url(current, self._addresses)
            hop.host = target.host
            hop.headers_received = False
            async with self._gate(target.host.lower()), self._global:
                loop_now = time.monotonic()
                if hop.deadline is None:
                    hop.deadline = loop_now + self.policy.total_timeout
                result = await self._one_hop(requested, current, headers, accept, hop)
            if isinstance(result, Fetched):
                done = _with_timing(result, started)
                log.debug(
                    "GET %s -> %d %s, %d bytes, %d redirects, %.2f s",
                    done.final_url,
                    done.status,
                    done.content_type,
                    len(done.body),
                    len(done.redirects),
                    done.elapsed,
                )
                return done
            # A redirect: `result` is the next URL.
            if len(hop.redirects) >= self.policy.max_redirects:
                raise FetchFailure(
                    "too_many_redirects", url=requested, limit=self.policy.max_redirects
                )
            hop.redirects.append(result)
            current = _strip_fragment(result)

    async def _one_hop(
        self,
        requested: str,
        url: str,
        headers: Mapping[str, str] | None,
        accept: str,
        hop: _Hop,
    ) -> Fetched | str:
        p = self.policy
        assert hop.deadline is not None
        remaining = hop.deadline - time.monotonic()
        try:
            async with asyncio.timeout(max(0.001, remaining)):
                request = self._client.build_request(
                    "GET", url, headers={"Accept": accept, **(headers or {})}
                )
                response = await self._client.send(request, stream=True)
                hop.headers_received = True
                try:
                    return await self._handle(requested, url, response, hop)
                finally:
                    await response.aclose()
        except FetchFailure:
            raise
        except TimeoutError as exc:
            key = "total_timeout" if hop.headers_received else "read_timeout"
            raise FetchFailure(
                key, url=requested, seconds=seconds_text(p.total_timeout), host=hop.host
            ) from exc
        except httpx.ConnectTimeout as exc:
            raise FetchFailure(
                "connect_timeout",
                url=requested,
                host=hop.host,
                seconds=seconds_text(p.connect_timeout),
            ) from exc
        except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
            raise FetchFailure(
                "read_timeout", url=requested, seconds=seconds_text(p.read_timeout)
            ) from exc
        except httpx.PoolTimeout as exc:
            raise FetchFailure(
                "total_timeout", url=requested, seconds=seconds_text(p.total_timeout)
            ) from exc
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLError) or "SSL" in str(exc):
                raise FetchFailure("tls", url=requested, host=hop.host) from exc
            raise FetchFailure("connect", url=requested, host=hop.host) from exc
        except (httpx.RemoteProtocolError, httpx.LocalProtocolError, httpx.DecodingError) as exc:
            raise FetchFailure("protocol", url=requested, host=hop.host) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchFailure("bad_url", url=requested) from exc
        except httpx.HTTPError as exc:
            raise FetchFailure("network", url=requested, host=hop.host) from exc

    async def _handle(
        self, requested: str, url: str, response: httpx.Response, hop: _Hop
    ) -> Fetched | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchFailure("redirect_no_location", url=requested)
            return join_url(url, location)
        headers = {k.lower(): v for k, v in response.headers.items()}
        content_type, charset = _media_type(headers.get("content-type"))
        base = Fetched(
            url=requested,
            final_url=url,
            status=status,
            headers=headers,
            body=b"",
            content_type=content_type,
            charset=charset,
            redirects=tuple(hop.redirects),
            http_version=response.http_version,
        )
        if status == 304:
            return base
        if status >= 400 or status < 200:
            raise _status_failure(requested, status)
        refusal = refusal_for_type(content_type)
        if refusal is not None:
            raise FetchFailure(refusal, url=requested, content_type=content_type)
        body = await self._read_body(requested, response, headers)
        kind = sniff(body[:2048])
        if kind is not None:
            raise FetchFailure(kind, url=requested, content_type=content_type or "binary data")
        if not body.strip():
            raise FetchFailure("empty", url=requested)
        return replace(base, body=body)

    async def _read_body(
        self, requested: str, response: httpx.Response, headers: Mapping[str, str]
    ) -> bytes:
        limit = self.policy.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchFailure(
                "too_large", url=requested, size=size_text(int(declared)), limit=size_text(limit)
            )
        chunks: list[bytes] = []
        total = 0
        # aiter_bytes decompresses, so the limit also bounds gzip bombs.
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > limit:
                raise FetchFailure("too_large_streamed", url=requested, limit=size_text(limit))
            chunks.append(chunk)
        return b"".join(chunks)


def _with_timing(fetched: Fetched, started: float) -> Fetched:
    return replace(fetched, elapsed=time.monotonic() - started)


def _status_failure(url: str, status: int) -> FetchFailure:
    if status == 404:
        return FetchFailure("http_404", url=url)
    if status == 410:
        return FetchFailure("http_410", url=url)
    if status in (401, 403, 407):
        return FetchFailure("http_auth", url=url, status=status)
    if status == 429:
        return FetchFailure("http_429", url=url)
    if status >= 500:
        return FetchFailure("http_5xx", url=url, status=status)
    return FetchFailure("http_other", url=url, status=status)
