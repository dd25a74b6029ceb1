"""The bounded downloader against a real local server: sizes, timeouts, redirects, types."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from briefings.errors import FetchError
from briefings.models import Article
from briefings.sources import USER_AGENT, Fetcher, FetchFailure, FetchPolicy
from briefings.sources.fetch import Downloader, Fetched
from tests.briefings.sources.helpers import LOCAL, run
from tests.briefings.sources.server import LocalServer, page_html

TEXT = "\n".join(
    f"Paragraph {i}: the ministers met in Brussels and agreed to continue the talks next month."
    for i in range(12)
)
MB = 1024 * 1024


def fetch(url: str, policy: FetchPolicy = LOCAL) -> Fetched:
    async def go() -> Fetched:
        async with Downloader(policy) as d:
            return await d.get(url)

    return run(go())


def failure(url: str, policy: FetchPolicy = LOCAL) -> FetchFailure:
    with pytest.raises(FetchFailure) as info:
        fetch(url, policy)
    return info.value


def test_user_agent_and_accept(server: LocalServer) -> None:
    url = server.add("/ua", page_html("UA", TEXT))
    fetch(url)
    seen = [s for s in server.seen if s.path == "/ua"][-1]
    assert seen.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("briefbot/") and "(+https://github.com/briefbot)" in USER_AGENT
    assert "text/html" in seen.headers["accept"]
    assert "gzip" in seen.headers["accept-encoding"]


@pytest.mark.parametrize(("gz", "chunked"), [(True, False), (False, True), (True, True)])
def test_gzip_and_chunked(server: LocalServer, gz: bool, chunked: bool) -> None:
    path = f"/enc-{int(gz)}{int(chunked)}"
    url = server.add(path, page_html("Encoded", TEXT), gzip=gz, chunked=chunked)
    got = fetch(url)
    assert isinstance(got.body, bytes)
    assert b"Paragraph 11" in got.body
    article = run(_article(url))
    assert "Paragraph 11" in article.text


async def _article(url: str, policy: FetchPolicy = LOCAL) -> Article:
    async with Fetcher(policy) as f:
        return await f.fetch_article(url)


def test_redirect_chain_is_followed_and_recorded(server: LocalServer) -> None:
    final = server.add("/chain/3", page_html("Chain", TEXT))
    server.add("/chain/2", "", status=301, headers={"Location": final})
    server.add("/chain/1", "", status=302, headers={"Location": "/chain/2"})  # relative
    got = fetch(server.url("/chain/1"))
    assert got.final_url == final
    assert got.redirects == (server.url("/chain/2"), final)


def test_infinite_redirect_loop(server: LocalServer) -> None:
    server.add("/loop", "", status=302, headers={"Location": "/loop"})
    err = failure(server.url("/loop"))
    assert str(err) == "too many redirects (more than 5)"
    assert server.hits["/loop"] == 6  # the first request and 5 redirects, no more


def test_redirect_limit_follows_the_policy(server: LocalServer) -> None:
    server.add("/loop2/a", "", status=307, headers={"Location": "/loop2/b"})
    server.add("/loop2/b", "", status=308, headers={"Location": "/loop2/a"})
    err = failure(server.url("/loop2/a"), dataclasses.replace(LOCAL, max_redirects=2))
    assert str(err) == "too many redirects (more than 2)"


def test_redirect_without_location(server: LocalServer) -> None:
    server.add("/nowhere", "", status=302)
    assert str(failure(server.url("/nowhere"))) == "the site redirected without saying where to"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "the page was not found (404); check the link"),
        (410, "the page has been removed (410)"),
        (403, "the site refused access (403); the page may need a login"),
        (429, "the site asks us to slow down (429); try again later"),
        (503, "the site had an error (503); try again later"),
        (418, "the site answered 418 instead of the page"),
    ],
)
def test_http_errors(server: LocalServer, status: int, message: str) -> None:
    url = server.add(f"/status/{status}", "<p>nope</p>", status=status)
    assert str(failure(url)) == message


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "that is a PDF, not a web page"),
        ("text/html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 binary", "that is a PDF, not a web page"),
        ("application/octet-stream", b"%PDF-1.4\n", "that is a PDF, not a web page"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "that is an image, not a web page"),
        ("", b"\xff\xd8\xff\xe0JFIF", "that is an image, not a web page"),
        ("video/mp4", b"\x00\x00\x00 ftypmp42", "that is a video, not a web page"),
        ("application/zip", b"PK\x03\x04", "that is an archive file, not a web page"),
        (
            "application/vnd.ms-excel",
            b"xx",
            "that is application/vnd.ms-excel, not a web page or feed",
        ),
    ],
)
def test_non_html_is_refused(
    server: LocalServer, content_type: str, body: bytes, message: str
) -> None:
    path = f"/type/{abs(hash((content_type, body)))}"
    url = server.add(path, body, content_type=content_type)
    assert str(failure(url)) == message


def test_declared_50_mb_body_is_refused_without_reading(server: LocalServer) -> None:
    path = "/huge-declared"

    def huge(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(50 * MB))
        h.end_headers()
        block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(50 * MB // len(block)):
            server.write(h, path, block)

    url = server.handle(path, huge)
    started = time.monotonic()
    err = failure(url)
    assert str(err) == "the page is 50 MB; the limit is 5 MB"
    assert time.monotonic() - started < 5
    server.done[path].wait(10)
    assert server.sent[path] < 20 * MB


def test_streamed_50_mb_body_stops_at_the_limit(server: LocalServer) -> None:
    """No Content-Length (chunked): reading stops just past 5 MB."""
    path = "/huge-chunked"

    def huge(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        block = b"<p>" + b"y" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(50 * MB // len(block)):
            server.write(h, path, b"%x\r\n%s\r\n" % (len(block), block))
        server.write(h, path, b"0\r\n\r\n")

    url = server.handle(path, huge)
    err = failure(url)
    assert str(err) == "the page is larger than 5 MB, the limit; it was not read further"
    server.done[path].wait(10)
    assert server.sent[path] < 25 * MB


def test_gzip_bomb_is_bounded_by_decompressed_size(server: LocalServer) -> None:
    import gzip

    bomb = gzip.compress(b"<p>" + b" " * (20 * MB) + b"</p>")
    assert len(bomb) < MB
    url = server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    err = failure(url)
    assert err.kind == "too_large_streamed"


def _drip(server: LocalServer, path: str, *, headers_first: bool) -> None:
    payload = page_html("Drip", TEXT).encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"Content-Length: %d\r\n\r\n" % len(
        payload
    )

    def drip(h: BaseHTTPRequestHandler) -> None:
        if headers_first:
            server.write(h, path, head)
            data = payload
        else:
            data = head + payload
        for i in range(len(data)):
            server.write(h, path, data[i : i + 1])
            time.sleep(1.0)

    server.handle(path, drip)


def test_slow_drip_before_headers_times_out(server: LocalServer) -> None:
    """One byte a second: each read succeeds, the total timeout ends it."""
    _drip(server, "/drip-head", headers_first=False)
    policy = dataclasses.replace(LOCAL, read_timeout=3.0, total_timeout=1.5)
    started = time.monotonic()
    err = failure(server.url("/drip-head"), policy)
    assert str(err) == "the page did not answer within 1.5 s"
    assert time.monotonic() - started < 3


def test_slow_drip_body_times_out(server: LocalServer) -> None:
    _drip(server, "/drip-body", headers_first=True)
    policy = dataclasses.replace(LOCAL, read_timeout=3.0, total_timeout=1.5)
    err = failure(server.url("/drip-body"), policy)
    assert str(err) == "the page did not finish loading within 1.5 s"


def test_silent_server_read_timeout(server: LocalServer) -> None:
    def silent(h: BaseHTTPRequestHandler) -> None:
        time.sleep(2.0)

    url = server.handle("/silent", silent)
    policy = dataclasses.replace(LOCAL, read_timeout=0.5, total_timeout=5.0)
    assert str(failure(url, policy)) == "the page did not answer within 0.5 s"


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = failure(f"http://127.0.0.1:{port}/")
    assert str(err) == "could not connect to 127.0.0.1; the site may be down"


def test_empty_body(server: LocalServer) -> None:
    url = server.add("/empty", b"   \n")
    assert str(failure(url)) == "the site sent an empty page"


def test_failures_do_not_stop_other_fetches(server: LocalServer) -> None:
    good = [server.add(f"/ok/{i}", page_html(f"Good {i}", TEXT)) for i in range(4)]
    server.add("/bad-loop", "", status=302, headers={"Location": "/bad-loop"})
    bad = [
        server.url("/bad-loop"),
        server.url("/missing"),
        "http://10.0.0.1/",
        f"http://[::1]:{server.port}/",
        server.add("/bad-pdf", b"%PDF-1.5", content_type="application/pdf"),
    ]

    async def go() -> list[object]:
        async with Fetcher(LOCAL) as f:
            return await asyncio.gather(
                *(f.fetch_article(u) for u in [*good, *bad]), return_exceptions=True
            )

    results = run(go())
    assert [r.title for r in results[:4] if isinstance(r, Article)] == [
        f"Good {i}" for i in range(4)
    ]
    assert all(isinstance(r, FetchError) for r in results[4:])
    messages = [str(r) for r in results[4:]]
    assert messages[0] == "too many redirects (more than 5)"
    assert "404" in messages[1]
    assert "private network" in messages[2]
    assert "own machine" in messages[3]
    assert "PDF" in messages[4]


def test_per_host_and_global_limits(server: LocalServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(h: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        body = page_html("Slow", TEXT).encode()
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        server.write(h, h.path, body)

    for i in range(6):
        server.handle(f"/slow/{i}", slow)

    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async def go(policy: FetchPolicy, hosts: list[str]) -> None:
        async with Downloader(policy, resolver=resolver) as d:
            await asyncio.gather(
                *(d.get(f"http://{hosts[i % len(hosts)]}:{server.port}/slow/{i}") for i in range(6))
            )

    run(go(dataclasses.replace(LOCAL, per_host_limit=2, global_limit=10), ["one.test"]))
    assert 1 <= state["max"] <= 2

    state["max"] = 0
    policy = dataclasses.replace(LOCAL, per_host_limit=3, global_limit=2)
    run(go(policy, ["a.test", "b.test", "c.test"]))
    assert 1 <= state["max"] <= 2


def test_polite_spacing_between_requests_to_one_host(server: LocalServer) -> None:
    for i in range(4):
        server.add(f"/spaced/{i}", page_html("Spaced", TEXT))

    async def go() -> None:
        policy = dataclasses.replace(LOCAL, per_host_limit=4, spacing=0.2)
        async with Downloader(policy) as d:
            await asyncio.gather(*(d.get(server.url(f"/spaced/{i}")) for i in range(4)))

    run(go())
    times = sorted(s.at for s in server.seen if s.path.startswith("/spaced/"))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) > 0.1  # spacing 0.2 s at the client; allow for arrival jitter


def test_fragment_is_not_sent(server: LocalServer) -> None:
    url = server.add("/frag", page_html("Frag", TEXT))
    got = fetch(url + "#section-2")
    assert got.final_url == url
