"""What the Slack listeners call on the scheduler after a subscription changes.

The subscription row is the source of truth: a failing or absent scheduler (console
mode, a follower replica) is logged and the leader reconciles the jobs later. A
scheduler must use `bot.schedules.cron_trigger(cron, timezone)`, which reads the
stored crontab's weekday numbers the standard way (APScheduler 3's `from_crontab`
does not).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger("briefbot.slack")


def notify_scheduled(
    ctx: AppContext, team_id: str, channel_id: str, cron: str, timezone: str
) -> None:
    if ctx.scheduler is None:
        return
    try:
        ctx.scheduler.schedule_subscription(team_id, channel_id, cron, timezone)
    except Exception:  # the subscription is stored; the scheduler reconciles on start
        log.exception("scheduler hook failed for %s/%s", team_id, channel_id)


def notify_unscheduled(ctx: AppContext, team_id: str, channel_id: str) -> None:
    if ctx.scheduler is None:
        return
    try:
        ctx.scheduler.unschedule_subscription(team_id, channel_id)
    except Exception:
        log.exception("scheduler hook failed for %s/%s", team_id, channel_id)
