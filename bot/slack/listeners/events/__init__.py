"""Events: retried deliveries dropped, App Home published, article links unfurled,
mentions answered in their thread, and the app's lifecycle (uninstalled, tokens
revoked, channels archived, deleted or left: `lifecycle`)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from slack_bolt import BoltResponse

from briefings.render.slack_ids import (
    EVENT_APP_HOME_OPENED,
    EVENT_APP_MENTION,
    EVENT_LINK_SHARED,
)
from briefings.store.channels import Channels

from ..deferred import deferred
from .app_home import publish_home
from .lifecycle import register_lifecycle
from .mention import answer_mention
from .unfurl import unfurl_links

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.events")


# Processed event ids older than Slack's retry window are deleted now and then.
FORGET_EVERY = 1000


def register(app: App, ctx: AppContext, pool: Executor) -> None:
    channels = Channels(ctx.store)
    counter = itertools.count(1)

    @app.middleware
    def drop_retried_events(body: dict[str, Any], next: Callable[[], None]) -> Any:
        """Slack re-delivers an event (X-Slack-Retry-Num, same event_id) when it thinks
        the first delivery failed; each event_id is processed once."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            try:
                seen = channels.seen_event(str(event_id))
            except Exception:  # the store being down must not make Slack retry forever
                log.exception("could not record event %s", event_id)
                seen = False
            if seen:
                log.info("ignored a retried delivery of event %s", event_id)
                return BoltResponse(status=200, body="")
            if next_count() % FORGET_EVERY == 0:
                pool.submit(channels.forget_events)
        return next()

    def next_count() -> int:
        return next(counter)

    def home(body: dict[str, Any], _respond: Any, client: Any) -> None:
        publish_home(ctx, client, body, body.get("event") or {})

    def unfurl(body: dict[str, Any], _respond: Any, client: Any) -> None:
        unfurl_links(ctx, client, body, body.get("event") or {})

    def mention(body: dict[str, Any], _respond: Any, client: Any) -> None:
        answer_mention(ctx, client, body, body.get("event") or {})

    app.event(EVENT_APP_HOME_OPENED)(deferred(pool, home))
    app.event(EVENT_LINK_SHARED)(deferred(pool, unfurl))
    app.event(EVENT_APP_MENTION)(deferred(pool, mention))
    register_lifecycle(app, ctx, lambda work: deferred(pool, work))
