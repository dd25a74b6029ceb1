"""What `/brief` and the buttons answer: Slack messages built from the store.

Pure of Bolt: every function takes the context and who asked (`Asker`) and
returns a message dict (`{"blocks": [...], "text": "..."}` or `{"text": ...}`),
so the listeners only parse, acknowledge, and send.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from briefings.compose import briefing_for, latest_briefings
from briefings.dossier import Candidates, Dossier, Unknown, lookup
from briefings.errors import FetchError, UsageError
from briefings.render.blocks import evidence_message, to_message
from briefings.render.escape import escape, link
from briefings.render.slack_ids import (
    ACTION_SHARE,
    MAX_BLOCK_ID,
    MAX_BLOCKS,
    MAX_FALLBACK,
    MAX_TOTAL_TEXT,
    SHARE_BRIEFING,
    SHARE_DOSSIER,
    SHARE_LATEST,
)
from briefings.sources import check_link
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels, Feed, Subscription, article_id_for_url
from briefings.store.queue import WorkQueue
from briefings.store.visibility import Audience, Visibility
from briefings.text import fold
from briefings.urls import canonical_url

from .. import metrics
from .. import wording as w
from ..alerts import ALERT_GAP
from ..feedpoll import poll_once
from ..fetching import fetch_article, fetch_policy
from ..schedules import describe
from . import commands as c
from .cache import answer_cache
from .hooks import notify_scheduled, notify_unscheduled

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.slack")

Message = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asked, and where (from the slash command or interaction payload)."""

    team_id: str
    channel_id: str
    user_id: str

    @property
    def visibility(self) -> Visibility:
        """What this channel may see: the shared corpus, its workspace's, its own."""
        return Visibility.channel(self.team_id, self.channel_id)

    @property
    def audience(self) -> Audience:
        """Where an article this asker brings in (`/brief <url>`) belongs: the channel."""
        return Audience(self.team_id, self.channel_id)


def interaction_asker(body: dict[str, Any]) -> Asker:
    """Who pressed a button or ran a shortcut (interaction payloads nest the ids)."""
    team = (body.get("team") or {}).get("id") or body.get("team_id") or ""
    channel = (
        (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
        or ""
    )
    user = (body.get("user") or {}).get("id") or ""
    return Asker(str(team), str(channel), str(user))


# -- message helpers ---------------------------------------------------------


def text_message(text: str) -> Message:
    """A plain message (mrkdwn `text` only; Slack needs no blocks for it)."""
    return {"text": text}


def _block_text(block: dict[str, Any]) -> int:
    n = 0
    t = block.get("text")
    if isinstance(t, dict):
        n += len(str(t.get("text") or ""))
    for f in block.get("fields") or ():
        n += len(str(f.get("text") or ""))
    for el in block.get("elements") or ():
        if isinstance(el, dict):
            t = el.get("text")
            n += len(str(t.get("text") or "")) if isinstance(t, dict) else len(str(t or ""))
    return n


def keep_buttons(message: Message, keep: Callable[[str], bool]) -> list[dict[str, Any]]:
    """The message's blocks with only the buttons whose action id `keep` accepts (an
    actions block left empty is dropped): a copy shown where the others cannot work."""
    blocks: list[dict[str, Any]] = []
    for b in message.get("blocks") or ():
        if b.get("type") == "actions":
            els = [e for e in b.get("elements") or () if keep(str(e.get("action_id") or ""))]
            if not els:
                continue
            b = {**b, "elements": els}
        blocks.append(b)
    return blocks


def for_channel(message: Message, user_id: str) -> Message:
    """A shared copy: without the share button, saying who shared it."""
    blocks = keep_buttons(message, lambda action: action != ACTION_SHARE)
    ctx_block = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": w.say("shared_by", user=user_id)}],
    }
    if len(blocks) >= MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1]
    blocks.append(ctx_block)
    return {**message, "blocks": blocks}


