"""HTTP mode specifics: signatures, the 5-minute window, /healthz, `/brief <url>`
with a real local news site (and one that never answers)."""

from __future__ import annotations

import time
from typing import Any

import httpx

from briefings.store.channels import Channels


def _nothing_arrives(rx: Any, url: str, wait: float = 1.0) -> bool:
    time.sleep(wait)
    return rx.get(url) == []


def test_healthz(http_bot: Any) -> None:
    r = http_bot.http.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"ok": True, "mode": "http"}
    assert http_bot.http.get("/slack/events").status_code == 405


def test_wrong_signature_gets_401_and_no_work(http_bot: Any, http_ctx: Any) -> None:
    sent = http_bot.command("subscribe daily 08:00", secret="not-the-secret", channel_id="CFORGED")
    assert sent.status == 401
    assert _nothing_arrives(http_bot.rx, sent.response_url)
    assert Channels(http_ctx.store).subscription("T0FAKE", "CFORGED") is None


def test_old_timestamp_gets_401_and_no_work(http_bot: Any, http_ctx: Any) -> None:
    sent = http_bot.command(
        "subscribe daily 08:00", timestamp=time.time() - 301, channel_id="CREPLAY"
    )
    assert sent.status == 401
    assert _nothing_arrives(http_bot.rx, sent.response_url)
    assert Channels(http_ctx.store).subscription("T0FAKE", "CREPLAY") is None


def test_unsigned_and_tampered_requests_get_401(http_bot: Any) -> None:
    from tests.fakes import slack_requests as sr

    url = http_bot.rx.new_url()
    body = sr.command_body("Kelly", url)
    r = http_bot.post(body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 401
    headers = sr.signed_headers(body)
    r = http_bot.post(body.replace(b"Kelly", b"Blair"), headers)
    assert r.status_code == 401
    assert _nothing_arrives(http_bot.rx, url, 0.5)


def test_brief_an_article_url(http_bot: Any, site: Any) -> None:
    url = site.url("/news/straw-tehran.html")
    sent = http_bot.command(url)
    assert sent.status == 200 and sent.elapsed < 3
    first, second = http_bot.rx.wait(sent.response_url, 2, timeout=20)
    assert first["text"].startswith("Fetching")
    assert second["replace_original"] is True
    assert second["blocks"][0]["type"] == "header"
    assert "Straw" in second["text"]
    share = [
        e
        for b in second["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    ]
    assert share and share[0]["value"].startswith("briefing:")
    # Asked again: answered from the store at once, without fetching the page again.
    hits = len(site.hits)
    again = http_bot.command(url)
    (stored,) = http_bot.rx.wait(again.response_url, 1)
    assert stored["blocks"] == second["blocks"]
    assert len(site.hits) == hits


def test_a_source_that_never_answers_is_acked_at_once(http_bot: Any, site: Any) -> None:
    url = site.url("/hang/article.html")
    sent = http_bot.command(url)
    assert sent.status == 200
    assert sent.elapsed < 3.0  # Slack's operation_timeout is 3 s
    # Other commands are answered while the fetch hangs.
    kelly = http_bot.command("Kelly")
    assert kelly.elapsed < 1.0
    assert "James Kelly" in http_bot.rx.wait(kelly.response_url, 1)[0]["text"]
    first, second = http_bot.rx.wait(sent.response_url, 2, timeout=15)
    assert first["text"].startswith("Fetching")
    assert second["text"].startswith("I could not brief")
    assert "did not answer" in second["text"]


def test_a_missing_page_says_so(http_bot: Any, site: Any) -> None:
    sent = http_bot.command(site.url("/news/gone.html"))
    _, second = http_bot.rx.wait(sent.response_url, 2, timeout=15)
    assert "404" in second["text"]


def test_acks_are_fast_under_a_burst(http_server: Any, http_bot: Any) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=20) as pool:
        sent = list(pool.map(lambda _: http_bot.command("Kelly"), range(40)))
    assert all(s.status == 200 for s in sent)
    assert max(s.elapsed for s in sent) < 3.0  # Slack's operation_timeout
    for s in sent:
        assert "James Kelly" in http_bot.rx.wait(s.response_url, 1)[0]["text"]


def test_unknown_paths(http_server: Any) -> None:
    with httpx.Client(base_url=http_server.url) as c:
        assert c.get("/").status_code == 404
        assert c.post("/slack/other").status_code == 404


def test_private_addresses_are_refused_unless_allowed(
    http_bot: Any, http_ctx: Any, site: Any
) -> None:
    """The Slack path fetches through briefings.sources' policy: no SSRF."""
    http_ctx.settings.briefbot_allow_private_hosts = False
    try:
        sent = http_bot.command(site.url("/news/straw-tehran.html?private=refused"))
        _, second = http_bot.rx.wait(sent.response_url, 2, timeout=15)
    finally:
        http_ctx.settings.briefbot_allow_private_hosts = True
    assert second["text"].startswith("I could not brief")
    assert "only public sites can be fetched" in second["text"]
