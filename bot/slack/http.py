"""HTTP mode: Bolt behind Starlette under uvicorn.

`POST /slack/events` takes slash commands, interactivity and events. Requests
are refused before any work: a body over 1 MiB (from Content-Length, or while
streaming) gets 413, a bad signature or a timestamp outside the 5-minute window
401 (checked before the body is parsed), a body that is not UTF-8 or not
well-formed 400; each refusal is one log line. In OAuth mode `GET /slack/install`
and `GET /slack/oauth_redirect` run Bolt's install flow. `GET /healthz` says the process
is up, `GET /readyz` that the database answers and its schema is current, and
`GET /metrics` serves Prometheus metrics (bot/metrics.py).

Bolt's `App.dispatch` is synchronous, so it runs on Starlette's thread pool and
never blocks the event loop; with process_before_response it returns as soon
as the listener has acknowledged.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import uvicorn
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from briefings.store.queue import CLAIMED, QUEUED, WorkQueue

from .. import metrics
from ..manifest import REDIRECT_PATH
from .app import INSTALL_PATH, build_app, shutdown

if TYPE_CHECKING:
    from slack_bolt import App

    from ..context import AppContext

log = logging.getLogger("briefbot.slack.http")

EVENTS_PATH = "/slack/events"
MAX_BODY = 1024 * 1024  # Slack's payloads are far smaller
SIGNATURE_WINDOW = 60 * 5  # seconds, as Slack documents


class Refused(Exception):
    """A request turned away before any work, with its status and one log line."""

    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, refused from its Content-Length or as soon as it grows past `limit`
    (a 50 MB upload is never held in memory)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Refused(400, "bad Content-Length")
        if int(declared) > limit:
            raise Refused(413, f"body of {declared} bytes over the {limit}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"body over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def check_signature(secret: str | None, headers: Any, body: bytes) -> None:
    """Slack's signature and 5-minute window, checked before the body is parsed."""
    if not secret:  # Socket Mode apps have no signing secret; HTTP mode always has one
        return
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature:
        raise Refused(401, "unsigned request")
    if not timestamp.isdigit():
        raise Refused(401, "non-numeric request timestamp")
    if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW:
        raise Refused(401, "stale request timestamp")
    # Over the raw bytes (slack_sdk's verifier decodes the body first, and raises on non-UTF-8).
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Refused(401, "bad signature")


