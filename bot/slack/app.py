"""Build the Bolt `App`: a Web API client that honours SLACK_API_URL and retries,
and the listeners registered per folder (commands, events, actions).

Threads: Bolt runs each listener at once on the request's thread
(process_before_response); the listener acknowledges and hands the answer to
the bounded answer pool (look-ups, rendering, replies; also Bolt's listener
executor), so HTTP responses and Socket Mode acks never wait for work.
Fetching and extraction go further, to `ctx.executor`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from ..installs import ROTATE_MINUTES, STATE_SECONDS, Installs
from ..manifest import BOT_SCOPES, REDIRECT_PATH
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
INSTALL_PATH = "/slack/install"  # GET: starts an install (OAuth mode); REDIRECT_PATH ends it


def quiet_sdk_loggers() -> None:
    """slack_sdk and Bolt log payloads (response_url capabilities, message text) at
    DEBUG; keep them at INFO or above whatever LOG_LEVEL says. Tokens are never logged."""
    for name in (WEB_LOGGER, BOLT_LOGGER, SOCKET_LOGGER, "slack_sdk", "slack_bolt"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


def build_client(
    settings: Settings, *, timeout: int = API_TIMEOUT, token: str | None = None
) -> WebClient:
    """A WebClient for SLACK_API_URL that retries on 429 (after Retry-After) and on
    connection errors. Server errors (500) are not retried: a post may have landed.
    Its token is SLACK_BOT_TOKEN, or `token`; in OAuth mode the app's client has none
    (Bolt gives each request a client with its workspace's token)."""
    if token is None and settings.slack_bot_token is not None:
        token = settings.slack_bot_token.get_secret_value()
    if token is None and not settings.oauth:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    return WebClient(
        token=token,
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
    with _bolt_sees_no_oauth_env():
        app = App(
            client=client,
            signing_secret=secret,
            request_verification_enabled=settings.mode == "http",
            process_before_response=True,
            listener_executor=pool,
            logger=logging.getLogger(BOLT_LOGGER),
            name="briefbot",
            oauth_flow=oauth_flow(ctx, client) if settings.oauth else None,
        )
    bolt_log.setLevel(level)
    register(app, ctx, pool)
    return app


_ENV_LOCK = threading.Lock()
BOLT_OAUTH_ENV = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


@contextlib.contextmanager
def _bolt_sees_no_oauth_env() -> Iterator[None]:
    """Bolt's `App` turns on its own OAuth (with a file installation store) whenever
    SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are in the environment, even with a bot
    token. briefbot decides the mode from its settings alone (a bot token means
    single-workspace mode; OAuth gets `oauth_flow` explicitly), so Bolt is built with
    those two variables out of its sight, and they are put back at once."""
    with _ENV_LOCK:
        saved = {k: os.environ.pop(k) for k in BOLT_OAUTH_ENV if k in os.environ}
        try:
            yield
        finally:
            os.environ.update(saved)


def oauth_flow(ctx: AppContext, client: WebClient) -> OAuthFlow:
    """Bolt's install flow over the installations in the bot's database (`bot.installs`).
    `client` (SLACK_API_URL) makes every Web API call, oauth.v2.access included, both in
    the flow and in `authorize`'s token refreshes (Bolt would otherwise build clients
    for slack.com)."""
    settings = ctx.settings
    installs = ctx.tokens
    assert isinstance(installs, Installs) and settings.slack_client_secret is not None
    secret = settings.slack_client_secret.get_secret_value()
    flow_log = logging.getLogger(BOLT_LOGGER)
    oauth = OAuthSettings(
        client_id=installs.client_id,
        client_secret=secret,
        scopes=list(BOT_SCOPES),
        redirect_uri=settings.slack_redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # /slack/install goes straight to Slack (no intermediate "Add to Slack" page).
        install_page_rendering_enabled=False,
        authorization_url=settings.slack_authorize_url,
        installation_store=installs.installation_store,
        state_store=installs.state_store,
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        logger=flow_log,
    )
    oauth.authorize = InstallationStoreAuthorize(
        logger=flow_log,
        installation_store=installs.installation_store,
        client_id=installs.client_id,
        client_secret=secret,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        client=client,
    )
    return OAuthFlow(client=client, logger=flow_log, settings=oauth)


def shutdown(app: App) -> None:
    """Stop the listener pool (pending answers are dropped)."""
    pool = app.listener_runner.listener_executor  # the pool `build_app` gave Bolt
    if isinstance(pool, ThreadPoolExecutor):
        pool.shutdown(wait=False, cancel_futures=True)