def concat(messages: list[Message]) -> Message:
    """Several rendered messages as one, within Slack's limits (later ones are dropped)."""
    blocks: list[dict[str, Any]] = []
    texts: list[str] = []
    total = 0
    for i, m in enumerate(messages):
        mb = [dict(b) for b in m.get("blocks") or ()]
        size = sum(_block_text(b) for b in mb)
        need = len(mb) + (1 if blocks else 0)
        if blocks and (len(blocks) + need > MAX_BLOCKS - 1 or total + size > MAX_TOTAL_TEXT):
            break
        if blocks:
            blocks.append({"type": "divider"})
        for b in mb:
            if "block_id" in b:
                b["block_id"] = f"{b['block_id']}-{i}"[:MAX_BLOCK_ID]
        blocks.extend(mb)
        total += size
        texts.append(str(m.get("text") or ""))
    return {"blocks": blocks, "text": "\n\n".join(t for t in texts if t)[:MAX_FALLBACK]}


# -- answers -------------------------------------------------------------------


def help_message() -> Message:
    return text_message(w.help_text())


def dossier_message(ctx: AppContext, query: str, vis: Visibility) -> Message:
    """The dossier (with Follow and Share buttons), the candidates, or "unknown", from
    what `vis` may see.

    Answers are cached per store and per visibility until an article is added,
    changed or reaches a new channel, and concurrent requests for the same official
    wait for one look-up (many people ask about the same officials at once, right
    after the same news)."""
    key = " ".join(fold(query).split())
    return answer_cache(ctx.store).get((key, *vis.key), lambda: _dossier_message(ctx, query, vis))


def _dossier_message(ctx: AppContext, query: str, vis: Visibility) -> Message:
    # The renderer gives a dossier its Follow and Share buttons.
    return to_message(lookup(ctx.store, query, vis))


def latest_message(ctx: AppContext, vis: Visibility, count: int = 5) -> Message:
    rendered = [to_message(b) for b in latest_briefings(ctx.store, count, vis=vis)]
    if not rendered:
        return text_message(w.say("latest_none"))
    return rendered[0] if len(rendered) == 1 else concat(rendered)


def article_message(ctx: AppContext, article_id: int, vis: Visibility) -> Message | None:
    """A stored article's briefing (with Show sources, Follow and Share buttons); None
    when it is gone or `vis` may not see it."""
    if not ctx.store.can_see(article_id, vis):
        return None
    briefing = briefing_for(ctx.store, article_id)
    return to_message(briefing) if briefing is not None else None


def sources_message(ctx: AppContext, value: str, vis: Visibility) -> Message:
    """The evidence sentences behind a briefing (the Show sources button; value:
    the stored article id)."""
    aid = int(value) if value.strip().isdigit() else None
    visible = aid is not None and ctx.store.can_see(aid, vis)
    briefing = briefing_for(ctx.store, aid) if aid is not None and visible else None
    if briefing is None:
        return text_message(w.say("sources_gone"))
    return evidence_message(briefing)


def rebuild(ctx: AppContext, value: str, vis: Visibility) -> Message | None:
    """The answer a Share button's value stands for (see `slack_ids.SHARE_*`), from
    what the channel it is shared in may see."""
    kind, _, arg = value.partition(":")
    if kind == SHARE_DOSSIER and arg:
        return dossier_message(ctx, arg, vis)
    if kind == SHARE_LATEST:
        return latest_message(ctx, vis, int(arg) if arg.isdigit() else 5)
    if kind == SHARE_BRIEFING and arg.isdigit():
        return article_message(ctx, int(arg), vis)
    return None