def check_form(headers: Any, body: bytes) -> None:
    """Slack sends UTF-8 form or JSON bodies; anything else is a client error."""
    try:
        text_body = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    kind = (headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if kind == "application/json":
        try:
            json.loads(text_body)
        except ValueError:
            raise Refused(400, "malformed JSON body") from None
    elif "payload=" in text_body:
        payload = parse_qs(text_body).get("payload", [""])[0]
        try:
            json.loads(payload)
        except ValueError:
            raise Refused(400, "malformed interactivity payload") from None


def create_asgi(app: App, ctx: AppContext) -> Starlette:
    secret = ctx.settings.slack_signing_secret
    secret_value = secret.get_secret_value() if secret else None

    async def events(request: Request) -> Response:
        started = time.perf_counter()
        try:
            body = await read_body(request)
            check_signature(secret_value, request.headers, body)
            check_form(request.headers, body)
            bolt_request = to_bolt_request(request, body)
        except Refused as exc:
            metrics.REFUSED.labels(str(exc.status)).inc()
            client = request.client.host if request.client else "?"
            log.warning("refused a request from %s: %d %s", client, exc.status, exc)
            return Response(status_code=exc.status)
        bolt_resp = await run_in_threadpool(app.dispatch, bolt_request)
        metrics.ACK_SECONDS.observe(time.perf_counter() - started)
        return to_starlette_response(bolt_resp)

    async def install(request: Request) -> Response:
        """OAuth mode: GET /slack/install starts an install (a state cookie, then Slack's
        authorize page); GET /slack/oauth_redirect finishes it (oauth.v2.access, the
        installation stored). Both are Bolt's `OAuthFlow`; no body is read."""
        flow = app.oauth_flow
        if flow is None:
            return Response(status_code=404)
        bolt_request = to_bolt_request(request, b"")
        if request.url.path == flow.install_path:
            bolt_resp = await run_in_threadpool(flow.handle_installation, bolt_request)
        else:
            bolt_resp = await run_in_threadpool(flow.handle_callback, bolt_request)
        return to_starlette_response(bolt_resp)

    async def healthz(_request: Request) -> Response:
        """The process is up (for liveness probes: never touches the database)."""
        return JSONResponse({"ok": True, "mode": "http"})

    async def readyz(_request: Request) -> Response:
        """Ready for traffic: the database answers and its schema is current."""
        db = await run_in_threadpool(ctx.store.ping)
        current = db and await run_in_threadpool(ctx.store.schema_current)
        ok = db and current
        return JSONResponse(
            {"ok": ok, "database": db, "migrations_current": current},
            status_code=200 if ok else 503,
        )

    def queue_depth() -> int:
        queue = ctx.scheduler.queue if ctx.scheduler is not None else WorkQueue(ctx.store)
        counts = queue.counts()
        return counts.get(QUEUED, 0) + counts.get(CLAIMED, 0)

    def is_leader() -> bool:
        return ctx.scheduler is not None and ctx.scheduler.is_leader

    metrics.LIVE.queue_depth = queue_depth
    metrics.LIVE.is_leader = is_leader

    async def scrape(_request: Request) -> Response:
        data = await run_in_threadpool(metrics.exposition)
        return Response(data, media_type=metrics.CONTENT_TYPE)

    return Starlette(
        routes=[
            Route(EVENTS_PATH, events, methods=["POST"]),
            Route(INSTALL_PATH, install, methods=["GET"]),
            Route(REDIRECT_PATH, install, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", scrape, methods=["GET"]),
        ]
    )


class _Server(uvicorn.Server):
    """uvicorn re-raises SIGTERM after its graceful shutdown (so the process dies of
    the signal); briefbot shuts down gracefully and exits 0 instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        sigs = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in sigs}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


class HttpServer:
    """uvicorn serving the bot; `start()` in a thread (tests, bench) or `serve()` blocking."""

    def __init__(
        self,
        ctx: AppContext,
        app: App | None = None,
        *,
        host: str | None = None,
        port: int | None = None,
        **uvicorn_options: Any,
    ) -> None:
        """`uvicorn_options` go to `uvicorn.Config` (e.g. http="h11", loop="asyncio");
        by default uvicorn picks httptools and uvloop when they are installed."""
        self.ctx = ctx
        self.app = app or build_app(ctx)
        self.asgi = create_asgi(self.app, ctx)
        host = host if host is not None else ctx.settings.host
        port = port if port is not None else ctx.settings.port
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(2048)
        self.config = uvicorn.Config(
            self.asgi,
            log_level="warning",
            access_log=False,
            backlog=2048,
            timeout_keep_alive=30,
            lifespan="off",
            **uvicorn_options,
        )
        self.server = _Server(self.config)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    @property
    def url(self) -> str:
        host = self.sock.getsockname()[0]
        host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return f"http://{host}:{self.port}"

    def serve(self) -> None:
        log.info("HTTP mode: listening on %s%s", self.url, EVENTS_PATH)
        self.server.run(sockets=[self.sock])

    def start(self, timeout: float = 10.0) -> HttpServer:
        self._thread = threading.Thread(target=self.serve, name="briefbot-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the HTTP server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        shutdown(self.app)
        self.sock.close()


def run_http(ctx: AppContext) -> int:
    server = HttpServer(ctx)
    ctx.executor.submit(ctx.url_extractor.warm)  # start the extraction process meanwhile
    try:
        server.serve()
    finally:
        shutdown(server.app)
        server.sock.close()
    return 0
