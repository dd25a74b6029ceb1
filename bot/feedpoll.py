"""Polling one feed: shared by the leader's interval jobs (`bot.scheduler.feeds`) and
the first poll when a channel adds a feed (`/brief sources add`, at once).

A poll fetches the feed with its saved validators, stores
etag/last_modified/failures/next_poll_at, and queues each new entry's article as an
`extract` work item keyed by the feed and the article's key, carrying the feed's
audience (its channel, its workspace, or the shared corpus for CLI feeds). An entry
already stored (reached through another feed) is not fetched again: it is recorded
as having reached this feed's audience too.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefings.backoff import next_poll_at
from briefings.clock import utcnow
from briefings.models import Article
from briefings.sources import poll_feed_sync
from briefings.store.channels import Channels, Feed, article_id_for_url
from briefings.store.queue import WorkQueue
from briefings.store.repository import article_key, text_hash
from briefings.store.visibility import SHARED, Audience
from briefings.urls import canonical_url

from .fetching import fetch_policy

if TYPE_CHECKING:
    from .context import AppContext

log = logging.getLogger("briefbot.feeds")

EXTRACT = "extract"


def article_payload(article: Article, audience: Audience = SHARED) -> dict[str, Any]:
    return {
        "audience": audience_payload(audience),
        "article": {
            "id": article.id,
            "title": article.title,
            "text": article.text,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "source": article.source,
            "origin": article.origin,
            "license": article.license,
        },
    }


def feed_audience(feed: Feed) -> Audience:
    """Where a feed's articles belong: its channel, its workspace (channel ""), or the
    shared corpus (CLI feeds: team "")."""
    return Audience(feed.team_id, feed.channel_id, feed.id)


def audience_payload(audience: Audience) -> dict[str, Any]:
    return {
        "team_id": audience.team_id,
        "channel_id": audience.channel_id,
        "feed_id": audience.feed_id,
    }


def payload_audience(data: dict[str, Any] | None) -> Audience:
    """The audience a work item carries; items queued before it had one are shared."""
    if not data:
        return SHARED
    return Audience(
        str(data.get("team_id") or ""),
        str(data.get("channel_id") or ""),
        int(data.get("feed_id") or 0),
    )


def payload_article(data: dict[str, Any]) -> Article:
    published = data.get("published")
    return Article(
        id=str(data["id"]),
        title=str(data["title"]),
        text=str(data["text"]),
        published=dt.date.fromisoformat(published) if published else None,
        url=data.get("url"),
        source=data.get("source"),
        origin=data.get("origin"),
        license=data.get("license"),
    )


MAX_KEY = 700  # work_items.key


def _item_key(article: Article, audience: Audience) -> str:
    """One item per feed and article: the same story in two channels' feeds is
    extracted once (the second finds it stored) and recorded for both."""
    key = article_key(article)
    if audience.feed_id:
        key = f"f{audience.feed_id}:{key}"
    if len(key) + len("extract:") > MAX_KEY:
        key = "sha256:" + text_hash(key)
    return "extract:" + key


def enqueue_article(queue: WorkQueue, article: Article, audience: Audience = SHARED) -> bool:
    return queue.enqueue(EXTRACT, _item_key(article, audience), article_payload(article, audience))


def enqueue_url(queue: WorkQueue, url: str) -> bool:
    return queue.enqueue(EXTRACT, "extract:" + canonical_url(url), {"url": url})


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of one feed did."""

    status: str  # "ok", "not_modified", "error", or "gone" (the feed was removed)
    error: str | None = None
    queued: int = 0  # new entries queued for extraction
    known: int = 0  # entries already stored, now also this feed's

    @property
    def found(self) -> int:
        return self.queued + self.known


DEFAULT_INTERVAL = dt.timedelta(minutes=15)


def poll_once(
    ctx: AppContext,
    queue: WorkQueue,
    feed_id: int,
    *,
    base_interval: dt.timedelta = DEFAULT_INTERVAL,
    force: bool = False,
) -> PollOutcome:
    """Poll one feed now (unless it is backing off after failures and not `force`d)."""
    channels = Channels(ctx.store)
    feed = channels.feed(feed_id)
    if feed is None:
        return PollOutcome("gone")
    now = utcnow()
    if not force and feed.next_poll_at is not None and feed.next_poll_at > now:
        return PollOutcome("backing_off", feed.last_error)
    audience = feed_audience(feed)
    known = 0

    def stored(link: str | None) -> bool:
        """An entry already stored is not fetched again, only recorded for this feed."""
        nonlocal known
        aid = article_id_for_url(ctx.store, link) if link else None
        if aid is None:
            return False
        if not ctx.store.has_source(aid, audience):
            ctx.store.share(aid, audience)
            known += 1
        return True

    # A failing feed comes back as status "error" (never raised) so the backoff
    # below is recorded.
    result = poll_feed_sync(
        feed.url,
        feed.etag,
        feed.last_modified,
        fetch_policy(ctx.settings),
        skip=lambda e: stored(e.link),
    )
    failures = 0 if result.ok else feed.failures + 1
    queued = sum(enqueue_article(queue, a, audience) for a in result.articles)
    channels.record_poll(
        feed_id,
        polled_at=now,
        etag=result.etag,
        last_modified=result.last_modified,
        failures=failures,
        error=result.error,
        next_poll_at=next_poll_at(now, failures, base_interval),
        title=result.title,
    )
    log.info(
        "feed %s: %s, %d new entries queued, %d already stored",
        feed.url, result.status, queued, known,
    )  # fmt: skip
    return PollOutcome(result.status, result.error, queued, known)
