"""The app's lifecycle in a workspace.

`app_uninstalled`: everything the bot keeps about the workspace is forgotten at once
(`briefings.store.teams.forget_team`: subscriptions and their jobs, follows, feeds,
alert state, delivery records, the installation); shared public articles stay.
`tokens_revoked` (the bot's token): the installation and its schedules are removed.
A channel archived or deleted, or the bot removed from it: that channel's digest is
paused (kept, not scheduled) and its subscriber told once by DM.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefings.render.slack_ids import (
    EVENT_APP_UNINSTALLED,
    EVENT_MEMBER_LEFT_CHANNEL,
    EVENT_TOKENS_REVOKED,
    EVENTS_BOT_LEFT,
    EVENTS_CHANNEL_GONE,
)
from briefings.store.channels import Channels
from briefings.store.teams import forget_installation, forget_team

from ....paused import tell_subscriber
from ..deferred import Work

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.lifecycle")

# What a pause after each event is called in the subscriber's DM (bot.paused wording).
WHY = {
    "channel_archive": "is_archived",
    "group_archive": "is_archived",
    "channel_deleted": "channel_not_found",
    "group_deleted": "channel_not_found",
    "channel_left": "not_in_channel",
    "group_left": "not_in_channel",
    EVENT_MEMBER_LEFT_CHANNEL: "not_in_channel",
}


def _where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(team_id, enterprise_id) of an event envelope."""
    auth = (body.get("authorizations") or [{}])[0] or {}
    team = body.get("team_id") or auth.get("team_id")
    enterprise = body.get("enterprise_id") or auth.get("enterprise_id")
    return (str(team) if team else None), (str(enterprise) if enterprise else None)


def _bot_user(body: dict[str, Any]) -> str | None:
    for auth in body.get("authorizations") or []:
        if auth.get("is_bot") and auth.get("user_id"):
            return str(auth["user_id"])
    return None


def _unschedule(ctx: AppContext, team: str) -> list[str]:
    """Delete the workspace's subscriptions and their jobs; the channels they were for."""
    channels = Channels(ctx.store)
    gone = []
    for sub in channels.subscriptions(team):
        if channels.unsubscribe(team, sub.channel_id) is not None:
            gone.append(sub.channel_id)
        if ctx.scheduler is not None:
            ctx.scheduler.unschedule_subscription(team, sub.channel_id)
    return gone


def app_uninstalled(ctx: AppContext, body: dict[str, Any]) -> None:
    team, enterprise = _where(body)
    subs = Channels(ctx.store).subscriptions(team) if team else []
    forgotten = forget_team(ctx.store, team, enterprise)
    if ctx.scheduler is not None and team:
        for sub in subs:
            ctx.scheduler.unschedule_subscription(team, sub.channel_id)
    log.info("uninstalled from %s: forgot %d rows", team or enterprise, forgotten.total)


def tokens_revoked(ctx: AppContext, body: dict[str, Any]) -> None:
    tokens = (body.get("event") or {}).get("tokens") or {}
    if not tokens.get("bot"):
        return  # only user tokens: the bot has none to lose
    team, enterprise = _where(body)
    removed = forget_installation(ctx.store, team, enterprise)
    gone = _unschedule(ctx, team) if team else []
    log.info(
        "bot token revoked in %s: %d installation rows and %d subscriptions removed",
        team or enterprise,
        removed,
        len(gone),
    )


def channel_gone(ctx: AppContext, client: Any, body: dict[str, Any]) -> None:
    """Pause the channel's digest (archived, deleted, or the bot removed from it)."""
    event = body.get("event") or {}
    kind = str(event.get("type") or "")
    if kind == EVENT_MEMBER_LEFT_CHANNEL and event.get("user") != _bot_user(body):
        return  # someone else left
    channel = event.get("channel")
    if isinstance(channel, dict):  # some events carry the channel object
        channel = channel.get("id")
    team, _ = _where(body)
    team = str(event.get("team") or team or "")
    if not channel or not team:
        return
    was = Channels(ctx.store).pause(team, str(channel))
    if was is None:
        return  # no digest there, or already paused (told already)
    if ctx.scheduler is not None:
        ctx.scheduler.unschedule_subscription(team, str(channel))
    log.info("digest %s/%s paused: %s", team, channel, kind)
    tell_subscriber(client, was, WHY.get(kind, "channel_not_found"))


def register_lifecycle(
    app: App, ctx: AppContext, deferred: Callable[[Work], Callable[..., None]]
) -> None:
    """Register the listeners (`deferred` wraps work so the event is acked first)."""
    app.event(EVENT_APP_UNINSTALLED)(deferred(lambda body, _r, _c: app_uninstalled(ctx, body)))
    app.event(EVENT_TOKENS_REVOKED)(deferred(lambda body, _r, _c: tokens_revoked(ctx, body)))
    for name in (*EVENTS_CHANNEL_GONE, *EVENTS_BOT_LEFT, EVENT_MEMBER_LEFT_CHANNEL):
        app.event(name)(deferred(lambda body, _r, client: channel_gone(ctx, client, body)))