def stored_or_fetched(ctx: AppContext, url: str, audience: Audience) -> int | None:
    """The stored article for `url`, fetched, extracted and stored first when it is
    not there yet (slow: run on `ctx.executor`); either way recorded as having reached
    `audience` (the asking channel). Raises FetchError for the user."""
    aid = article_id_for_url(ctx.store, url)
    if aid is not None:
        ctx.store.share(aid, audience)
        return aid
    article = fetch_article(url, ctx.settings)
    aid = article_id_for_url(ctx.store, article.url or url)
    if aid is None:
        started = time.perf_counter()
        report = ctx.ingest([article], ctx.url_extractor, audience=audience)
        metrics.record_ingest(report, time.perf_counter() - started)
        aid = report.article_ids[0] if report.article_ids else None
    if aid is None:  # stored meanwhile, or unchanged under another address
        aid = article_id_for_url(ctx.store, article.url or url)
    if aid is not None:
        ctx.store.share(aid, audience)
    return aid


def fetch_and_brief(ctx: AppContext, url: str, who: Asker) -> tuple[Message, int | None]:
    """Fetch, extract, store and brief one article for `who`'s channel (slow: run on
    `ctx.executor`)."""
    try:
        aid = stored_or_fetched(ctx, url, who.audience)
    except FetchError as exc:
        return text_message(w.say("fetch_failed", url=_link(url), reason=str(exc))), None
    if aid is None:
        log.warning("could not store the article at %s", url)
        return text_message(w.say("internal_error")), None
    msg = article_message(ctx, aid, who.visibility)
    if msg is None:
        return text_message(w.say("internal_error")), None
    return msg, aid


def channel_command(ctx: AppContext, cmd: c.Command, who: Asker) -> Message:
    """Sub-commands that read or change this channel's settings (quick, no fetching)."""
    ch = Channels(ctx.store)
    team, channel = who.team_id, who.channel_id
    if isinstance(cmd, c.Subscribe):
        sched = cmd.schedule
        new, previous = ch.subscribe(
            team,
            channel,
            schedule=sched.text,
            cron=sched.cron,
            timezone=sched.timezone,
            created_by=who.user_id,
            only_followed=cmd.only_followed,
            keywords=cmd.keywords,
            notify_empty=cmd.notify_empty,
            flat=cmd.flat,
        )
        notify_scheduled(ctx, team, channel, new.cron, new.timezone)
        now = describe(new.cron, new.timezone)
        if previous is not None and (previous.cron, previous.timezone) != (new.cron, new.timezone):
            before = describe(previous.cron, previous.timezone)
            lines = [w.say("subscribed_changed", schedule=now, previous=before)]
        else:
            lines = [w.say("subscribed", schedule=now)]
        if previous is None:
            lines.append(w.say("subscription_from_now"))
        return text_message("\n".join(lines + _filters(ch, new)))
    if isinstance(cmd, c.Unsubscribe):
        gone = ch.unsubscribe(team, channel)
        if gone is None:
            return text_message(w.say("not_subscribed", usage=w.usage("subscribe")))
        notify_unscheduled(ctx, team, channel)
        return text_message(w.say("unsubscribed", schedule=describe(gone.cron, gone.timezone)))
    if isinstance(cmd, c.Subscriptions):
        sub = ch.subscription(team, channel)
        if sub is None:
            return text_message(w.say("not_subscribed", usage=w.usage("subscribe")))
        lines = [w.say("subscriptions", schedule=describe(sub.cron, sub.timezone))]
        return text_message("\n".join(lines + _filters(ch, sub)))
    if isinstance(cmd, (c.Follow, c.Unfollow, c.Following)):
        return _follow_command(ctx, ch, cmd, who)
    if isinstance(cmd, (c.Mute, c.AlertsSwitch)):
        return _alerts_command(ctx, cmd, who)
    if isinstance(cmd, c.SourcesAdd):
        return add_source(ctx, cmd, who)[0]
    if isinstance(cmd, c.SourcesRemove):
        url = canonical_url(cmd.url)
        removed = ch.remove_feed(team, channel, url) or ch.remove_feed(team, channel, cmd.url)
        return text_message(
            w.say("source_removed" if removed else "source_unknown", url=_link(cmd.url))
        )
    if isinstance(cmd, c.SourcesList):
        feeds = ch.feeds(team, channel)
        if not feeds:
            return text_message(w.say("sources_none", usage=w.usage("sources")))
        listing = "\n".join(f"• {_link(f.url)}{_feed_status(f)}" for f in feeds)
        return text_message(w.say("sources", lines=listing))
    raise TypeError(f"not a channel command: {cmd!r}")


