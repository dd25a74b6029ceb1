"""Schedule arithmetic on a channel's crontab: the latest due time and the grace period.

croniter does the calendar work (it walks backwards, which APScheduler 3's triggers
cannot). It reads the stored crontab with standard weekday numbers (0 or 7 =
Sunday), as `bot.schedules.cron_trigger` does for APScheduler, and with
`day_or=False`: a day-of-month and a weekday must both match, as in APScheduler,
so the times computed here are the times the jobs fire.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from croniter import CroniterBadDateError, croniter

_TICK = dt.timedelta(microseconds=1)
_MAX_YEARS = 4  # a crontab that fires less often than this (or never) has no slot

MIN_GRACE = 60
MAX_GRACE = 3 * 3600


def _walk(cron: str, timezone: str, start: dt.datetime) -> croniter:
    return croniter(
        cron,
        start.astimezone(ZoneInfo(timezone)),
        day_or=False,
        max_years_between_matches=_MAX_YEARS,
    )


def previous_fire(cron: str, timezone: str, now: dt.datetime) -> dt.datetime | None:
    """The latest time <= now at which the crontab fires (None if none in four years)."""
    try:
        t = _walk(cron, timezone, now + _TICK).get_prev(dt.datetime)
    except CroniterBadDateError:
        return None
    return t.astimezone(dt.UTC)


def next_fire(cron: str, timezone: str, after: dt.datetime) -> dt.datetime | None:
    """The first time > after at which the crontab fires."""
    try:
        t = _walk(cron, timezone, after).get_next(dt.datetime)
    except CroniterBadDateError:
        return None
    return t.astimezone(dt.UTC)


def grace_seconds(cron: str, timezone: str, around: dt.datetime) -> int:
    """How late a missed digest may still be posted: half the gap to the following
    digest, at least 1 minute and at most 3 hours.

    Half the gap means a catch-up digest always lands nearer its own slot than the
    next one, so two digests never arrive back to back; the 3 h cap keeps a
    morning briefing from arriving in the afternoon. Beyond the grace, the missed
    digest is skipped and the next one carries its stories (nothing is marked
    delivered until it is posted)."""
    first = next_fire(cron, timezone, around - _TICK)
    if first is None:
        return MAX_GRACE
    second = next_fire(cron, timezone, first)
    if second is None:
        return MAX_GRACE
    half = (second - first).total_seconds() / 2
    return int(min(MAX_GRACE, max(MIN_GRACE, half)))
