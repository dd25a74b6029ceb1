"""Feed polling and extraction: the work the queue spreads over every replica.

`poll_feed` (leader, from a feed's interval job) runs `bot.feedpoll.poll_once`,
which queues each new entry's article as an `extract` work item carrying the
feed's audience. `extract` (any replica) runs the same `briefings.ingest.ingest`
as `briefbot ingest`, on one article (or fetches a queued URL first), recording
that the article reached that audience.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefings.errors import StoreError
from briefings.store.queue import WorkItem, WorkQueue

from .. import metrics
from ..feedpoll import (
    DEFAULT_INTERVAL,
    EXTRACT,
    article_payload,
    enqueue_article,
    enqueue_url,
    payload_article,
    payload_audience,
    poll_once,
)
from ..fetching import fetch_article

if TYPE_CHECKING:
    from ..context import AppContext

__all__ = [
    "EXTRACT",
    "article_payload",
    "enqueue_article",
    "enqueue_url",
    "extractor_handler",
    "feed_poller",
    "payload_article",
]


def feed_poller(
    ctx: AppContext, queue: WorkQueue, *, base_interval: dt.timedelta | None = None
) -> Callable[[int], None]:
    base = base_interval or DEFAULT_INTERVAL

    def poll(feed_id: int) -> None:
        poll_once(ctx, queue, feed_id, base_interval=base)

    return poll


def extractor_handler(ctx: AppContext) -> Callable[[WorkItem], None]:
    def handle(item: WorkItem) -> None:
        if "article" in item.payload:
            article = payload_article(item.payload["article"])
        else:
            article = fetch_article(str(item.payload["url"]), ctx.settings)
        audience = payload_audience(item.payload.get("audience"))
        started = time.perf_counter()
        report = ctx.ingest([article], ctx.feed_extractor, audience=audience)
        metrics.record_ingest(report, time.perf_counter() - started)
        if report.failed:
            raise StoreError("; ".join(report.errors) or "could not be stored")

    return handle
