"""Which addresses may be fetched, checked before any connection is made.

A link typed by any Slack user must not make the bot talk to its own machine,
the private network it runs in, or a cloud metadata service. So:

* `check_url` refuses anything but http(s), links with credentials, and IP
  literals in forbidden ranges, without any network traffic;
* `SafeNetworkBackend` (plugged into httpx's connection pool) resolves every
  host itself, refuses the connection if *any* resolved address is forbidden,
  and then connects to one of the checked addresses, so a DNS answer that
  changes between check and connect (DNS rebinding) cannot slip through.
  Every redirect hop opens its connections through it, so each hop is checked.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import anyio
import httpcore

from .wording import FetchFailure

__all__ = [
    "AddressPolicy",
    "Resolver",
    "SafeNetworkBackend",
    "Target",
    "address_kind",
    "check_url",
    "system_resolver",
]

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Target:
    """The parts of a checked URL needed to fetch it."""

    url: str
    scheme: str
    host: str  # without IPv6 brackets
    port: int


_LEGACY_V4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)


def _ip(host: str) -> IPAddress | None:
    """The address a host names literally, including the forms resolvers accept for
    IPv4 (`2130706433`, `0x7f000001`, `127.1`, `0177.0.0.1`), which are not
    dotted quads but still reach 127.0.0.1."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_V4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_ip_literal(host: str) -> bool:
    return _ip(host) is not None


def normalise_host(url: str) -> str:
    """`url` with a disguised IPv4 host written as a dotted quad (what it reaches)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    ip = _ip(host)
    if ip is None or isinstance(ip, ipaddress.IPv6Address) or str(ip) == host:
        return url
    netloc = str(ip) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_kind(ip: IPAddress) -> str | None:
    """None for a public address, else the wording key saying why it is refused."""
    inner = _embedded_v4(ip)
    if inner is not None:
        kind = address_kind(inner)
        if kind is not None:
            return kind
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link_local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:  # e.g. 100.64.0.0/10 shared address space
        return "private"
    return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which non-public addresses are allowed anyway (tests, local development)."""

    allow_private: bool = False
    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def build(cls, allow_private: bool, allowed_networks: Iterable[str] = ()) -> AddressPolicy:
        nets = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
        return cls(allow_private, nets)

    def check(self, ip: IPAddress, *, url: str | None = None, resolved: bool = False) -> None:
        """Raise `FetchFailure` if connecting to `ip` is not allowed. An address that
        came from DNS (`resolved`) is not named: the message would tell any user what
        an internal host name resolves to."""
        if self.allow_private:
            return
        kind = address_kind(ip)
        if kind is None:
            return
        if any(ip.version == net.version and ip in net for net in self.allowed_networks):
            return
        if resolved:
            raise FetchFailure("not_public_name", url=url)
        raise FetchFailure(kind, url=url, address=str(ip))


def check_url(url: str, policy: AddressPolicy) -> Target:
    """Syntax and IP-literal checks; no network traffic. Raises `FetchFailure`."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError as exc:
        if "port" in str(exc).lower():
            raise FetchFailure("bad_port", url=url) from exc
        raise FetchFailure("bad_url", url=url) from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise FetchFailure("bad_url", url=url)
    if scheme not in ("http", "https"):
        raise FetchFailure("not_http", url=url, scheme=scheme)
    if not host:
        raise FetchFailure("no_host", url=url)
    if parts.username is not None or parts.password is not None:
        raise FetchFailure("credentials", url=url)
    if port is None:
        port = 443 if scheme == "https" else 80
    if port == 0:
        raise FetchFailure("bad_port", url=url)
    host = host.rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        # RFC 6761: always this machine, whatever DNS says.
        policy.check(ipaddress.ip_address("127.0.0.1"), url=url)
    ip = _ip(host)
    if ip is not None:
        policy.check(ip, url=url)
    return Target(url=url, scheme=scheme, host=host, port=port)


async def system_resolver(host: str, port: int) -> list[str]:
    """All addresses the system resolver gives for `host`, in its order."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = str(sockaddr[0]).split("%", 1)[0]
        if addr not in out:
            out.append(addr)
    return out


class SafeNetworkBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that resolves, checks, then connects to a checked address."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None) -> None:
        self.policy = policy
        self.resolver = resolver or system_resolver
        self._inner = httpcore.AnyIOBackend()
        # (host, address) of the latest connections opened; for tests and debugging.
        self.connections: deque[tuple[str, str]] = deque(maxlen=256)

    async def resolve_checked(self, host: str, port: int) -> list[str]:
        host = host.strip("[]")
        literal = _ip(host)
        if literal is not None:
            self.policy.check(literal)
            return [str(literal)]
        if host == "localhost" or host.endswith(".localhost"):
            self.policy.check(ipaddress.ip_address("127.0.0.1"))
        try:
            addresses = await self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchFailure("dns", host=host) from exc
        checked: list[str] = []
        for addr in addresses:
            ip = _ip(addr)
            if ip is None:
                raise FetchFailure("dns", host=host)
            self.policy.check(ip, resolved=True)  # every address, not just the first
            checked.append(str(ip))
        if not checked:
            raise FetchFailure("dns", host=host)
        return checked

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            with anyio.fail_after(timeout):
                addresses = await self.resolve_checked(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
        last: Exception | None = None
        for addr in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    addr,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self.connections.append((host, addr))
            log.debug("connected to %s (%s) port %d", host, addr, port)
            return stream
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - never configured
        raise FetchFailure("bad_url", url=path)

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)