def add_source(ctx: AppContext, cmd: c.SourcesAdd, who: Asker) -> tuple[Message, Feed | None]:
    """Add a feed to the asker's channel: the answer, and the feed when it is new (the
    caller then reads it at once with `first_poll`, off the listener thread)."""
    url = check_feed(ctx, cmd.url)
    feed, added = Channels(ctx.store).add_feed(
        who.team_id, who.channel_id, url, added_by=who.user_id
    )
    if not added:
        return text_message(w.say("source_exists", url=_link(url))), None
    return text_message(w.say("source_added", url=_link(url))), feed


def first_poll(ctx: AppContext, feed: Feed) -> Message:
    """Read a just-added feed now instead of at the next 15-minute cycle, and say how
    many articles it found (slow, bounded by the fetch limits: run on `ctx.executor`).
    Its entries are queued for the extraction workers like any poll's."""
    queue = ctx.scheduler.queue if ctx.scheduler is not None else WorkQueue(ctx.store)
    out = poll_once(ctx, queue, feed.id, force=True)
    url = _link(feed.url)
    if out.status == "error":
        return text_message(w.say("source_poll_failed", url=url, error=escape(out.error or "")))
    if out.found == 0:
        return text_message(w.say("source_polled_nothing", url=url))
    articles = "article" if out.found == 1 else "articles"
    return text_message(w.say("source_polled", url=url, n=out.found, articles=articles))


def _feed_status(feed: Feed) -> str:
    """How a feed is doing: never polled, fine, or failing with its last error."""

    def when(t: dt.datetime | None) -> str:
        return t.astimezone(dt.UTC).strftime("%d %b %H:%M UTC") if t else "?"

    if feed.failures and feed.last_error:
        return w.say(
            "feed_failing", n=feed.failures, error=escape(feed.last_error),
            next=when(feed.next_poll_at),
        )  # fmt: skip
    if feed.last_polled_at is None:
        return w.say("feed_not_polled")
    return w.say("feed_ok", at=when(feed.last_polled_at))


def _filters(ch: Channels, sub: Subscription) -> list[str]:
    """The digest options of a subscription, one line each."""
    lines = []
    if sub.only_followed:
        follows = ch.follows(sub.team_id, "channel", sub.channel_id)
        if follows:
            names = ", ".join(f"*{escape(f.name)}*" for f in follows)
            lines.append(w.say("subscription_followed", names=names))
        else:
            lines.append(w.say("subscription_followed_none", usage=w.usage("follow")))
    if sub.keywords:
        lines.append(
            w.say("subscription_keywords", words=", ".join(escape(k) for k in sub.keywords))
        )
    if sub.notify_empty:
        lines.append(w.say("subscription_always"))
    lines.append(w.say("subscription_flat" if sub.flat else "subscription_thread"))
    if sub.paused:
        lines.append(w.say("subscription_paused"))
    return lines


def _link(url: str) -> str:
    return link(url, url)


def check_feed(ctx: AppContext, url: str) -> str:
    """Refuse an unfetchable feed link up front (no network); the canonical URL."""
    try:
        return check_link(url, fetch_policy(ctx.settings))
    except FetchError as exc:
        raise UsageError(f"{exc}. Usage: {w.usage('sources')}") from exc


