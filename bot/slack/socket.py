"""Socket Mode: no public URL; Slack's envelopes arrive over a WebSocket that the
builtin slack_sdk client opens with the app-level token (apps.connections.open)."""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING

from slack_bolt.adapter.socket_mode import SocketModeHandler

from .app import SOCKET_LOGGER, build_app, shutdown

if TYPE_CHECKING:
    from slack_bolt import App

    from ..context import AppContext

log = logging.getLogger("briefbot.slack.socket")


def socket_handler(ctx: AppContext, app: App | None = None) -> SocketModeHandler:
    token = ctx.settings.slack_app_token
    if token is None:
        raise ValueError("SLACK_APP_TOKEN is not set")
    app = app or build_app(ctx)
    return SocketModeHandler(
        app,
        app_token=token.get_secret_value(),
        logger=logging.getLogger(SOCKET_LOGGER),
        concurrency=max(4, ctx.settings.briefbot_workers * 2),
    )


def run_socket(ctx: AppContext) -> int:
    handler = socket_handler(ctx)
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("signal %s: closing the Socket Mode connection", signum)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, on_signal)
    ctx.executor.submit(ctx.url_extractor.warm)  # start the extraction process meanwhile
    handler.connect()
    log.info("Socket Mode: connected")
    try:
        stop.wait()
    finally:
        handler.close()
        shutdown(handler.app)
    return 0
