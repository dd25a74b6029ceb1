"""The bot running for real against the fake Slack: in HTTP mode (uvicorn on an
ephemeral port) and in Socket Mode (the builtin client on the fake's WebSocket).

Each test module gets its own SQLite file with the seed article ingested with
the real spaCy pipeline (the session `nlp` fixture).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.context import AppContext, build_context
from bot.settings import load_settings
from bot.slack.app import build_app, build_client, shutdown
from bot.slack.http import HttpServer
from bot.slack.socket import socket_handler
from tests.fakes import APP_TOKEN, BOT_TOKEN, FakeSlack, ResponseReceiver, WebServer
from tests.fakes import slack_requests as sr

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "kelly-tokyo-2003.txt"

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2003-11-25T09:00:00Z"></head>
<body><nav>Home | World | Asia</nav>
<article><h1>{title}</h1>
{paragraphs}
</article><footer>Copyright Example News</footer></body></html>"""


def article_page(title: str, text: str) -> str:
    paras = "\n".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return ARTICLE_HTML.format(title=title, paragraphs=paras)


def make_settings(fake: FakeSlack, db: Path, *, socket: bool = False) -> Any:
    return load_settings(
        env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=None if socket else sr.SIGNING_SECRET,
        slack_app_token=APP_TOKEN if socket else None,
        slack_api_url=fake.api_url,
        database_url=f"sqlite:///{db}",
        briefbot_timezone="UTC",
        briefbot_allow_private_hosts=True,
        briefbot_unfurl_domains="127.0.0.1,news.example",
        briefbot_fetch_timeout=1.0,
        briefbot_workers=2,
        host="127.0.0.1",
    )


def make_context(settings: Any, nlp: Any) -> AppContext:
    from briefings.ingest import ingest
    from briefings.loaders import load_paths

    ctx = build_context(settings)
    ctx.__dict__["nlp"] = nlp  # the session pipeline, instead of loading another
    report = load_paths([SEED])
    ingest(report.articles, ctx.extractor, ctx.store)
    return ctx


@pytest.fixture(scope="session")
def site() -> Iterator[WebServer]:
    text = SEED.read_text(encoding="utf-8")
    other = (
        "British Foreign Secretary Jack Straw met Iranian Foreign Minister Kamal Kharrazi "
        "in Tehran on Monday.\nStraw and Kharrazi agreed to resume talks on the nuclear "
        "programme next month.\nStraw will travel to Baghdad on Wednesday before returning "
        "to London."
    )
    server = WebServer(
        {
            "/news/kelly-tokyo.html": ("text/html", article_page("Kelly in Tokyo", text)),
            "/news/straw-tehran.html": ("text/html", article_page("Straw in Tehran", other)),
            "/feed.xml": ("application/rss+xml", "<rss version='2.0'><channel></channel></rss>"),
        },
        hang_seconds=20,
    ).start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Sent:
    status: int
    elapsed: float
    response_url: str | None
    body: str
    envelope_id: str | None = None


class HttpDriver:
    """Sends what Slack sends, over HTTP, to the running bot."""

    mode = "http"

    def __init__(self, server: HttpServer, rx: ResponseReceiver, fake: FakeSlack) -> None:
        self.server = server
        self.rx = rx
        self.fake = fake
        self.http = httpx.Client(base_url=server.url, timeout=10)

    def post(self, body: bytes, headers: dict[str, str]) -> httpx.Response:
        return self.http.post("/slack/events", content=body, headers=headers)

    def command(
        self,
        text: str,
        *,
        secret: str = sr.SIGNING_SECRET,
        timestamp: float | None = None,
        **fields: Any,
    ) -> Sent:
        url = self.rx.new_url()
        body = sr.command_body(text, url, **fields)
        t0 = time.monotonic()
        r = self.post(body, sr.signed_headers(body, secret=secret, timestamp=timestamp))
        return Sent(r.status_code, time.monotonic() - t0, url, r.text)

    def action(self, action_id: str, value: str, *, container: str = "message", **kw: Any) -> Sent:
        url = self.rx.new_url() if container == "message" else None
        payload = sr.action_payload(action_id, value, url, container=container, **kw)
        body = sr.action_body(payload)
        t0 = time.monotonic()
        r = self.post(body, sr.signed_headers(body))
        return Sent(r.status_code, time.monotonic() - t0, url, r.text)

    def interactive(self, payload: dict[str, Any]) -> Sent:
        """Any interaction payload (shortcut, view submission), signed, over HTTP."""
        body = sr.action_body(payload)
        t0 = time.monotonic()
        r = self.post(body, sr.signed_headers(body))
        return Sent(r.status_code, time.monotonic() - t0, payload.get("response_url"), r.text)

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Sent:
        import json

        body = json.dumps(sr.event_payload(event, event_id=event_id)).encode()
        headers = sr.signed_headers(body, content_type="application/json", retry_num=retry_num)
        t0 = time.monotonic()
        r = self.post(body, headers)
        return Sent(r.status_code, time.monotonic() - t0, None, r.text)

    def ask(self, text: str, n: int = 1, **kw: Any) -> list[dict[str, Any]]:
        sent = self.command(text, **kw)
        assert sent.status == 200, sent.body
        assert sent.response_url is not None
        return self.rx.wait(sent.response_url, n)


