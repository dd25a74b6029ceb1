"""`link_shared`: links to configured news domains are unfurled with their briefing."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError

from briefings.render.slack_ids import ACTION_SHOW_SOURCES
from briefings.store.channels import article_id_for_url

from ... import answers as a

if TYPE_CHECKING:
    from ....context import AppContext

log = logging.getLogger("briefbot.slack.events")
MAX_LINKS = 5


def domain_allowed(url: str, domains: tuple[str, ...]) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return any(host == d or host.endswith("." + d) for d in domains)


def unfurl_blocks(message: a.Message) -> list[dict[str, Any]]:
    """A briefing's blocks for an unfurl: only the Show sources button is kept."""
    return a.keep_buttons(message, lambda action: action == ACTION_SHOW_SOURCES)


def unfurl_links(ctx: AppContext, client: Any, body: dict[str, Any], event: dict[str, Any]) -> None:
    domains = ctx.settings.unfurl_domains
    urls = [
        str(link.get("url"))
        for link in event.get("links") or ()
        if link.get("url") and domain_allowed(str(link["url"]), domains)
    ][:MAX_LINKS]
    if not urls:
        return
    where: dict[str, Any]
    team = str(body.get("team_id") or "")
    channel = str(event.get("channel") or "")
    if channel and event.get("message_ts"):
        where = {"channel": channel, "ts": event["message_ts"]}
    elif event.get("unfurl_id") and event.get("source"):
        where = {"unfurl_id": event["unfurl_id"], "source": event["source"]}
    else:
        return
    # The link was posted in `channel`: its article reaches that channel. A preview in
    # the composer (no channel yet) shows only what the whole workspace may see.
    who = a.Asker(team, channel, str(event.get("user") or ""))

    def send(url: str, message: a.Message | None) -> None:
        if message is None or not message.get("blocks"):
            return
        try:
            client.chat_unfurl(unfurls={url: {"blocks": unfurl_blocks(message)}}, **where)
        except SlackApiError as exc:
            log.warning("chat.unfurl failed: %s", exc.response.get("error"))

    for url in urls:
        aid = article_id_for_url(ctx.store, url)
        if aid is not None:
            if channel:
                ctx.store.share(aid, who.audience)
            send(url, a.article_message(ctx, aid, who.visibility))
            continue
        if not channel:
            continue

        def slow(url: str = url) -> None:
            try:
                msg, found = a.fetch_and_brief(ctx, url, who)
                send(url, msg if found is not None else None)
            except Exception:
                log.exception("unfurl failed")

        try:
            ctx.executor.submit(slow)
        except RuntimeError:
            return
