"""Schedule arithmetic on APScheduler triggers: the latest due time and the grace period."""

from __future__ import annotations

import datetime as dt

from apscheduler.triggers.cron import CronTrigger

_LOOKBACKS = tuple(
    dt.timedelta(seconds=s)
    for s in (61, 3_601, 86_401, 8 * 86_400, 32 * 86_400, 367 * 86_400, 4 * 366 * 86_400)
)
_TICK = dt.timedelta(microseconds=1)

MIN_GRACE = 60
MAX_GRACE = 3 * 3600


def previous_fire(trigger: CronTrigger, now: dt.datetime) -> dt.datetime | None:
    """The latest time <= now at which `trigger` fires (None if none in four years)."""
    for back in _LOOKBACKS:
        t = trigger.get_next_fire_time(None, now - back)
        if t is None or t > now:
            continue
        while True:
            n = trigger.get_next_fire_time(t, t + _TICK)
            if n is None or n > now:
                return t.astimezone(dt.UTC)
            t = n
    return None


def next_fire(trigger: CronTrigger, after: dt.datetime) -> dt.datetime | None:
    t = trigger.get_next_fire_time(None, after + _TICK)
    return t.astimezone(dt.UTC) if t is not None else None


def grace_seconds(trigger: CronTrigger, around: dt.datetime) -> int:
    """How late a missed digest may still be posted: half the gap to the following
    digest, at least 1 minute and at most 3 hours.

    Half the gap means a catch-up digest always lands nearer its own slot than the
    next one, so two digests never arrive back to back; the 3 h cap keeps a
    morning briefing from arriving in the afternoon. Beyond the grace, the missed
    digest is skipped and the next one carries its stories (nothing is marked
    delivered until it is posted)."""
    first = next_fire(trigger, around - _TICK)
    if first is None:
        return MAX_GRACE
    second = next_fire(trigger, first)
    if second is None:
        return MAX_GRACE
    half = (second - first).total_seconds() / 2
    return int(min(MAX_GRACE, max(MIN_GRACE, half)))