def _follow_command(
    ctx: AppContext, ch: Channels, cmd: c.Follow | c.Unfollow | c.Following, who: Asker
) -> Message:
    """Follow commands: the channel's digest filter, or (`me`) the person's own follows.
    Every answer says which of the two it changed."""
    scope: Literal["user", "channel"] = "user" if cmd.personal else "channel"
    scope_id = who.user_id if cmd.personal else who.channel_id
    k = "user_" if cmd.personal else ""
    if isinstance(cmd, c.Following):
        follows = ch.follows(who.team_id, scope, scope_id)
        if not follows:
            return text_message(w.say(k + "following_none", usage=w.usage("follow")))
        names = ", ".join(f"*{escape(f.name)}*" for f in follows)
        return text_message(w.say(k + "following", names=names))
    if isinstance(cmd, c.Unfollow):
        gone = ch.unfollow(who.team_id, scope, scope_id, cmd.name)
        if gone is None:
            return text_message(w.say(k + "not_following", name=escape(cmd.name)))
        return text_message(w.say(k + "unfollowed", name=escape(gone.name)))
    name, note = follow_target(ctx, cmd.name, who.visibility)
    added = ch.follow(who.team_id, scope, scope_id, name)
    key = k + ("followed" if added else "already_following")
    lines = [w.say(key, name=escape(name), plain=w.user(name))]
    return text_message("\n".join(lines + ([note] if note else [])))


def _alerts_command(ctx: AppContext, cmd: c.Mute | c.AlertsSwitch, who: Asker) -> Message:
    """The asker's own alerts: one official muted or unmuted, or all on or off."""
    alerts = Alerts(ctx.store)
    if isinstance(cmd, c.AlertsSwitch):
        alerts.set_enabled(who.team_id, who.user_id, cmd.on)
        minutes = int(ALERT_GAP.total_seconds() // 60)
        return text_message(w.say("alerts_on" if cmd.on else "alerts_off", minutes=minutes))
    name, _note = follow_target(ctx, cmd.name, who.visibility)
    if cmd.muted:
        key = "muted" if alerts.mute(who.team_id, who.user_id, name) else "already_muted"
    else:
        key = "unmuted" if alerts.unmute(who.team_id, who.user_id, name) else "not_muted"
    return text_message(w.say(key, name=escape(name)))


def follow_target(ctx: AppContext, name: str, vis: Visibility) -> tuple[str, str]:
    """The name to follow (the stored official's full name when `name` clearly means
    one, among those `vis` may see) and a warning when no such article names it or it
    is ambiguous."""
    try:
        found = lookup(ctx.store, name, vis)
    except Exception:  # following must work even if the dossier module fails
        log.exception("official look-up failed for follow")
        return name, ""
    if isinstance(found, Dossier):
        return found.official.name, ""
    if isinstance(found, Unknown):
        return name, w.say("follow_unknown", name=escape(name), plain=w.user(name))
    if isinstance(found, Candidates) and not found.fuzzy:
        names = ", ".join(f"*{escape(r.name)}*" for r in found.candidates)
        return name, w.say("follow_ambiguous", name=escape(name), names=names)
    if isinstance(found, Candidates):
        return name, w.say("follow_unknown", name=escape(name), plain=w.user(name))
    return name, ""


def answer(ctx: AppContext, cmd: c.Command, who: Asker) -> Message:
    """The answer to any quick sub-command (everything but `/brief <url>`)."""
    if isinstance(cmd, c.Help):
        return help_message()
    if isinstance(cmd, c.Ping):
        return text_message(w.say("ping"))
    if isinstance(cmd, c.Official):
        return dossier_message(ctx, cmd.query, who.visibility)
    if isinstance(cmd, c.Latest):
        return latest_message(ctx, who.visibility, cmd.count)
    if isinstance(cmd, c.BriefUrl):
        raise TypeError("`/brief <url>` is slow work; use fetch_and_brief on ctx.executor")
    if isinstance(cmd, c.CatchUp):
        raise TypeError("`/brief catch up` posts in the channel; use catchup.catch_up")
    return channel_command(ctx, cmd, who)
