"""`/brief`: acknowledged at once; the answer follows through `respond()`.

Quick answers (look-ups, channel settings) run on the bounded answer pool;
`/brief <url>` hands the fetch and extraction to `ctx.executor`, so a slow or
silent site never holds a listener thread.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond

from briefings.errors import UsageError
from briefings.render.escape import link
from briefings.render.slack_ids import COMMAND
from briefings.store.channels import Feed, article_id_for_url

from .... import metrics
from .... import wording as w
from ... import answers as a
from ... import commands as c
from ...catchup import catch_up
from ...send import reply
from ..deferred import deferred

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext

log = logging.getLogger("briefbot.slack.commands")


def asker(body: dict[str, Any]) -> a.Asker:
    return a.Asker(
        team_id=str(body.get("team_id") or ""),
        channel_id=str(body.get("channel_id") or ""),
        user_id=str(body.get("user_id") or ""),
    )


def register_brief(app: App, ctx: AppContext, pool: Executor) -> None:
    def answer_brief(body: dict[str, Any], respond: Respond, client: Any) -> None:
        who = asker(body)
        try:
            cmd = c.parse(
                str(body.get("text") or ""), default_timezone=ctx.settings.briefbot_timezone
            )
            metrics.COMMANDS.labels(type(cmd).__name__.lower()).inc()
            if isinstance(cmd, c.BriefUrl):
                brief_url(ctx, cmd.url, respond, who)
                return
            if isinstance(cmd, c.SourcesAdd):
                msg, feed = a.add_source(ctx, cmd, who)
                reply(respond, msg)
                if feed is not None:
                    read_new_feed(ctx, feed, respond)
                return
            if isinstance(cmd, c.CatchUp):
                msg = catch_up(ctx, client, who.team_id, who.channel_id, cmd.count)
            else:
                msg = a.answer(ctx, cmd, who)
        except UsageError as exc:
            metrics.COMMANDS.labels("usage_error").inc()
            msg = a.text_message(str(exc))
        except Exception:
            log.exception("/brief failed")
            msg = a.text_message(w.say("internal_error"))
        reply(respond, msg)

    app.command(COMMAND)(deferred(pool, answer_brief))


def read_new_feed(ctx: AppContext, feed: Feed, respond: Respond) -> None:
    """The first poll of a feed just added, on the slow executor (the command was
    acknowledged long before); its count follows as a second answer."""

    def done(fut: Future[a.Message]) -> None:
        try:
            msg = fut.result()
        except Exception:
            log.exception("first poll of feed %s failed", feed.id)
            msg = a.text_message(w.say("internal_error"))
        reply(respond, msg, replace_original=False)

    try:
        ctx.executor.submit(a.first_poll, ctx, feed).add_done_callback(done)
    except RuntimeError:  # shutting down: the interval job reads it later
        log.info("not reading feed %s now: shutting down", feed.id)


def brief_url(ctx: AppContext, url: str, respond: Respond, who: a.Asker) -> None:
    """An article already stored is answered at once (and from now on reaches the
    asking channel); otherwise say we are on it, fetch and extract on the slow
    executor, and replace that note."""
    stored = article_id_for_url(ctx.store, url)
    if stored is not None:
        ctx.store.share(stored, who.audience)
        msg = a.article_message(ctx, stored, who.visibility)
        if msg is not None:
            reply(respond, msg)
            return

    reply(respond, a.text_message(w.say("working_url", url=link(url, url))))

    def done(fut: Future[tuple[a.Message, int | None]]) -> None:
        try:
            msg, _ = fut.result()
        except Exception:
            log.exception("/brief <url> failed")
            msg = a.text_message(w.say("internal_error"))
        reply(respond, msg, replace_original=True)

    try:
        ctx.executor.submit(a.fetch_and_brief, ctx, url, who).add_done_callback(done)
    except RuntimeError:  # the executor is shutting down
        reply(respond, a.text_message(w.say("busy")), replace_original=True)
