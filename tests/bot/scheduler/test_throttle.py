"""The fake Slack answers 429 with Retry-After for a while: every digest still arrives
once, and no channel ever sees more than one attempt per second."""

from __future__ import annotations

import datetime as dt
import time

from bot.scheduler.delivery import DigestDelivery
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.service import SchedulerConfig, Scheduling
from bot.scheduler.slackpost import SlackPoster, make_client
from briefings.store import Store
from tests.fakes import BOT_TOKEN

from .support import T0, Clock, SchedulerFakeSlack, add_articles, subscribe


def test_429_storm_every_digest_once_and_paced(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 12)  # two messages per digest
    channels = [f"C{i}" for i in range(8)]
    for ch in channels:
        subscribe(store, ch)
    slack.channel_interval = 1.0  # and 429 beyond it
    slack.fail("chat.postMessage", status=429, retry_after=1, times=4)  # "for a while"
    clock = Clock(T0 + dt.timedelta(seconds=1))
    limiter = RateLimiter(600)
    delivery = DigestDelivery(
        store,
        SlackPoster(make_client(BOT_TOKEN, slack.api_url)),
        limiter,
        worker_id="w1",
        clock=clock,
    )
    svc = Scheduling(
        store,
        db_url,
        delivery=delivery,
        clock=clock,
        worker_id="w1",
        config=SchedulerConfig(delivery_threads=4, worker_poll_seconds=0.1),
    )
    assert svc.elector.step()  # leader: the catch-up queues the 8 digests
    svc.digest_worker.start()
    try:
        slack.wait_for_posts(2 * len(channels), timeout=60)
        time.sleep(0.5)
    finally:
        svc.digest_worker.stop()
        svc.elector.stop()
    assert slack.duplicates() == {}
    assert len(slack.posts()) == 2 * len(channels)
    assert delivery.stats.throttled >= 4
    for ch in channels:
        gaps = slack.attempt_gaps(ch)
        assert gaps and min(gaps) >= 0.99, (ch, gaps)


def test_slow_answer_does_not_crowd_the_next_post(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    """Slack takes 0.6 s over the first message of a digest and counts the post when
    it handles it: the second message, spaced from when the first came back, is not
    a 429."""
    add_articles(store, 12)  # two messages per digest
    subscribe(store, "C1")
    slack.channel_interval = 1.0
    slack.hang("chat.postMessage", seconds=0.6)
    clock = Clock(T0 + dt.timedelta(seconds=1))
    delivery = DigestDelivery(
        store,
        SlackPoster(make_client(BOT_TOKEN, slack.api_url)),
        RateLimiter(600),
        worker_id="w1",
        clock=clock,
    )
    svc = Scheduling(
        store,
        db_url,
        delivery=delivery,
        clock=clock,
        worker_id="w1",
        config=SchedulerConfig(delivery_threads=2, worker_poll_seconds=0.1),
    )
    assert svc.elector.step()
    svc.digest_worker.start()
    try:
        slack.wait_for_posts(2, timeout=30)
    finally:
        svc.digest_worker.stop()
        svc.elector.stop()
    assert len(slack.posts()) == 2
    assert slack.rate_limited == 0
    assert delivery.stats.throttled == 0
