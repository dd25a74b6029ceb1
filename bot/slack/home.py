"""The App Home tab: the user's followed officials, the workspace's channel digests,
and the latest briefings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from briefings.compose import compose_briefing
from briefings.render.blocks import to_message
from briefings.render.escape import escape
from briefings.render.slack_ids import (
    ACTION_FOLLOW,
    MAX_BLOCK_ID,
    MAX_HEADER,
    MAX_SECTION,
    MAX_VIEW_BLOCKS,
)
from briefings.store.channels import Channels

from .. import wording as w
from ..schedules import describe
from .answers import keep_buttons

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.slack.home")

MAX_LIST = 20
LATEST = 5


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:MAX_HEADER]}}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION] or " "}}


def _lines(items: list[str], more: int) -> str:
    text = "\n".join(f"• {i}" for i in items)
    if more:
        text += "\n" + w.say("home_more", n=more)
    return text


def home_view(ctx: AppContext, team_id: str, user_id: str) -> dict[str, Any]:
    ch = Channels(ctx.store)
    blocks: list[dict[str, Any]] = [_header(w.say("home_title"))]

    blocks.append(_header(w.say("home_follows_header")))
    follows = ch.follows(team_id, "user", user_id)
    if follows:
        names = [f"*{escape(f.name)}*" for f in follows[:MAX_LIST]]
        blocks.append(_section(_lines(names, len(follows) - len(names))))
    else:
        blocks.append(_section(w.say("home_follows_none")))

    blocks.append(_header(w.say("home_subs_header")))
    subs = ch.subscriptions(team_id)
    if subs:
        lines = [
            w.say("home_sub_line", channel=s.channel_id, schedule=describe(s.cron, s.timezone))
            for s in subs[:MAX_LIST]
        ]
        blocks.append(_section(_lines(lines, len(subs) - len(lines))))
    else:
        blocks.append(_section(w.say("home_subs_none", usage=w.usage("subscribe"))))

    blocks.append(_header(w.say("home_latest_header")))
    latest = _latest_blocks(ctx, MAX_VIEW_BLOCKS - len(blocks))
    blocks.extend(latest or [_section(w.say("home_latest_none"))])
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


def _latest_blocks(ctx: AppContext, room: int) -> list[dict[str, Any]]:
    """The latest briefings' blocks. Only Follow buttons are kept: the others answer
    through a response_url, which the Home tab does not have."""
    out: list[dict[str, Any]] = []
    for i, (aid, article, ex) in enumerate(ctx.store.latest(LATEST)):
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
