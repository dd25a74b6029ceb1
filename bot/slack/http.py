"""HTTP mode: Bolt behind Starlette under uvicorn.

`POST /slack/events` takes slash commands, interactivity and events (Bolt verifies
the signature and the 5-minute timestamp window and answers 401 otherwise);
`GET /healthz` says whether the process and its database are up.

Bolt's `App.dispatch` is synchronous, so it runs on Starlette's thread pool and
never blocks the event loop; with process_before_response it returns as soon
as the listener has acknowledged.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import uvicorn
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .app import build_app, shutdown

if TYPE_CHECKING:
    from slack_bolt import App

    from ..context import AppContext

log = logging.getLogger("briefbot.slack.http")

EVENTS_PATH = "/slack/events"
MAX_BODY = 1024 * 1024  # Slack's payloads are far smaller


def create_asgi(app: App, ctx: AppContext) -> Starlette:
    async def events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        bolt_resp = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_resp)

    def db_ok() -> bool:
        try:
            with ctx.store.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def healthz(_request: Request) -> Response:
        ok = await run_in_threadpool(db_ok)
        return JSONResponse({"ok": ok, "mode": "http"}, status_code=200 if ok else 503)

    return Starlette(
        routes=[
            Route(EVENTS_PATH, events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
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
    ctx.executor.submit(lambda: ctx.extractor)  # warm the spaCy pipeline in the background
    try:
        server.serve()
    finally:
        shutdown(server.app)
        server.sock.close()
    return 0
