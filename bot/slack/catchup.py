"""`/brief catch up [N]`: post the N latest stories in the channel now, in the form its
digest takes (a thread by default, one message with `flat`), and mark them delivered
so the next digest does not repeat them.

A new subscription starts from now (its first digest holds only what arrives after
it); this is how a channel gets the recent backlog when it wants it, and only then.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError

from briefings.digest import build_digest, mark_delivered
from briefings.render.blocks import to_messages, to_thread
from briefings.store.channels import Channels

from .. import wording as w

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.slack.catchup")

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def catch_up(
    ctx: AppContext, client: Any, team_id: str, channel_id: str, count: int
) -> dict[str, Any]:
    """Post the `count` latest stories not yet posted in the channel (with its digest
    filters, when it has a subscription); returns the ephemeral answer."""
    sub = Channels(ctx.store).subscription(team_id, channel_id)
    followed: tuple[str, ...] = ()
    if sub is not None and sub.only_followed:
        followed = tuple(
            f.name for f in Channels(ctx.store).follows(team_id, "channel", channel_id)
        )
    digest = build_digest(
        ctx.store,
        team_id=team_id,
        channel_id=channel_id,
        since=EPOCH,
        followed=followed,
        keywords=sub.keywords if sub is not None else (),
        max_stories=count,
    )
    if not digest.stories:
        return {"text": w.say("catch_up_none")}
    flat = sub is not None and sub.flat
    shown = {a for st in digest.stories for a in st.article_ids}
    extra = [a for a in digest.article_ids if a not in shown]  # covered, nothing to show
    posted: list[int] = []
    try:
        if flat:
            for part, msg in zip(digest.messages, to_messages(digest), strict=True):
                _post(client, channel_id, msg)
                posted += [a for st in part.stories for a in st.article_ids]
        else:
            parent, replies = to_thread(digest)
            ts = _post(client, channel_id, parent)
            posted += extra
            for story, msg in zip(digest.stories, replies, strict=True):
                _post(client, channel_id, msg, thread_ts=ts)
                posted += story.article_ids
    except SlackApiError as exc:
        error = str(exc.response.get("error") or exc.response.status_code)
        log.warning("catch up in %s failed: %s", channel_id, error)
        return {"text": w.say("catch_up_failed", reason=w.say("slack_error", error=error))}
    finally:  # what was posted is delivered, even when a later post failed
        mark_delivered(ctx.store, team_id, channel_id, posted + (extra if flat else []))
    n = len(digest.stories)
    key = "catch_up_done_flat" if flat else "catch_up_done"
    return {"text": w.say(key, stories=f"{n} stor{'y' if n == 1 else 'ies'}")}


def _post(client: Any, channel: str, msg: dict[str, Any], *, thread_ts: str | None = None) -> str:
    resp = client.chat_postMessage(
        channel=channel,
        text=msg.get("text") or " ",
        blocks=msg.get("blocks"),
        thread_ts=thread_ts,
        unfurl_links=False,
        unfurl_media=False,
    )
    return str(resp["ts"])
