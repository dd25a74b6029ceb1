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


def _deliver_all(
    store: Store,
    db_url: str,
    slack: SchedulerFakeSlack,
    posts: int,
    *,
    threads: int,
    timeout: float,
) -> DigestDelivery:
    """Run the scheduler as leader (its catch-up queues the due digests) until the fake
    has `posts` messages, then a moment more for stray extra attempts."""
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
        config=SchedulerConfig(delivery_threads=threads, worker_poll_seconds=0.1),
    )
    assert svc.elector.step()
    svc.digest_worker.start()
    try:
        slack.wait_for_posts(posts, timeout=timeout)
        time.sleep(0.5)
    finally:
        svc.digest_worker.stop()
        svc.elector.stop()
    return delivery


def test_429_storm_every_digest_once_and_paced(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 12)  # two messages per digest
    channels = [f"C{i}" for i in range(8)]
    for ch in channels:
        subscribe(store, ch)
    slack.channel_interval = 1.0  # and 429 beyond it
    slack.fail("chat.postMessage", status=429, retry_after=1, times=4)  # "for a while"
    delivery = _deliver_all(store, db_url, slack, 2 * len(channels), threads=4, timeout=60)
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
    delivery = _deliver_all(store, db_url, slack, 2, threads=2, timeout=30)
    assert len(slack.posts()) == 2
    assert slack.rate_limited == 0
    assert delivery.stats.throttled == 0
