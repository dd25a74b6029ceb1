"""The scheduling service with a test-driven clock: job store, catch-up, API."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from bot.scheduler.delivery import DigestDelivery, Outcome, slot_key
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.service import SchedulerConfig, Scheduling, digest_job_id
from bot.scheduler.slackpost import SlackPoster, make_client
from briefings.store import Store
from tests.fakes import BOT_TOKEN

from .support import T0, Clock, SchedulerFakeSlack, add_articles, subscribe

H = dt.timedelta(hours=1)


def _service(
    store: Store, url: str, slack: SchedulerFakeSlack, clock: Clock, worker: str = "w1"
) -> Scheduling:
    delivery = DigestDelivery(
        store,
        SlackPoster(make_client(BOT_TOKEN, slack.api_url)),
        RateLimiter(600),
        worker_id=worker,
        clock=clock,
    )
    return Scheduling(
        store,
        url,
        delivery=delivery,
        clock=clock,
        worker_id=worker,
        config=SchedulerConfig(leader_retry_seconds=0.2),
    )


@pytest.fixture
def svcs() -> Iterator[list[Scheduling]]:
    started: list[Scheduling] = []
    yield started
    for s in started:
        s.elector.stop()


def test_subscription_survives_a_restart(
    db_url: str, slack: SchedulerFakeSlack, svcs: list[Scheduling]
) -> None:
    clock = Clock(T0 - H)
    store = Store.open(db_url)
    subscribe(store, "C1", "30 7 * * 1-5", "Asia/Tokyo")
    svc = _service(store, db_url, slack, clock)
    svcs.append(svc)
    assert svc.elector.step()  # leader: APScheduler runs here
    svc.schedule_subscription("T0FAKE", "C1", "30 7 * * 1-5", "Asia/Tokyo")
    job = svc._sched.get_job(digest_job_id("T0FAKE", "C1"))
    assert job is not None and job.coalesce and job.max_instances == 1
    # Missed firings are left to catch_up (one queueing path for missed digests).
    assert job.misfire_grace_time == SchedulerConfig().maintain_seconds
    before = job.next_run_time
    svc.elector.stop()  # the process ends
    store.close()

    with Store.open(db_url).engine.connect() as conn:  # the job is on disk
        ids = [r[0] for r in conn.execute(text("SELECT id FROM apscheduler_jobs"))]
    assert digest_job_id("T0FAKE", "C1") in ids

    store2 = Store.open(db_url)
    svc2 = _service(store2, db_url, slack, clock, worker="w2")
    svcs.append(svc2)
    assert svc2.elector.step()
    job2 = svc2._sched.get_job(digest_job_id("T0FAKE", "C1"))
    assert job2 is not None and job2.next_run_time == before
    assert str(job2.trigger) == str(job.trigger)
    # Weekdays 07:30 in Tokyo: Monday to Friday, never Saturday or Sunday.
    fire = job2.trigger.get_next_fire_time(None, dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    assert fire.strftime("%a %H:%M") == "Mon 07:30"
    svc2.unschedule_subscription("T0FAKE", "C1")
    assert svc2._sched.get_job(digest_job_id("T0FAKE", "C1")) is None
    store2.close()


def test_follower_subscriptions_are_mirrored_by_the_leader(
    store: Store, db_url: str, slack: SchedulerFakeSlack, svcs: list[Scheduling]
) -> None:
    clock = Clock(T0)
    svc = _service(store, db_url, slack, clock)
    svcs.append(svc)
    svc.schedule_subscription("T0FAKE", "C1", "0 8 * * *", "UTC")  # not leader: no-op
    subscribe(store, "C1")  # the listener stored the row
    assert svc.elector.step()
    assert svc._sched.get_job(digest_job_id("T0FAKE", "C1")) is not None
    subscribe(store, "C2", "0 9 * * *")
    svc.maintain()
    assert svc._sched.get_job(digest_job_id("T0FAKE", "C2")) is not None


def test_downtime_across_two_slots_gives_one_catch_up(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 3)
    subscribe(store, "C1", "0 * * * *", last_digest_at=T0)
    clock = Clock(T0 + 2 * H + dt.timedelta(minutes=20))  # down from 08:00 to 10:20
    svc = _service(store, db_url, slack, clock)
    assert svc.catch_up() == [("T0FAKE", "C1", T0 + 2 * H)]
    assert svc.catch_up() == []  # queued once
    assert svc.digest_worker.drain(["digest"]) == 1
    assert slack.digest_slots() == [("C1", slot_key(T0 + 2 * H))]
    clock.advance(600)
    assert svc.catch_up() == []
    assert svc.digest_worker.drain(["digest"]) == 0


def test_missed_digest_older_than_grace_is_skipped(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 3)
    subscribe(store, "C1", "0 * * * *", last_digest_at=T0)
    # Hourly: the grace is 30 min, so at 10:40 the 10:00 digest is skipped ...
    clock = Clock(T0 + 2 * H + dt.timedelta(minutes=40))
    svc = _service(store, db_url, slack, clock)
    assert svc.catch_up() == []
    # ... and the 11:00 one carries its stories.
    clock.set(T0 + 3 * H + dt.timedelta(seconds=2))
    assert svc.catch_up() == [("T0FAKE", "C1", T0 + 3 * H)]
    svc.digest_worker.drain(["digest"])
    assert len(slack.posts()) == 1 and "A talks" in slack.posts()[0].params["text"]


def test_no_digest_for_a_slot_before_the_subscription(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    subscribe(store, "C1", "0 8 * * *", created_at=T0 + dt.timedelta(minutes=5))
    svc = _service(store, db_url, slack, Clock(T0 + dt.timedelta(minutes=10)))
    assert svc.fire_digest("T0FAKE", "C1") is None


def test_unsubscribed_before_delivery_posts_nothing(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 2)
    subscribe(store, "C1")
    clock = Clock(T0 + dt.timedelta(seconds=1))
    svc = _service(store, db_url, slack, clock)
    assert svc.fire_digest("T0FAKE", "C1") == T0
    with store.session() as s:
        s.execute(text("DELETE FROM subscriptions"))
    assert svc.delivery is not None
    assert svc.delivery.deliver("T0FAKE", "C1", T0) is Outcome.UNSUBSCRIBED
    assert slack.posts() == []


def test_many_channels_due_at_once_each_get_one_digest(
    store: Store, db_url: str, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 2)
    channels = [f"C{i:03d}" for i in range(30)]
    for ch in channels:
        subscribe(store, ch)
    slack.channel_interval = 1.0
    slack.set_bucket(per_minute=600, burst=2)
    clock = Clock(T0 + dt.timedelta(seconds=1))
    svc = _service(store, db_url, slack, clock)
    assert len(svc.catch_up()) == 30
    svc.digest_worker.drain(["digest"])
    assert sorted(c for c, _ in slack.digest_slots()) == channels
    assert slack.duplicates() == {} and slack.rate_limited == 0


def test_apscheduler_coalesces_missed_runs_into_one(
    db_url: str, slack: SchedulerFakeSlack, svcs: list[Scheduling]
) -> None:
    """Real time: the job store says the every-minute job is three runs behind; on
    restart APScheduler runs it once (coalesce), and one digest is queued."""
    from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED

    if dt.datetime.now(dt.UTC).second > 50:  # keep the test inside one minute
        time.sleep(61 - dt.datetime.now(dt.UTC).second)
    now = dt.datetime.now(dt.UTC)
    store = Store.open(db_url)
    first = Scheduling(store, db_url, config=SchedulerConfig(), worker_id="a")
    svcs.append(first)
    assert first.elector.step()
    subscribe(store, "C1", "* * * * *", created_at=now - H)
    first.schedule_subscription("T0FAKE", "C1", "* * * * *", "UTC")
    jid = digest_job_id("T0FAKE", "C1")
    first._sched.pause()
    first._sched.modify_job(jid, next_run_time=now - dt.timedelta(seconds=150))
    first.elector.stop()  # down, three runs behind

    runs: list[str] = []
    second = Scheduling(store, db_url, config=SchedulerConfig(), worker_id="b")
    svcs.append(second)
    import apscheduler.schedulers.base as aps_base

    original = aps_base.BaseScheduler.start

    def start(self: Any, *a: Any, **kw: Any) -> None:
        self.add_listener(lambda e: runs.append(e.job_id), EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
        original(self, *a, **kw)

    aps_base.BaseScheduler.start = start  # type: ignore[method-assign]
    try:
        assert second.elector.step()
    finally:
        aps_base.BaseScheduler.start = original  # type: ignore[method-assign]
    deadline = time.monotonic() + 10
    while jid not in runs and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert runs.count(jid) == 1  # once, not three times
    assert second.queue.counts("digest") == {"queued": 1}  # one catch-up digest
    job = second._sched.get_job(jid)
    assert job.next_run_time > dt.datetime.now(dt.UTC)
    store.close()
