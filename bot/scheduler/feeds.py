"""Feed polling and extraction: the work the queue spreads over every replica.

`poll_feed` (leader, from a feed's interval job) fetches one feed with its saved
validators, stores etag/last_modified/failures/next_poll_at, and queues each
new entry's article as an `extract` work item keyed by the article's key.
`extract` (any replica) runs the same `briefings.ingest.ingest` as
`briefbot ingest`, on one article (or fetches a queued URL first).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefings.backoff import next_poll_at
from briefings.clock import utcnow
from briefings.errors import StoreError
from briefings.models import Article
from briefings.sources import poll_feed_sync
from briefings.store.channels import Channels, article_id_for_url
from briefings.store.queue import WorkItem, WorkQueue
from briefings.store.repository import article_key
from briefings.urls import canonical_url

from .. import metrics
from ..fetching import fetch_article, fetch_policy

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.scheduler.feeds")

EXTRACT = "extract"


def article_payload(article: Article) -> dict[str, Any]:
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "text": article.text,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "source": article.source,
            "origin": article.origin,
            "license": article.license,
        }
    }


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


def enqueue_article(queue: WorkQueue, article: Article) -> bool:
    return queue.enqueue(EXTRACT, "extract:" + article_key(article), article_payload(article))


def enqueue_url(queue: WorkQueue, url: str) -> bool:
    return queue.enqueue(EXTRACT, "extract:" + canonical_url(url), {"url": url})


def feed_poller(
    ctx: AppContext, queue: WorkQueue, *, base_interval: dt.timedelta | None = None
) -> Callable[[int], None]:
    base = base_interval or dt.timedelta(minutes=15)
    channels = Channels(ctx.store)

    def poll(feed_id: int) -> None:
        feed = channels.feed(feed_id)
        if feed is None:
            return
        now = utcnow()
        if feed.next_poll_at is not None and feed.next_poll_at > now:
            return  # backing off after failures
        # A failing feed comes back as status "error" (never raised) so the backoff
        # below is recorded; entries already stored are not fetched again.
        result = poll_feed_sync(
            feed.url,
            feed.etag,
            feed.last_modified,
            fetch_policy(ctx.settings),
            skip=lambda e: e.link is not None and article_id_for_url(ctx.store, e.link) is not None,
        )
        failures = 0 if result.ok else feed.failures + 1
        queued = sum(enqueue_article(queue, a) for a in result.articles)
        channels.record_poll(
            feed_id,
            polled_at=now,
            etag=result.etag,
            last_modified=result.last_modified,
            failures=failures,
            error=result.error,
            next_poll_at=next_poll_at(now, failures, base),
            title=result.title,
        )
        log.info("feed %s: %s, %d new entries queued", feed.url, result.status, queued)

    return poll


def extractor_handler(ctx: AppContext) -> Callable[[WorkItem], None]:
    def handle(item: WorkItem) -> None:
        if "article" in item.payload:
            article = payload_article(item.payload["article"])
        else:
            article = fetch_article(str(item.payload["url"]), ctx.settings)
        started = time.perf_counter()
        report = ctx.ingest([article], ctx.feed_extractor)
        metrics.record_ingest(report, time.perf_counter() - started)
        if report.failed:
            raise StoreError("; ".join(report.errors) or "could not be stored")

    return handle
