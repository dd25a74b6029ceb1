"""Telling the subscriber, once, that their channel's digest was paused, and what to do:
after Slack refused a digest for good (`scheduler.delivery.ChannelGone`), or when the
channel was archived or deleted or the bot removed from it (lifecycle events)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from briefings.store.channels import Subscription

from . import wording as w

log = logging.getLogger("briefbot.scheduler.paused")

# Errors that mean the token is no good any more, whatever Slack called it.
AUTH_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


def paused_message(channel_id: str, error: str) -> str:
    kind = "invalid_auth" if error in AUTH_ERRORS else error
    if f"gone_{kind}" not in w.MESSAGES:
        kind = "channel_not_found"
    return w.say(
        "digest_paused_dm",
        channel=channel_id,
        why=w.say(f"gone_{kind}"),
        todo=w.say(f"gone_todo_{kind}"),
    )


def tell_subscriber(client: Any, sub: Subscription, error: str) -> None:
    """DM `sub.created_by` why the digest stopped (when the token itself was refused this
    DM fails too: logged, nothing more can be done)."""
    if not sub.created_by:
        return
    text = paused_message(sub.channel_id, error)
    try:
        dm = client.conversations_open(users=sub.created_by)
        client.chat_postMessage(channel=dm["channel"]["id"], text=text)
    except Exception as exc:
        resp: Any = getattr(exc, "response", None)
        why = resp.get("error") if resp is not None else None
        log.warning(
            "could not tell %s that %s/%s is paused: %s",
            sub.created_by,
            sub.team_id,
            sub.channel_id,
            why or exc.__class__.__name__,
        )


def dm_subscriber(clients: Callable[[str], Any]) -> Callable[[Subscription, str], None]:
    """`DigestDelivery(on_paused=...)`: tell with the subscription's workspace's client."""

    def tell(sub: Subscription, error: str) -> None:
        tell_subscriber(clients(sub.team_id), sub, error)

    return tell
