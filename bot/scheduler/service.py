"""Scheduling: APScheduler on the leader, the work queue on every replica.

    svc = Scheduling(store, database_url, delivery=..., extract=..., feed_poller=...)
    svc.start()                       # election + workers; the leader runs APScheduler
    svc.schedule_subscription(team, channel, cron, tz)    # from `/brief subscribe`
    svc.unschedule_subscription(team, channel)            # from `/brief unsubscribe`
    svc.stop()

The subscriptions table is the source of truth. The APScheduler job store
(table `apscheduler_jobs`, same database) holds one cron job per subscription
(id `digest:<team>:<channel>`) and one interval job per feed (`feed:<id>`),
with `coalesce=True` and `max_instances=1`. A digest job fires on time only and
*queues* the digest of its slot (the latest scheduled time <= now) as a work item
keyed by team, channel and slot; the queue worker posts it through
`DigestDelivery`, which is exactly-once.

Every 30 s the leader also runs `maintain()`: it mirrors subscriptions made on
other replicas into jobs and runs `catch_up()`, which queues through the same
`_queue_due`. Missed digests (downtime, a leader that died between firing and
queueing) are queued there and only there: APScheduler drops firings later than
one maintenance round, so the grace period (`timing.grace_seconds`) is applied
in one place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from briefings.clock import Clock, utcnow
from briefings.store import Store
from briefings.store.channels import Channels, Subscription
from briefings.store.deliveries import slot_key
from briefings.store.jobstore import job_store
from briefings.store.queue import WorkItem, WorkQueue

from .. import metrics
from ..schedules import cron_trigger
from . import jobs
from .delivery import Checkpoint, DigestDelivery, InProgress, no_checkpoint
from .leader import LeaderElector
from .timing import grace_seconds, previous_fire
from .worker import Worker

log = logging.getLogger("briefbot.scheduler")

DIGEST = "digest"
EXTRACT = "extract"


@dataclass(frozen=True)
class SchedulerConfig:
    jobs_table: str = "apscheduler_jobs"
    leader_retry_seconds: float = 5.0  # followers try the lock this often (takeover < 30 s)
    maintain_seconds: float = 30.0  # leader: mirror subscriptions/feeds, catch up
    digest_lease: float = 120.0  # a dead leader's digest item is retried after this
    extract_lease: float = 300.0  # extraction of one article, generous for slow pages
    stale_after: float = 120.0  # see delivery: a claim without ts older than this is checked
    delivery_threads: int = 4
    extract_threads: int = 1
    worker_poll_seconds: float = 1.0
    feed_interval_minutes: float = 15.0
    feed_jitter_seconds: int = 120
    executor_threads: int = 4
    purge_after_days: int = 7


def digest_job_id(team_id: str, channel_id: str) -> str:
    return f"digest:{team_id}:{channel_id}"


def digest_item_key(team_id: str, channel_id: str, slot: dt.datetime) -> str:
    return f"digest:{team_id}:{channel_id}:{slot_key(slot)}"


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Scheduling:
    def __init__(
        self,
        store: Store,
        database_url: str,
        *,
        delivery: DigestDelivery | None = None,
        extract: Callable[[WorkItem], None] | None = None,
        feed_poller: Callable[[int], None] | None = None,
        config: SchedulerConfig | None = None,
        clock: Clock = utcnow,
        worker_id: str | None = None,
        timezone: str = "UTC",
        checkpoint: Checkpoint = no_checkpoint,
    ) -> None:
        self.store = store
        self.channels = Channels(store)
        self.checkpoint = checkpoint
        self.database_url = database_url
        self.delivery = delivery
        self.feed_poller = feed_poller
        # Leader duty run with every maintain(): alert DMs (bot.alerts.AlertSender.tick).
        self.alerts_tick: Callable[[], object] | None = None
        self.config = config or SchedulerConfig()
        self.clock = clock
        self.worker_id = worker_id or default_worker_id()
        self.timezone = timezone
        self.queue = WorkQueue(store, clock=clock, max_attempts=8)
        self.elector = LeaderElector(
            database_url,
            on_elected=self._become_leader,
            on_lost=self._step_down,
            retry_seconds=self.config.leader_retry_seconds,
        )
        self._sched: BackgroundScheduler | None = None
        self._sched_lock = threading.RLock()
        self.digest_worker = Worker(
            self.queue,
            {DIGEST: self._handle_digest},
            worker_id=self.worker_id,
            lease=self.config.digest_lease,
            kinds=lambda: [DIGEST] if self.is_leader and self.delivery else [],
            poll_seconds=self.config.worker_poll_seconds,
            threads=self.config.delivery_threads,
        )
        self.extract_worker = Worker(
            self.queue,
            {EXTRACT: extract} if extract else {},
            worker_id=self.worker_id,
            lease=self.config.extract_lease,
            poll_seconds=self.config.worker_poll_seconds,
            threads=self.config.extract_threads,
        )

    # -- lifecycle --------------------------------------------------------------------

    @property
    def is_leader(self) -> bool:
        return self.elector.is_leader

    def start(self) -> Scheduling:
        jobs.bind(self)
        self.elector.start()
        self.digest_worker.start()
        self.extract_worker.start()
        return self

    def stop(self) -> None:
        self.digest_worker.stop()
        self.extract_worker.stop()
        self.elector.stop()
        jobs.bind(None)

    def _become_leader(self) -> None:
        jobs.bind(self)
        sched = BackgroundScheduler(
            jobstores={"default": job_store(self.store, self.config.jobs_table)},
            executors={"default": ThreadPoolExecutor(self.config.executor_threads)},
            job_defaults={
                "coalesce": True,  # after downtime: one run, not one per missed time
                "max_instances": 1,
                "misfire_grace_time": 3 * 3600,  # per-job values override this
            },
            timezone=self.timezone,
        )
        sched.start(paused=True)
        with self._sched_lock:
            self._sched = sched
        try:
            self.reconcile()
            sched.add_job(
                jobs.maintain,
                IntervalTrigger(seconds=self.config.maintain_seconds),
                id="briefbot:maintain",
                name="mirror subscriptions and feeds, catch up missed digests",
                replace_existing=True,
                misfire_grace_time=None,
            )
            self.catch_up()
        except Exception:
            self._step_down()  # the elector gives the lock up and tries again later
            raise
        sched.resume()

    def _step_down(self) -> None:
        with self._sched_lock:
            sched, self._sched = self._sched, None
        if sched is not None:
            try:
                # APScheduler 3 processes due jobs once more after `shutdown()` sets its
                # state (its loop wakes up and runs `_process_jobs` before re-checking),
                # submitting them to the stopped executor and advancing their
                # next_run_time in the shared job store without running them. Detach
                # the job store first so a stepping-down leader never touches it (this
                # also keeps it from disposing the shared engine).
                sched.pause()
                sched.remove_jobstore("default", shutdown=False)
                sched.shutdown(wait=False)
            except Exception:
                log.exception("scheduler shutdown")

    # -- the API the Slack listeners call ----------------------------------------------

    def schedule_subscription(
        self, team_id: str, channel_id: str, cron: str, timezone: str
    ) -> None:
        """(Re)schedule the channel's digest job. On a follower this is a no-op: the
        leader mirrors the subscription row within `maintain_seconds`."""
        with self._sched_lock:
            if self._sched is not None:
                self._add_digest_job(team_id, channel_id, cron, timezone)

    def unschedule_subscription(self, team_id: str, channel_id: str) -> None:
        with self._sched_lock:
            if self._sched is not None:
                with contextlib.suppress(JobLookupError):
                    self._sched.remove_job(digest_job_id(team_id, channel_id))

    def _add_digest_job(self, team_id: str, channel_id: str, cron: str, tz: str) -> None:
        assert self._sched is not None
        trigger = cron_trigger(cron, tz)
        self._sched.add_job(
            jobs.fire_digest,
            trigger,
            args=[team_id, channel_id],
            id=digest_job_id(team_id, channel_id),
            name=f"digest {team_id}/{channel_id} [{cron}] {tz}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            # On time only: a firing missed by more than one maintenance round (downtime,
            # a busy executor) is dropped here and queued by `catch_up`, the one place
            # that decides whether a missed digest is still worth posting.
            misfire_grace_time=int(self.config.maintain_seconds),
        )

    # -- leader duties ----------------------------------------------------------------------

    def reconcile(self) -> None:
        """Make the job store match the subscriptions and feeds tables."""
        with self._sched_lock:
            sched = self._sched
            if sched is None:
                return
            existing = {j.id: j for j in sched.get_jobs()}
            wanted: set[str] = set()
            for sub in self.channels.subscriptions():
                if sub.paused:  # kept, not scheduled: its job is removed below
                    continue
                team, channel, cron, tz = sub.team_id, sub.channel_id, sub.cron, sub.timezone
                jid = digest_job_id(team, channel)
                wanted.add(jid)
                job = existing.get(jid)
                if job is None or job.name != f"digest {team}/{channel} [{cron}] {tz}":
                    try:
                        self._add_digest_job(team, channel, cron, tz)
                    except ValueError as exc:
                        log.error("subscription %s/%s has a bad schedule: %s", team, channel, exc)
            if self.feed_poller is not None:
                for fid in (f.id for f in self.channels.feeds()):
                    jid = f"feed:{fid}"
                    wanted.add(jid)
                    if jid not in existing:
                        sched.add_job(
                            jobs.poll_feed,
                            IntervalTrigger(
                                minutes=self.config.feed_interval_minutes,
                                jitter=self.config.feed_jitter_seconds,
                            ),
                            args=[fid],
                            id=jid,
                            name=f"poll feed {fid}",
                            replace_existing=True,
                            coalesce=True,
                            max_instances=1,
                            misfire_grace_time=int(self.config.feed_interval_minutes * 60),
                        )
            for jid in existing:
                if jid.startswith(("digest:", "feed:")) and jid not in wanted:
                    sched.remove_job(jid)

    def fire_digest(
        self, team_id: str, channel_id: str, now: dt.datetime | None = None
    ) -> dt.datetime | None:
        """Queue the digest of the latest due slot; returns the slot if newly queued."""
        sub = self.channels.subscription(team_id, channel_id)
        if sub is None or sub.paused:  # paused: kept, not scheduled
            return None
        return self._queue_due(sub, now=now)

    def _queue_due(
        self, sub: Subscription, *, now: dt.datetime | None = None
    ) -> dt.datetime | None:
        now = now or self.clock()
        team_id, channel_id = sub.team_id, sub.channel_id
        created_at, last_digest_at = sub.created_at, sub.last_digest_at
        try:
            slot = previous_fire(sub.cron, sub.timezone, now)
        except (ValueError, KeyError):  # a bad crontab or timezone: never due
            return None
        if slot is None:
            return None
        if created_at is not None and slot < created_at.replace(microsecond=0):
            return None  # scheduled before the subscription existed
        if last_digest_at is not None and last_digest_at >= slot:
            return None  # already posted
        if (now - slot).total_seconds() > grace_seconds(sub.cron, sub.timezone, slot):
            return None  # too late: the next digest carries these stories
        payload = {"team_id": team_id, "channel_id": channel_id, "slot": slot.isoformat()}
        if not self.queue.enqueue(DIGEST, digest_item_key(team_id, channel_id, slot), payload):
            return None
        self.checkpoint("job.after_enqueue")
        log.info("queued digest %s/%s for %s", team_id, channel_id, slot.isoformat())
        self.digest_worker.wake()
        return slot

    def catch_up(self, now: dt.datetime | None = None) -> list[tuple[str, str, dt.datetime]]:
        """Queue every digest that is due, within its grace period, and not yet posted
        or queued: one per channel however many slots were missed."""
        queued = []
        for sub in self.channels.subscriptions():
            if sub.paused:
                continue
            slot = self._queue_due(sub, now=now)
            if slot is not None:
                queued.append((sub.team_id, sub.channel_id, slot))
        return queued

    def maintain(self) -> None:
        self.reconcile()
        self.catch_up()
        if self.alerts_tick is not None:
            try:
                self.alerts_tick()
            except Exception:  # alerts must never stop digests
                log.exception("alerts failed")
        now = self.clock()
        if now.minute == 0 and now.second < self.config.maintain_seconds:
            self.queue.purge(now - dt.timedelta(days=self.config.purge_after_days))

    def poll_feed(self, feed_id: int) -> None:
        if self.feed_poller is not None:
            self.feed_poller(feed_id)

    # -- worker handlers ------------------------------------------------------------------

    def _handle_digest(self, item: WorkItem) -> None:
        assert self.delivery is not None
        p = item.payload
        slot = dt.datetime.fromisoformat(str(p["slot"]))
        try:
            outcome = self.delivery.deliver(str(p["team_id"]), str(p["channel_id"]), slot)
        except InProgress:
            raise  # given back for later (rate limited, claimed elsewhere): not a failure
        except Exception:
            metrics.DIGESTS_FAILED.inc()
            raise
        log.info("digest %s: %s", item.key, outcome)
