from __future__ import annotations

import hashlib
import logging
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond
from slack_sdk.errors import SlackApiError

from briefings.render.escape import escape
from briefings.render.slack_ids import ACTION_FOLLOW, ACTION_SHARE, ACTION_SHOW_SOURCES
from briefings.store.channels import Channels

from .... import wording as w
from ... import answers as a
from ...home import publish_home
from ...send import reply
from ..deferred import deferred

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.actions")

# Errors after which the bot cannot post as itself but the response_url still can.
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


def _ids(body: dict[str, Any]) -> tuple[str, str, str]:
    team = (body.get("team") or {}).get("id") or body.get("team_id") or ""
    channel = (
        (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
        or ""
    )
    user = (body.get("user") or {}).get("id") or ""
    return str(team), str(channel), str(user)


def share_key(body: dict[str, Any]) -> str | None:
    """One key per message a Share button sits on (and per value shared): a replayed
    or double-clicked press maps to the same key, so the channel gets one post."""
    container = body.get("container") or {}
    parts = (
        str(container.get("channel_id") or ""),
        str(container.get("message_ts") or ""),
        str(body.get("response_url") or ""),
        _value(body),
    )
    if not (parts[1] or parts[2]):
        return None
    return "share:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _value(body: dict[str, Any]) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def register_buttons(app: App, ctx: AppContext, pool: Executor) -> None:
    def show_sources(body: dict[str, Any], respond: Respond, client: Any) -> None:
        if not body.get("response_url"):
            return
        try:
            msg = a.sources_message(ctx, _value(body), a.interaction_asker(body).visibility)
        except Exception:
            log.exception("Show sources failed")
            msg = a.text_message(w.say("internal_error"))
        reply(respond, msg, replace_original=False)

    def follow_official(body: dict[str, Any], respond: Respond, client: Any) -> None:
        team, _channel, user = _ids(body)
        name = _value(body).strip()
        if not name or not user:
            return
        try:
            added = Channels(ctx.store).follow(team, "user", user, name)
        except Exception:
            log.exception("Follow failed")
            if body.get("response_url"):
                reply(respond, a.text_message(w.say("internal_error")), replace_original=False)
            return
        if body.get("response_url"):
            key = "user_followed" if added else "user_already_following"
            reply(respond, a.text_message(w.say(key, name=escape(name))), replace_original=False)
        else:  # pressed on the Home tab: show the new list there
            publish_home(ctx, client, team, user)

    def share(body: dict[str, Any], respond: Respond, client: Any) -> None:
        _team, channel, user = _ids(body)
        key = share_key(body)
        if key is not None and Channels(ctx.store).seen_event(key):
            log.info("Share in channel pressed again for the same message; not posted twice")
            return
        posted = False
        try:
            posted = _share(body, respond, client, channel, user)
        finally:
            if key is not None and not posted:
                Channels(ctx.store).forget_event(key)  # failed: a new press may try again

    def _share(
        body: dict[str, Any], respond: Respond, client: Any, channel: str, user: str
    ) -> bool:
        """Post the shared answer; True once it is in the channel."""
        try:
            msg = a.rebuild(ctx, _value(body), a.interaction_asker(body).visibility)
        except Exception:
            log.exception("Share failed")
            msg = None
        if msg is None or not channel:
            reply(
                respond,
                a.text_message(w.say("share_failed", reason=w.say("sources_gone"))),
                replace_original=False,
            )
            return False
        shared = a.for_channel(msg, user)
        try:
            client.chat_postMessage(
                channel=channel,
                text=shared.get("text") or "",
                blocks=shared.get("blocks"),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error") or exc.response.status_code)
            # A private channel the bot is not in: the response_url can still post there.
            if error in CANNOT_POST and reply(
                respond, shared, response_type="in_channel", replace_original=False
            ):
                reply(respond, {"text": ""}, delete_original=True)
                return True
            log.warning("chat.postMessage failed: %s", error)
            reason = w.say("slack_error", error=error)
            reply(
                respond,
                a.text_message(w.say("share_failed", reason=reason)),
                replace_original=False,
            )
            return False
        except Exception as exc:  # timeouts, connection errors after retries
            log.warning("chat.postMessage failed: %s", exc.__class__.__name__)
            reason = w.say("slack_error", error=exc.__class__.__name__)
            reply(
                respond,
                a.text_message(w.say("share_failed", reason=reason)),
                replace_original=False,
            )
            return False
        reply(respond, {"text": ""}, delete_original=True)
        return True

    app.action(ACTION_SHOW_SOURCES)(deferred(pool, show_sources))
    app.action(ACTION_FOLLOW)(deferred(pool, follow_official))
    app.action(ACTION_SHARE)(deferred(pool, share))
