"""The App Home tab, a control panel: the officials the user follows (each with
Unfollow), their alerts, the digests of the channels they are in (each with a
Settings button that opens `settings.settings_modal`), and the latest briefings.

The latest briefings come from what the user may see: the shared corpus, their
workspace's workspace-wide feeds, and the feeds of the channels they are in (as
`users.conversations` says, with the scopes the Home tab already uses; when Slack
cannot say, no channel's own articles are shown)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError

from briefings.compose import compose_briefing
from briefings.render.blocks import to_message
from briefings.render.escape import escape, link, plain, truncate
from briefings.render.slack_ids import (
    ACTION_FOLLOW,
    ACTION_SETTINGS,
    ACTION_UNFOLLOW,
    ACTION_WORKSPACE_FEEDS,
    MAX_ACCESSIBILITY_LABEL,
    MAX_BLOCK_ID,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_CONTEXT_TEXT,
    MAX_HEADER,
    MAX_SECTION,
    MAX_VIEW_BLOCKS,
)
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels, Subscription
from briefings.store.visibility import Visibility

from .. import wording as w
from ..schedules import describe
from .answers import keep_buttons

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.slack.home")

MAX_FOLLOWS = 15  # one block each
MAX_CHANNELS = 15  # one block each
LATEST = 5
MAX_CHANNEL_PAGES = 5  # users.conversations pages read for one Home tab (bounded)


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:MAX_HEADER]}}


def _section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    b: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": text[:MAX_SECTION] or " "},
    }
    if accessory:
        b["accessory"] = accessory
    return b


def _context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": text[:MAX_CONTEXT_TEXT] or " "}],
    }


def _button(
    text: str, action_id: str, value: str, label: str, style: str | None = None
) -> dict[str, Any]:
    b: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(plain(text), MAX_BUTTON_TEXT)},
        "action_id": action_id,
        "value": value[:MAX_BUTTON_VALUE],
        "accessibility_label": truncate(plain(label), MAX_ACCESSIBILITY_LABEL),
    }
    if style:
        b["style"] = style
    return b


def user_channels(client: Any, user_id: str) -> list[str] | None:
    """The channels `user_id` is in (users.conversations, a few pages at most); None
    when Slack cannot say, so no channel's settings are shown to a non-member."""
    out: list[str] = []
    cursor = ""
    try:
        for _ in range(MAX_CHANNEL_PAGES):
            resp = client.users_conversations(
                user=user_id,
                types="public_channel,private_channel",
                exclude_archived=True,
                limit=200,
                cursor=cursor or None,
            )
            out.extend(str(c["id"]) for c in resp.get("channels") or ())
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or ""
            if not cursor:
                break
    except Exception as exc:
        log.warning("users.conversations failed: %s", exc.__class__.__name__)
        return None
    return out


def home_view(
    ctx: AppContext, team_id: str, user_id: str, channels: Sequence[str] | None = None
) -> dict[str, Any]:
    """The Home tab of `user_id`; `channels` are the channels they are in."""
    ch = Channels(ctx.store)
    alerts = Alerts(ctx.store)
    blocks: list[dict[str, Any]] = [_header(w.say("home_title"))]

    blocks.append(_header(w.say("home_follows_header")))
    follows = ch.follows(team_id, "user", user_id)
    muted = set(alerts.muted(team_id, user_id))
    for f in follows[:MAX_FOLLOWS]:
        text = f"*{escape(f.name)}*" + (w.say("home_muted") if f.name in muted else "")
        label = w.say("button_unfollow") + " " + f.name
        unfollow = _button(w.say("button_unfollow"), ACTION_UNFOLLOW, f.name, label)
        blocks.append(_section(text, unfollow))
    if len(follows) > MAX_FOLLOWS:
        blocks.append(_context(w.say("home_more", n=len(follows) - MAX_FOLLOWS)))
    if not follows:
        blocks.append(_section(w.say("home_follows_none")))
    on = alerts.enabled(team_id, user_id)
    blocks.append(_context(w.say("home_alerts_on" if on else "home_alerts_off")))

    blocks.append(_header(w.say("home_subs_header")))
    subs = _subscriptions_of(ch, team_id, channels)
    for s in subs[:MAX_CHANNELS]:
        settings = _button(
            w.say("button_settings"),
            ACTION_SETTINGS,
            s.channel_id,
            w.say("button_settings_label", channel=s.channel_id),
            style="primary",
        )
        blocks.append(_section(channel_summary(ch, s), settings))
    if len(subs) > MAX_CHANNELS:
        blocks.append(_context(w.say("home_more", n=len(subs) - MAX_CHANNELS)))
    if not subs:
        key = "home_subs_none" if channels is not None else "home_subs_unknown"
        blocks.append(_section(w.say(key, usage=w.usage("subscribe"))))

    blocks.append(_header(w.say("home_workspace_feeds_header")))
    blocks.append(_section(workspace_feeds_summary(ch, team_id), _workspace_button()))

    blocks.append(_header(w.say("home_latest_header")))
    vis = Visibility.user(team_id, list(channels or ()))
    latest = _latest_blocks(ctx, vis, MAX_VIEW_BLOCKS - len(blocks))
    blocks.extend(latest or [_section(w.say("home_latest_none"))])
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


