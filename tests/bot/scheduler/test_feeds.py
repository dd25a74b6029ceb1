"""Feed polling job and the extraction queue, end to end against a local news site."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from bot.context import build_context
from bot.scheduler.feeds import extractor_handler, feed_poller
from bot.scheduler.service import EXTRACT, SchedulerConfig, Scheduling
from bot.settings import load_settings
from briefings.store.schema import FeedRow
from tests.fakes import WebServer

BODY = (
    "Foreign Minister Anna Lindqvist met Japanese Foreign Minister Kenji Sato in Tokyo on "
    "Monday to discuss fisheries. The two ministers agreed to set up a joint working group. "
    "Lindqvist will travel to Seoul next week, officials said. "
)


def _rss(n: int, base: str) -> str:
    items = "".join(
        f"<item><title>Talks {i}</title><link>{base}/talks-{i}.html</link>"
        f"<guid>talks-{i}</guid><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{BODY * 3} Item {i}.</p>]]></description></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>https://news.example/</link><description>d</description>{items}</channel></rss>"
    )


@pytest.fixture
def site() -> Any:
    s = WebServer().start()
    base = s.url("/").rstrip("/")
    s.pages["/feed.xml"] = ("application/rss+xml", _rss(2, base))
    for i in range(2):
        s.pages[f"/talks-{i}.html"] = (
            "text/html",
            f"<html><head><title>Talks {i}</title></head><body><article><h1>Talks {i}</h1>"
            + f"<p>{BODY}</p>" * 4
            + f"<p>Item {i}.</p></article></body></html>",
        )
    yield s
    s.stop()


def test_feed_job_queues_entries_and_workers_extract_them(
    db_url: str, site: WebServer, extractor: Any
) -> None:
    settings = load_settings(env_file=None, database_url=db_url, briefbot_allow_private_hosts=True)
    ctx = build_context(settings)
    ctx.__dict__["extractor"] = extractor  # the session's pipeline, loaded once
    try:
        with ctx.store.session() as s:
            s.add(FeedRow(url=site.url("/feed.xml"), created_at=dt.datetime.now(dt.UTC)))
        svc = Scheduling(
            ctx.store,
            db_url,
            extract=extractor_handler(ctx),
            config=SchedulerConfig(feed_interval_minutes=15, feed_jitter_seconds=60),
        )
        svc.feed_poller = feed_poller(ctx, svc.queue)
        assert svc.elector.step()
        job = svc._sched.get_job("feed:1")
        assert job is not None and job.trigger.jitter == 60
        assert job.trigger.interval == dt.timedelta(minutes=15)

        svc.poll_feed(1)  # what the interval job runs
        assert svc.queue.counts(EXTRACT) == {"queued": 2}
        svc.poll_feed(1)  # not due again yet (next_poll_at), and nothing is queued twice
        assert svc.queue.counts(EXTRACT) == {"queued": 2}
        assert svc.extract_worker.drain() == 2
        assert svc.queue.counts(EXTRACT) == {"done": 2}
        assert ctx.store.count_articles() == 2
        with ctx.store.session() as s:
            feed = s.scalar(select(FeedRow))
            assert feed is not None and feed.failures == 0 and feed.last_polled_at
        svc.elector.stop()
    finally:
        ctx.close()


def test_failing_feed_is_backed_off_with_its_error(db_url: str, site: WebServer) -> None:
    settings = load_settings(env_file=None, database_url=db_url, briefbot_allow_private_hosts=True)
    ctx = build_context(settings)
    try:
        with ctx.store.session() as s:
            s.add(FeedRow(url=site.url("/missing.xml"), created_at=dt.datetime.now(dt.UTC)))
        svc = Scheduling(ctx.store, db_url, extract=extractor_handler(ctx))
        svc.feed_poller = feed_poller(ctx, svc.queue)
        svc.poll_feed(1)
        with ctx.store.session() as s:
            feed = s.scalar(select(FeedRow))
            assert feed is not None and feed.failures == 1
            assert feed.last_error and "404" in feed.last_error
            first_retry = feed.next_poll_at
            feed.next_poll_at = None  # due again now
        svc.poll_feed(1)
        with ctx.store.session() as s:
            feed = s.scalar(select(FeedRow))
            assert feed is not None and feed.failures == 2
            assert first_retry is not None and feed.next_poll_at is not None
        assert svc.queue.counts(EXTRACT) == {}
    finally:
        ctx.close()
