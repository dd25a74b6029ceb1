"""Wiring: the context, the Slack hooks' protocol, console digests."""

from __future__ import annotations

import time
from typing import Any

from bot.context import build_context
from bot.scheduler import console_digest_tick, start_console_digests, start_scheduling
from bot.scheduler.service import SchedulerConfig, digest_job_id
from bot.settings import load_settings
from bot.slack.hooks import notify_scheduled, notify_unscheduled

from .support import add_articles, subscribe


def test_slack_hooks_reach_the_scheduler(db_url: str) -> None:
    ctx = build_context(load_settings(env_file=None, database_url=db_url))
    try:
        svc = start_scheduling(ctx, config=SchedulerConfig(leader_retry_seconds=0.1))
        assert ctx.scheduler is svc  # Scheduling is the context's typed Scheduler
        deadline = time.monotonic() + 10
        while svc._sched is None and time.monotonic() < deadline:  # leading, APScheduler up
            time.sleep(0.05)
        assert svc.is_leader
        subscribe(ctx.store, "C1", "30 7 * * 1-5", "Asia/Tokyo")
        notify_scheduled(ctx, "T0FAKE", "C1", "30 7 * * 1-5", "Asia/Tokyo")
        assert svc._sched.get_job(digest_job_id("T0FAKE", "C1")) is not None
        notify_unscheduled(ctx, "T0FAKE", "C1")
        assert svc._sched.get_job(digest_job_id("T0FAKE", "C1")) is None
    finally:
        ctx.close()  # stops the scheduling service too


def test_console_digest_prints_new_stories_once(sqlite_url: str) -> None:
    ctx = build_context(load_settings(env_file=None, database_url=sqlite_url))
    printed: list[Any] = []
    try:
        add_articles(ctx.store, 2)
        assert console_digest_tick(ctx, printed.append, "local", "console")
        assert not console_digest_tick(ctx, printed.append, "local", "console")
        add_articles(ctx.store, 1, prefix="b")
        assert console_digest_tick(ctx, printed.append, "local", "console")
        assert [len(d.stories) for d in printed] == [2, 1]
        sched = start_console_digests(ctx, printed.append, cron="*/5 * * * *")
        job = sched.get_job("console-digest")
        assert job is not None and job.coalesce and job.max_instances == 1
        sched.shutdown(wait=False)
    finally:
        ctx.close()
