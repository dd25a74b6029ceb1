"""Scheduled digests, feed polling and the work queue (see docs/scheduling.md).

svc = start_scheduling(ctx)              # Slack modes: leader election + workers
svc.schedule_subscription(team, channel, cron, tz)
handle = start_console_digests(ctx, print_fn)   # console mode
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from briefings.digest import Digest, build_digest, mark_delivered
from briefings.workers import default_workers

from ..alerts import AlertSender
from ..context import AppContext
from ..paused import dm_subscriber
from ..schedules import cron_trigger
from .delivery import DigestDelivery, Poster
from .feeds import extractor_handler, feed_poller
from .ratelimit import RateLimiter, TeamLimiters
from .service import SchedulerConfig, Scheduling, default_worker_id
from .slackpost import SlackPoster, make_client

__all__ = [
    "DigestDelivery",
    "RateLimiter",
    "SchedulerConfig",
    "Scheduling",
    "build_scheduling",
    "start_console_digests",
    "start_scheduling",
]

log = logging.getLogger("briefbot.scheduler")


def build_scheduling(
    ctx: AppContext,
    *,
    poster: Poster | None = None,
    config: SchedulerConfig | None = None,
    worker_id: str | None = None,
) -> Scheduling:
    """The scheduling service wired to the context (not started)."""
    settings = ctx.settings
    if config is None:
        # One queue thread per extraction process keeps every process busy.
        workers = settings.briefbot_extract_workers or default_workers()
        config = SchedulerConfig(extract_threads=workers)
    worker_id = worker_id or default_worker_id()
    # Each workspace's posts go out with its own bot token (one token in single-workspace
    # mode, the installation's in OAuth mode), looked up at each post: an uninstalled
    # workspace has none, and a rotated token is refreshed when due.
    tokens = ctx.tokens

    def client_for(team_id: str) -> WebClient:
        return make_client(tokens.token(team_id) or "", settings.slack_api_url)

    posters = None if poster is not None else (lambda team: SlackPoster(client_for(team)))
    limiters = TeamLimiters(lambda: RateLimiter(settings.briefbot_workspace_posts_per_minute))
    delivery = DigestDelivery(
        ctx.store,
        poster or SlackPoster(client_for("")),
        limiters(""),
        limiters=limiters,
        worker_id=worker_id,
        stale_after=config.stale_after,
        posters=posters,
        on_paused=dm_subscriber(client_for),
    )
    svc = Scheduling(
        ctx.store,
        settings.database_url,
        delivery=delivery,
        extract=extractor_handler(ctx),
        config=config,
        worker_id=worker_id,
        timezone=settings.briefbot_timezone,
    )
    svc.feed_poller = feed_poller(ctx, svc.queue)
    if settings.slack_bot_token or settings.oauth:
        svc.alerts_tick = AlertSender(ctx.store, client_for(""), clients=client_for).tick
    return svc


def start_scheduling(
    ctx: AppContext,
    *,
    poster: Poster | None = None,
    config: SchedulerConfig | None = None,
) -> Scheduling:
    """Build, start, and attach to `ctx.scheduler` (closed by `ctx.close()`)."""
    svc = build_scheduling(ctx, poster=poster, config=config).start()
    ctx.scheduler = svc
    return svc


def start_console_digests(
    ctx: AppContext,
    print_fn: Callable[[Digest], Any],
    *,
    team_id: str = "local",
    channel_id: str = "console",
    cron: str | None = None,
) -> BackgroundScheduler:
    """Console mode: print the digest on `BRIEFBOT_CONSOLE_DIGEST_CRON` (default every
    minute). Only digests with something new are printed; what was printed is marked
    delivered to (team_id, channel_id), so a story is printed once. Returns the
    running scheduler; call `.shutdown(wait=False)` when the console exits."""
    tz = ctx.settings.briefbot_timezone
    trigger = cron_trigger(cron or ctx.settings.briefbot_console_digest_cron, tz)
    sched = BackgroundScheduler(timezone=tz)
    sched.add_job(
        console_digest_tick,
        trigger,
        args=[ctx, print_fn, team_id, channel_id],
        id="console-digest",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=60,
    )
    sched.start()
    return sched


def console_digest_tick(
    ctx: AppContext, print_fn: Callable[[Digest], Any], team_id: str, channel_id: str
) -> bool:
    """One console digest: print it if it has stories; returns whether it printed."""
    digest = build_digest(ctx.store, team_id=team_id, channel_id=channel_id)
    if digest.is_empty:
        return False
    print_fn(digest)
    mark_delivered(ctx.store, team_id, channel_id, digest.article_ids)
    return True
