"""`@briefbot Kelly`, `@briefbot <url>`: answered in the mention's thread, for all to see.

Only look-ups are answered this way (a dossier, an article, the latest briefings,
help); channel settings stay with `/brief`, whose answers only the asker sees.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError

from briefings.errors import UsageError
from briefings.render.slack_ids import ACTION_SHARE

from .... import wording as w
from ... import answers as a
from ... import commands as c

if TYPE_CHECKING:
    from ....context import AppContext

log = logging.getLogger("briefbot.slack.events")

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def mention_text(event: dict[str, Any]) -> str:
    """The text of a mention without the mentions of the bot."""
    return " ".join(_MENTION.sub(" ", str(event.get("text") or "")).split())


def in_thread(message: a.Message) -> a.Message:
    """A message for a public thread: no Share button (it is already shared)."""
    if not message.get("blocks"):
        return message
    return {**message, "blocks": a.keep_buttons(message, lambda action: action != ACTION_SHARE)}


def answer_mention(
    ctx: AppContext, client: Any, body: dict[str, Any], event: dict[str, Any]
) -> None:
    if event.get("bot_id") or event.get("subtype"):
        return  # never answer a bot (ourselves included) or an edit
    channel = str(event.get("channel") or "")
    thread = str(event.get("thread_ts") or event.get("ts") or "")
    if not channel or not thread:
        return

    def post(message: a.Message) -> None:
        try:
            client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                text=message.get("text") or " ",
                blocks=message.get("blocks"),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            log.warning("mention answer failed: %s", exc.response.get("error"))

    try:
        cmd = c.parse(mention_text(event), default_timezone=ctx.settings.briefbot_timezone)
    except UsageError as exc:
        post(a.text_message(str(exc)))
        return
    who = a.Asker(str(body.get("team_id") or ""), channel, str(event.get("user") or ""))
    if isinstance(cmd, c.BriefUrl):

        def done(fut: Future[tuple[a.Message, int | None]]) -> None:
            try:
                post(in_thread(fut.result()[0]))
            except Exception:
                log.exception("@briefbot <url> failed")
                post(a.text_message(w.say("internal_error")))

        try:
            ctx.executor.submit(a.fetch_and_brief, ctx, cmd.url, who).add_done_callback(done)
        except RuntimeError:  # shutting down
            post(a.text_message(w.say("busy")))
        return
    if not isinstance(cmd, (c.Official, c.Latest, c.Help, c.Ping)):
        post(a.text_message(w.say("mention_use_command", usage=w.usage("help"))))
        return
    post(in_thread(a.answer(ctx, cmd, who)))
