"""App Home controls: Unfollow, and Settings (opens the digest settings modal), and
the modal's submission (validated before the ack, applied after it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, TypeVar

from slack_bolt import Ack, Respond
from slack_sdk.errors import SlackApiError

from briefings.render.slack_ids import (
    ACTION_SETTINGS,
    ACTION_UNFOLLOW,
    ACTION_WORKSPACE_FEEDS,
    VIEW_SETTINGS,
    VIEW_WORKSPACE_FEEDS,
)
from briefings.store.channels import Channels

from ... import answers as a
from ...home import publish_home
from ...settings import (
    apply_settings,
    apply_workspace_feeds,
    read_submission,
    read_workspace_feeds,
    settings_modal,
    workspace_feeds_modal,
)
from ..deferred import deferred

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.actions")
T = TypeVar("T")


def _team_user(body: dict[str, Any]) -> tuple[str, str]:
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or ""
    return str(team), str((body.get("user") or {}).get("id") or "")


def _value(body: dict[str, Any]) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def register_home_controls(app: App, ctx: AppContext, pool: Executor) -> None:
    def unfollow(body: dict[str, Any], _respond: Respond, client: Any) -> None:
        team, user = _team_user(body)
        name = _value(body).strip()
        if name and user:
            Channels(ctx.store).unfollow(team, "user", user, name)
            publish_home(ctx, client, team, user)

    def open_settings(body: dict[str, Any], _respond: Respond, client: Any) -> None:
        team, user = _team_user(body)
        view = settings_modal(ctx, team, _value(body))
        if view is None:  # unsubscribed meanwhile: show the Home tab as it is now
            publish_home(ctx, client, team, user)
            return
        try:
            client.views_open(trigger_id=body.get("trigger_id"), view=view)
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc.response.get("error"))

    def modal_handler(
        what: str,
        read: Callable[[dict[str, Any]], tuple[T | None, dict[str, str]]],
        apply: Callable[[str, str, T], object],
    ) -> Callable[[Ack, dict[str, Any], Any], None]:
        """A modal submission: errors go back in the ack (Slack shows them under the
        inputs); a valid one closes the modal at once and is applied on the answer
        pool, then the Home tab is published again."""

        def submitted(ack: Ack, body: dict[str, Any], client: Any) -> None:
            try:
                value, errors = read(body.get("view") or {})
            except Exception:
                log.exception("reading the %s modal failed", what)
                ack()
                return
            if value is None:
                ack(response_action="errors", errors=errors)
                return
            ack()
            team, user = _team_user(body)

            def run() -> None:
                try:
                    apply(team, user, value)
                except Exception:
                    log.exception("saving %s failed", what)
                publish_home(ctx, client, team, user)

            try:
                pool.submit(run)
            except RuntimeError:
                log.warning("dropped a %s change: the bot is shutting down", what)

        return submitted

    submitted = modal_handler(
        "digest settings",
        lambda view: read_submission(view, lambda url: a.check_feed(ctx, url)),
        lambda team, user, new: apply_settings(ctx, team, user, new),
    )
    workspace_feeds_submitted = modal_handler(
        "workspace feeds",
        lambda view: read_workspace_feeds(view, lambda url: a.check_feed(ctx, url)),
        lambda team, user, urls: apply_workspace_feeds(ctx, team, user, urls),
    )

    def open_workspace_feeds(body: dict[str, Any], _respond: Respond, client: Any) -> None:
        team, _user = _team_user(body)
        try:
            client.views_open(
                trigger_id=body.get("trigger_id"), view=workspace_feeds_modal(ctx, team)
            )
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc.response.get("error"))

    app.action(ACTION_UNFOLLOW)(deferred(pool, unfollow))
    app.action(ACTION_WORKSPACE_FEEDS)(deferred(pool, open_workspace_feeds))
    app.view(VIEW_WORKSPACE_FEEDS)(workspace_feeds_submitted)
    app.action(ACTION_SETTINGS)(deferred(pool, open_settings))
    app.view(VIEW_SETTINGS)(submitted)