def _subscriptions_of(
    ch: Channels, team_id: str, channels: Sequence[str] | None
) -> list[Subscription]:
    if channels is None:
        return []
    mine = set(channels)
    return [s for s in ch.subscriptions(team_id) if s.channel_id in mine]


def _workspace_button() -> dict[str, Any]:
    return _button(
        w.say("button_workspace_feeds"),
        ACTION_WORKSPACE_FEEDS,
        "workspace",
        w.say("button_workspace_feeds_label"),
    )


def workspace_feeds_summary(ch: Channels, team_id: str) -> str:
    """The feeds every channel of the workspace reads (channel "")."""
    feeds = ch.feeds(team_id, "")
    if not feeds:
        return w.say("home_workspace_feeds_none")
    shown = ", ".join(link(f.url, f.title or f.url) for f in feeds[:5])
    more = f" (+{len(feeds) - 5})" if len(feeds) > 5 else ""
    return w.say("home_workspace_feeds", feeds=shown + more)


def channel_summary(ch: Channels, s: Subscription) -> str:
    """One channel's digest in a few lines: schedule, filters, feeds, paused."""
    lines = [w.say("home_sub_line", channel=s.channel_id, schedule=describe(s.cron, s.timezone))]
    if s.paused:
        lines.append(w.say("home_sub_paused"))
    filters = []
    if s.only_followed:
        names = ", ".join(escape(f.name) for f in ch.follows(s.team_id, "channel", s.channel_id))
        filters.append(w.say("home_sub_followed", names=names or "–"))
    if s.keywords:
        filters.append(w.say("home_sub_keywords", words=", ".join(escape(k) for k in s.keywords)))
    lines.append(" · ".join(filters) if filters else w.say("home_sub_all"))
    feeds = ch.feeds(s.team_id, s.channel_id)
    if feeds:
        shown = ", ".join(link(f.url, f.title or f.url) for f in feeds[:3])
        more = f" (+{len(feeds) - 3})" if len(feeds) > 3 else ""
        lines.append(w.say("home_sub_feeds", feeds=shown + more))
    lines.append(w.say("home_sub_flat" if s.flat else "home_sub_thread"))
    return "\n".join(lines)


def _latest_blocks(ctx: AppContext, vis: Visibility, room: int) -> list[dict[str, Any]]:
    """The latest briefings' blocks. Only Follow buttons are kept: the others answer
    through a response_url, which the Home tab does not have."""
    out: list[dict[str, Any]] = []
    for i, (aid, article, ex) in enumerate(ctx.store.latest(LATEST, visibility=vis)):
        if ex is None:
            continue
        try:
            msg = to_message(compose_briefing(article, ex, article_id=aid))
        except Exception:
            log.exception("could not render article %s for the Home tab", aid)
            continue
        blocks = []
        for b in keep_buttons(msg, lambda action: action == ACTION_FOLLOW):
            b = dict(b)
            if "block_id" in b:
                b["block_id"] = f"{b['block_id']}-h{i}"[:MAX_BLOCK_ID]
            blocks.append(b)
        if out:
            blocks.insert(0, {"type": "divider"})
        if len(out) + len(blocks) > room:
            break
        out.extend(blocks)
    return out


def publish_home(ctx: AppContext, client: Any, team_id: str, user_id: str) -> None:
    """Build and publish `user_id`'s Home tab (errors logged, never raised)."""
    try:
        view = home_view(ctx, team_id, user_id, user_channels(client, user_id))
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))
    except Exception:
        log.exception("App Home failed")
