"""HTTP mode refuses bad requests early (4xx, one log line, no work) and serves
/readyz and /metrics. Each request is sent over a real socket to the running bot."""

from __future__ import annotations

import datetime as dt
import logging
import re
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.fakes import slack_requests as sr

MB = 1024 * 1024


def _raw(url: str, head: str, body_parts: list[bytes], timeout: float = 5.0) -> int:
    """Send a request by hand (headers, then body parts) and return the status."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(head.encode())
        try:
            for p in body_parts:
                sock.sendall(p)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body was all sent
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    assert m, data[:200]
    return int(m.group(1))


def test_a_huge_declared_body_is_refused_before_it_is_read(http_server: Any) -> None:
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {50 * MB}\r\n\r\n"
    )
    t0 = time.monotonic()
    # Only 2 MB of the 50 MB announced are sent: a server waiting for all of them
    # would never answer (the socket times out and the test fails).
    assert _raw(http_server.url, head, [b"x" * MB, b"x" * MB]) == 413
    assert time.monotonic() - t0 < 5


def test_a_huge_chunked_body_is_refused_while_streaming(http_server: Any) -> None:
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (256 * 1024, b"y" * 256 * 1024)
    # 2 MB in chunks and no final chunk: only a streaming check can answer.
    assert _raw(http_server.url, head, [chunk] * 8) == 413


@pytest.mark.parametrize(
    ("body", "signed", "status"),
    [
        (b"\xff\xfe not utf-8 \xc3\x28", True, 400),
        (b"\xff\xfe not utf-8 \xc3\x28", False, 401),
        (b"payload=%7Bnot+json", True, 400),
        (b"payload=%7Bnot+json", False, 401),
    ],
)
def test_malformed_bodies_get_a_4xx_and_one_log_line(
    http_bot: Any, caplog: pytest.LogCaptureFixture, body: bytes, signed: bool, status: int
) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signed:
        headers.update(sr.signed_headers(body))
    with caplog.at_level(logging.WARNING):
        r = http_bot.post(body, headers)
    assert r.status_code == status
    lines = [rec for rec in caplog.records if rec.name.startswith("briefbot")]
    assert len(lines) == 1 and "refused" in lines[0].getMessage()
    assert not any(rec.exc_info for rec in caplog.records)


def test_a_non_numeric_timestamp_is_a_401(http_bot: Any) -> None:
    body = sr.command_body("Kelly", http_bot.rx.new_url())
    headers = sr.signed_headers(body)
    headers["X-Slack-Request-Timestamp"] = "soon"
    assert http_bot.post(body, headers).status_code == 401


def test_healthz_and_readyz(http_bot: Any) -> None:
    assert http_bot.http.get("/healthz").json()["ok"] is True
    r = http_bot.http.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"ok": True, "database": True, "migrations_current": True}


def _sample(text: str, name: str, labels: str = "") -> float:
    m = re.search(rf"^{re.escape(name + labels)} (\S+)$", text, re.M)
    return float(m.group(1)) if m else 0.0


def test_metrics_move_after_a_command_an_ingest_and_a_digest(
    http_bot: Any, http_ctx: Any, site: Any, fake_slack: Any
) -> None:
    from bot.scheduler.delivery import DigestDelivery
    from bot.scheduler.ratelimit import RateLimiter
    from bot.scheduler.slackpost import SlackPoster, make_client
    from tests.bot.scheduler.support import add_articles, subscribe
    from tests.fakes import BOT_TOKEN

    before = http_bot.http.get("/metrics").text
    assert "briefbot_queue_depth" in before and "briefbot_leader" in before

    # A command.
    http_bot.ask("Kelly")
    # An ingest: `/brief <url>` of a page not stored yet.
    sent = http_bot.command(site.url("/news/straw-tehran.html?metrics=1"))
    http_bot.rx.wait(sent.response_url, 2, timeout=30)
    # A digest, posted to the fake Slack.
    add_articles(http_ctx.store, 2, prefix="metrics")
    subscribe(http_ctx.store, "CMETRICS")
    delivery = DigestDelivery(
        http_ctx.store,
        SlackPoster(make_client(BOT_TOKEN, fake_slack.api_url)),
        RateLimiter(600),
        worker_id="metrics-test",
    )
    delivery.deliver("T0FAKE", "CMETRICS", dt.datetime.now(dt.UTC).replace(microsecond=0))

    after = http_bot.http.get("/metrics").text
    assert (
        _sample(after, "briefbot_commands_total", '{kind="official"}')
        == _sample(before, "briefbot_commands_total", '{kind="official"}') + 1
    )
    assert (
        _sample(after, "briefbot_answer_seconds_count")
        >= _sample(before, "briefbot_answer_seconds_count") + 2
    )
    assert (
        _sample(after, "briefbot_ack_seconds_count")
        >= _sample(before, "briefbot_ack_seconds_count") + 2
    )
    new = '{outcome="new"}'
    assert (
        _sample(after, "briefbot_articles_ingested_total", new)
        == _sample(before, "briefbot_articles_ingested_total", new) + 1
    )
    assert (
        _sample(after, "briefbot_extraction_seconds_count")
        == _sample(before, "briefbot_extraction_seconds_count") + 1
    )
    assert (
        _sample(after, "briefbot_digests_posted_total")
        >= _sample(before, "briefbot_digests_posted_total") + 1
    )
