"""Build the Bolt `App`: a Web API client that honours SLACK_API_URL and retries,
and the listeners registered per folder (commands, events, actions).

Threads: Bolt runs each listener at once on the request's thread
(process_before_response); the listener acknowledges and hands the answer to
the bounded answer pool (look-ups, rendering, replies; also Bolt's listener
executor), so HTTP responses and Socket Mode acks never wait for work.
Fetching and extraction go further, to `ctx.executor`.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from ..settings import SettingsError
from .listeners import register

if TYPE_CHECKING:
    from ..context import AppContext
    from ..settings import Settings

log = logging.getLogger("briefbot.slack")

# Seconds before a Web API call is abandoned (a hanging Slack must not hold a thread).
API_TIMEOUT = 10
RATE_LIMIT_RETRIES = 3
WEB_LOGGER = "briefbot.slack.web"
BOLT_LOGGER = "briefbot.slack.bolt"
SOCKET_LOGGER = "briefbot.slack.socket_mode"
CONNECTION_RETRIES = 2


def quiet_sdk_loggers() -> None:
    """slack_sdk and Bolt log payloads (response_url capabilities, message text) at
    DEBUG; keep them at INFO or above whatever LOG_LEVEL says. Tokens are never logged."""
    for name in (WEB_LOGGER, BOLT_LOGGER, SOCKET_LOGGER, "slack_sdk", "slack_bolt"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


def build_client(settings: Settings, *, timeout: int = API_TIMEOUT) -> WebClient:
    """A WebClient for SLACK_API_URL that retries on 429 (after Retry-After) and on
    connection errors. Server errors (500) are not retried: a post may have landed."""
    if settings.slack_bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=timeout,
        logger=logging.getLogger(WEB_LOGGER),
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def check_token(settings: Settings) -> str:
    """`auth.test` with the bot token before anything starts; the bot's user id, or
    SettingsError naming SLACK_BOT_TOKEN (the token itself is never shown)."""
    client = build_client(settings, timeout=API_TIMEOUT)
    client.retry_handlers = []  # a start-up check answers at once
    try:
        resp = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "refused") if exc.response is not None else "refused"
        raise SettingsError(f"SLACK_BOT_TOKEN: Slack refused the token ({error})") from None
    except Exception as exc:
        raise SettingsError(
            f"SLACK_BOT_TOKEN: could not reach Slack at {settings.slack_api_url} "
            f"to check the token ({exc.__class__.__name__})"
        ) from None
    return str(resp.get("user_id") or "")


def build_app(
    ctx: AppContext,
    *,
    client: WebClient | None = None,
    listener_threads: int | None = None,
) -> App:
    """The Bolt app with every listener registered. HTTP mode verifies signatures;
    Socket Mode has no signing secret (requests come over the authenticated socket)."""
    settings = ctx.settings
    quiet_sdk_loggers()
    client = client or build_client(settings)
    secret = (
        settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    )
    threads = listener_threads or max(4, 2 * settings.briefbot_workers)
    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="briefbot-slack")
    bolt_log = logging.getLogger(BOLT_LOGGER)
    level = bolt_log.level
    # Bolt warns that SLACK_BOT_TOKEN from the environment is unused (the client has it).
    bolt_log.setLevel(logging.ERROR)
    app = App(
        client=client,
        signing_secret=secret,
        request_verification_enabled=settings.mode == "http",
        process_before_response=True,
        listener_executor=pool,
        logger=logging.getLogger(BOLT_LOGGER),
        name="briefbot",
    )
    bolt_log.setLevel(level)
    register(app, ctx, pool)
    return app


def shutdown(app: App) -> None:
    """Stop the listener pool (pending answers are dropped)."""
    pool = app.listener_runner.listener_executor  # the pool `build_app` gave Bolt
    if isinstance(pool, ThreadPoolExecutor):
        pool.shutdown(wait=False, cancel_futures=True)
