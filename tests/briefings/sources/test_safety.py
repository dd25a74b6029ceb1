"""Refusing loopback, private, link-local... addresses, before any connection."""

from __future__ import annotations

import ipaddress

import pytest

from briefings.errors import FetchError
from briefings.sources import Fetcher, FetchFailure, FetchPolicy, check_link
from briefings.sources.safety import AddressPolicy, address_kind, check_url
from tests.briefings.sources.helpers import LOCAL, run
from tests.briefings.sources.server import LocalServer


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link_local"),
        ("fe80::1", "link_local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:a9fe:a9fe::1", "link_local"),  # 6to4 wrapping 169.254.169.254
        ("64:ff9b::a00:1", "private"),  # NAT64 wrapping 10.0.0.1
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    ("url", "kind", "text"),
    [
        ("ftp://example.org/file", "not_http", "only http:// and https:// links"),
        ("file:///etc/passwd", "not_http", "not file:"),
        ("javascript:alert(1)", "not_http", "not javascript:"),
        ("gopher://example.org/", "not_http", "not gopher:"),
        ("example.org/news", "bad_url", "not a web address"),
        ("http://", "no_host", "no site name"),
        ("http://user:secret@example.org/", "credentials", "user name or password"),
        ("http://example.org:99999/", "bad_port", "invalid port"),
        ("http://127.0.0.1/", "loopback", "the bot's own machine"),
        ("http://localhost:8080/", "loopback", "the bot's own machine"),
        ("http://LOCALHOST./", "loopback", "the bot's own machine"),
        ("http://api.localhost/", "loopback", "the bot's own machine"),
        ("http://10.0.0.1/", "private", "is on a private network"),
        ("http://169.254.169.254/latest/meta-data/", "link_local", "cloud metadata"),
        ("http://[::1]:8000/", "loopback", "the bot's own machine"),
        ("http://[::ffff:192.168.0.1]/", "private", "private network"),
        ("http://0.0.0.0:80/", "unspecified", "not a real destination"),
    ],
)
def test_check_url_refuses_without_network(url: str, kind: str, text: str) -> None:
    with pytest.raises(FetchFailure) as info:
        check_url(url, AddressPolicy())
    assert info.value.kind == kind
    assert text in str(info.value)
    assert isinstance(info.value, FetchError)


def test_check_link_returns_canonical_url() -> None:
    assert check_link("HTTPS://Example.org/a?utm_source=x#top") == "https://example.org/a"
    with pytest.raises(FetchError, match="private network"):
        check_link("http://192.168.0.10/feed.xml")


def test_allowed_networks_and_allow_private() -> None:
    narrow = AddressPolicy.build(False, ["127.0.0.1/32"])
    check_url("http://127.0.0.1:9/", narrow)
    with pytest.raises(FetchFailure, match="private network"):
        check_url("http://10.0.0.1/", narrow)
    everything = AddressPolicy.build(True)
    for url in ("http://127.0.0.1/", "http://10.0.0.1/", "http://[::1]/", "http://localhost/"):
        check_url(url, everything)


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("127.0.0.1", "(127.0.0.1) is the bot's own machine"),
        ("localhost", "(127.0.0.1) is the bot's own machine"),
        ("10.20.30.40", "(10.20.30.40) is on a private network"),
        ("169.254.169.254", "(169.254.169.254) is link-local"),
        ("[::1]", "(::1) is the bot's own machine"),
        # Odd spellings of 127.0.0.1 that only the resolver understands: the
        # resolved address is what gets checked.
        ("2130706433", "(127.0.0.1) is the bot's own machine"),
        ("0x7f.0.0.1", "(127.0.0.1) is the bot's own machine"),
        ("127.1", "(127.0.0.1) is the bot's own machine"),
    ],
)
def test_fetch_refused_before_connecting(server: LocalServer, host: str, message: str) -> None:
    """With the default policy nothing non-public is fetched, and nothing is sent."""
    before = sum(server.hits.values())

    async def go() -> Fetcher:
        async with Fetcher(FetchPolicy()) as f:
            with pytest.raises(FetchError) as info:
                await f.fetch_article(f"http://{host}:{server.port}/anything")
            assert message in str(info.value)
            return f

    fetcher = run(go())
    assert list(fetcher.downloader.backend.connections) == []
    assert sum(server.hits.values()) == before


def test_every_resolved_address_is_checked(server: LocalServer) -> None:
    """One private address among the answers is enough to refuse."""
    server.add("/mixed", "<html><body><p>hello</p></body></html>")
    asked: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1", "10.9.8.7"]

    async def go() -> None:
        async with Fetcher(LOCAL, resolver=resolver) as f:
            with pytest.raises(FetchError, match=r"not on the public internet") as info:
                await f.fetch_article(f"http://mixed.example:{server.port}/mixed")
            # The refusal does not tell what the name resolves to.
            assert "10.9.8.7" not in str(info.value)
            assert list(f.downloader.backend.connections) == []

    run(go())
    assert asked == ["mixed.example"]
    assert server.hits["/mixed"] == 0


def test_names_resolve_once_and_connect_to_the_checked_address(server: LocalServer) -> None:
    """The address checked is the address connected to (no DNS rebinding window)."""
    body = "<html><head><title>Named</title></head><body><article>"
    body += "<p>The foreign minister met her counterpart in Geneva on Tuesday.</p>" * 5
    body += "</article></body></html>"
    server.add("/named", body)
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])  # a rebinding resolver

    async def resolver(host: str, port: int) -> list[str]:
        return next(answers)

    async def go() -> list[tuple[str, str]]:
        async with Fetcher(LOCAL, resolver=resolver) as f:
            article = await f.fetch_article(f"http://news.example:{server.port}/named")
            assert "Geneva" in article.text
            return list(f.downloader.backend.connections)

    assert run(go()) == [("news.example", "127.0.0.1")]
    seen = [s for s in server.seen if s.path == "/named"][-1]
    assert seen.headers["host"] == f"news.example:{server.port}"

    async def again() -> None:  # a new connection resolves again, and is checked again
        async with Fetcher(LOCAL, resolver=resolver) as f:
            with pytest.raises(FetchError, match="private network"):
                await f.fetch_article(f"http://news.example:{server.port}/named")

    run(again())


def test_unknown_host_message(server: LocalServer) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    async def go() -> None:
        async with Fetcher(LOCAL, resolver=resolver) as f:
            with pytest.raises(FetchError, match=r"the site no-such\.example could not be found"):
                await f.fetch_article("http://no-such.example/news")

    run(go())


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://169.254.169.254/latest/meta-data/", "(169.254.169.254) is link-local"),
        ("http://10.0.0.1/admin", "(10.0.0.1) is on a private network"),
        ("http://[::1]:{port}/page", "(::1) is the bot's own machine"),
        ("file:///etc/passwd", "only http:// and https:// links"),
    ],
)
def test_redirects_are_checked_at_every_hop(server: LocalServer, target: str, message: str) -> None:
    path = f"/redirect-to-{abs(hash(target))}"
    server.add(path, "", status=302, headers={"Location": target.format(port=server.port)})

    async def go() -> list[tuple[str, str]]:
        async with Fetcher(LOCAL) as f:
            with pytest.raises(FetchError) as info:
                await f.fetch_article(server.url(path))
            assert message in str(info.value)
            return list(f.downloader.backend.connections)

    # Only the allowed first hop was connected to.
    assert run(go()) == [("127.0.0.1", "127.0.0.1")]
    assert server.hits[path] == 1