class SocketDriver:
    """Sends the same things as Socket Mode envelopes over the fake's WebSocket."""

    mode = "socket"

    def __init__(self, rx: ResponseReceiver, fake: FakeSlack) -> None:
        self.rx = rx
        self.fake = fake
        self.sm = fake.socket

    def _send(self, kind: str, payload: dict[str, Any], url: str | None, **kw: Any) -> Sent:
        eid = self.sm.send(kind, payload, **kw)
        ack = self.sm.wait_ack(eid, timeout=3)
        return Sent(200, self.sm.ack_latency(eid), url, str(ack), envelope_id=eid)

    def command(self, text: str, **fields: Any) -> Sent:
        url = self.rx.new_url()
        return self._send("slash_commands", sr.command_fields(text, url, **fields), url)

    def action(self, action_id: str, value: str, *, container: str = "message", **kw: Any) -> Sent:
        url = self.rx.new_url() if container == "message" else None
        return self._send(
            "interactive", sr.action_payload(action_id, value, url, container=container, **kw), url
        )

    def interactive(self, payload: dict[str, Any]) -> Sent:
        return self._send("interactive", payload, payload.get("response_url"))

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Sent:
        payload = sr.event_payload(event, event_id=event_id)
        return self._send("events_api", payload, None, retry_attempt=retry_num or 0)

    def ask(self, text: str, n: int = 1, **kw: Any) -> list[dict[str, Any]]:
        sent = self.command(text, **kw)
        assert sent.response_url is not None
        return self.rx.wait(sent.response_url, n)


@pytest.fixture(scope="module")
def http_ctx(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack, nlp: Any
) -> Iterator[AppContext]:
    db = tmp_path_factory.mktemp("slack-http") / "briefbot.db"
    ctx = make_context(make_settings(fake_slack, db), nlp)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def http_server(http_ctx: AppContext) -> Iterator[HttpServer]:
    app = build_app(http_ctx, client=build_client(http_ctx.settings, timeout=2))
    server = HttpServer(http_ctx, app, host="127.0.0.1", port=0).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def http_bot(
    http_server: HttpServer, slack_responses: ResponseReceiver, fake_slack: FakeSlack
) -> Iterator[HttpDriver]:
    fake_slack.reset()
    driver = HttpDriver(http_server, slack_responses, fake_slack)
    try:
        yield driver
    finally:
        driver.http.close()
        assert not fake_slack.invalid, fake_slack.invalid


@pytest.fixture(scope="module")
def socket_ctx(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack, nlp: Any
) -> Iterator[AppContext]:
    db = tmp_path_factory.mktemp("slack-socket") / "briefbot.db"
    ctx = make_context(make_settings(fake_slack, db, socket=True), nlp)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def socket_handler_running(socket_ctx: AppContext, fake_slack: FakeSlack) -> Iterator[Any]:
    app = build_app(socket_ctx, client=build_client(socket_ctx.settings, timeout=2))
    handler = socket_handler(socket_ctx, app)
    handler.connect()
    fake_slack.socket.wait_connected()
    try:
        yield handler
    finally:
        handler.close()
        shutdown(app)


@pytest.fixture
def socket_bot(
    socket_handler_running: Any, slack_responses: ResponseReceiver, fake_slack: FakeSlack
) -> Iterator[SocketDriver]:
    fake_slack.reset()
    yield SocketDriver(slack_responses, fake_slack)
    assert not fake_slack.invalid, fake_slack.invalid


@pytest.fixture(params=["http", "socket"])
def bot(request: pytest.FixtureRequest) -> Any:
    """The same test over HTTP and over Socket Mode."""
    return request.getfixturevalue(f"{request.param}_bot")
