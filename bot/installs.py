"""Whose token: one bot token (single-workspace mode) or one per installed workspace
(install by OAuth).

In OAuth mode the installations live in the bot's database, in slack_sdk's own
tables (created by the Alembic chain, declared in `briefings.store.schema`), read
and written by slack_sdk's `SQLAlchemyInstallationStore` and `SQLAlchemyOAuthStateStore`.
They are built here, on the engine `Store` already owns: `bot` itself never imports
SQLAlchemy (the import contract holds), the store package keeps the tables and
the migration, and slack_sdk keeps its queries. Bolt's `authorize` looks tokens up
for requests; `Installs.token` does the same for work with no request behind it
(scheduled digests, alert DMs), refreshing a rotating token when it is due, as
Bolt does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator

from briefings.store.teams import enterprise_of

if TYPE_CHECKING:
    from briefings.store import Store

    from .settings import Settings

log = logging.getLogger("briefbot.installs")
# slack_sdk's stores log rows at DEBUG; under "slack_sdk" they stay quiet whatever
# LOG_LEVEL says (bot.context.setup_logging), so no state or token reaches the log.
SDK_LOG = logging.getLogger("slack_sdk.oauth.briefbot")

STATE_SECONDS = 600  # an install started and not finished within 10 minutes must restart
ROTATE_MINUTES = 120  # refresh a rotating token this long before it expires (Bolt's default)


class Tokens(Protocol):
    """The bot token for a workspace, or None when it has none (not installed)."""

    def token(self, team_id: str) -> str | None: ...


class OneToken:
    """Single-workspace mode: SLACK_BOT_TOKEN whatever the team."""

    def __init__(self, token: str | None) -> None:
        self._token = token or None

    def token(self, team_id: str) -> str | None:
        return self._token


class Installs:
    """OAuth mode: the installation and OAuth state stores, and per-team tokens."""

    def __init__(self, store: Store, settings: Settings, client: WebClient | None = None) -> None:
        assert settings.slack_client_id and settings.slack_client_secret
        self.store = store
        self.client_id = settings.slack_client_id
        self.client_secret = settings.slack_client_secret.get_secret_value()
        self.installation_store = SQLAlchemyInstallationStore(
            client_id=self.client_id, engine=store.engine, logger=SDK_LOG
        )
        self.state_store = SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_SECONDS, engine=store.engine, logger=SDK_LOG
        )
        # The client carries SLACK_API_URL, so oauth.v2.access refreshes go there too.
        client = client or WebClient(base_url=settings.slack_api_url, timeout=10)
        self.rotator = TokenRotator(
            client_id=self.client_id, client_secret=self.client_secret, client=client
        )

    def token(self, team_id: str) -> str | None:
        """The workspace's bot token (refreshed first when rotation is on and it expires
        within ROTATE_MINUTES); None when the workspace has no installation or the
        refresh was refused."""
        enterprise_id = enterprise_of(self.store, team_id)
        found = self.installation_store.find_installation(
            enterprise_id=enterprise_id, team_id=team_id
        )
        try:
            if found is not None:
                if found.bot_refresh_token:
                    fresh = self.rotator.perform_token_rotation(
                        installation=found, minutes_before_expiration=ROTATE_MINUTES
                    )
                    if fresh is not None:
                        self.installation_store.save(fresh)
                        found = fresh
                return found.bot_token
            bot = self.installation_store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
            if bot is None:
                return None
            if bot.bot_refresh_token:
                fresh_bot = self.rotator.perform_bot_token_rotation(
                    bot=bot, minutes_before_expiration=ROTATE_MINUTES
                )
                if fresh_bot is not None:
                    self.installation_store.save_bot(fresh_bot)
                    bot = fresh_bot
            return bot.bot_token
        except Exception as exc:  # SlackTokenRotationError, network: no token this time
            log.warning("token refresh for %s failed: %s", team_id, exc.__class__.__name__)
            return None


def tokens_for(store: Store, settings: Settings) -> Tokens:
    """Installs in OAuth mode, otherwise SLACK_BOT_TOKEN."""
    if settings.oauth:
        return Installs(store, settings)
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return OneToken(token)


def client_factory(
    tokens: Tokens, make: Callable[[str | None], WebClient]
) -> Callable[[str], WebClient]:
    """team -> a WebClient with that team's token (None: calls answer not_authed)."""

    def for_team(team_id: str) -> WebClient:
        return make(tokens.token(team_id))

    return for_team
