"""What the Slack app calls on other parts of the bot, as small Protocols.

The scheduler (issue 6) plugs in by setting `ctx.scheduler` to an object with
these methods; until then subscriptions are only stored. A scheduler must use
`bot.schedules.cron_trigger(cron, timezone)`, which reads the stored crontab's
weekday numbers the standard way (APScheduler 3.x's `from_crontab` does not).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol, runtime_checkable

log = logging.getLogger("briefbot.slack")


@runtime_checkable
class SubscriptionScheduler(Protocol):
    def schedule_subscription(
        self, team_id: str, channel_id: str, cron: str, timezone: str
    ) -> None:
        """(Re)schedule the channel's digest; called after the row is stored."""

    def unschedule_subscription(self, team_id: str, channel_id: str) -> None:
        """Remove the channel's digest job; called after the row is deleted."""


def scheduler_of(ctx: Any) -> SubscriptionScheduler | None:
    sched = getattr(ctx, "scheduler", None)
    return sched if isinstance(sched, SubscriptionScheduler) else None


def notify_scheduled(ctx: Any, team_id: str, channel_id: str, cron: str, timezone: str) -> None:
    sched = scheduler_of(ctx)
    if sched is None:
        return
    try:
        sched.schedule_subscription(team_id, channel_id, cron, timezone)
    except Exception:  # the subscription is stored; the scheduler reconciles on start
        log.exception("scheduler hook failed for %s/%s", team_id, channel_id)


def notify_unscheduled(ctx: Any, team_id: str, channel_id: str) -> None:
    sched = scheduler_of(ctx)
    if sched is None:
        return
    try:
        sched.unschedule_subscription(team_id, channel_id)
    except Exception:
        log.exception("scheduler hook failed for %s/%s", team_id, channel_id)
