"""Message shortcut "Brief this link": an ephemeral briefing of the article a message
links to, for the person who used the shortcut."""

from __future__ import annotations

import logging
import re
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond

from briefings.errors import UsageError
from briefings.render.slack_ids import SHORTCUT_BRIEF_LINK

from .... import wording as w
from ... import answers as a
from ... import commands as c
from ...send import reply
from ..commands.brief import brief_url
from ..deferred import deferred

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.shortcuts")

# Slack writes links in message text as <https://x|label> or <https://x>.
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>|(https?://[^\s<>|]+)")


def first_link(message: dict[str, Any]) -> str | None:
    """The first http(s) link of a message: its text, else its blocks' rich text."""
    texts = [str(message.get("text") or "")]
    for block in message.get("blocks") or ():
        texts.extend(_rich_text_links(block))
    for text in texts:
        m = _LINK.search(text)
        if m:
            return c.unescape(m.group(1) or m.group(2))
    return None


def _rich_text_links(node: Any) -> list[str]:
    """`link` elements anywhere in a rich_text block (as `<url>` strings)."""
    out: list[str] = []
    if isinstance(node, dict):
        if node.get("type") == "link" and node.get("url"):
            out.append(f"<{node['url']}>")
        for v in node.values():
            out.extend(_rich_text_links(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_rich_text_links(v))
    return out


def register(app: App, ctx: AppContext, pool: Executor) -> None:
    def brief_this_link(body: dict[str, Any], respond: Respond, client: Any) -> None:
        url = first_link(body.get("message") or {})
        if url is None:
            reply(respond, a.text_message(w.say("shortcut_no_link")))
            return
        try:
            checked = c.check_http_url(url, "url")
        except UsageError as exc:
            reply(respond, a.text_message(str(exc)))
            return
        brief_url(ctx, checked, respond, a.interaction_asker(body))

    app.shortcut(SHORTCUT_BRIEF_LINK)(deferred(pool, brief_this_link))
