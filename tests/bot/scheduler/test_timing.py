"""Schedule arithmetic (croniter) agrees with the APScheduler triggers that fire the jobs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduler.timing import grace_seconds, next_fire, previous_fire
from bot.schedules import cron_trigger

UTC = dt.UTC
CASES = [
    ("0 8 * * *", "UTC"),
    ("30 7 * * 1-5", "Asia/Tokyo"),
    ("0 * * * *", "Europe/London"),
    ("30 1 * * 0", "Europe/London"),  # Sunday 01:30: skipped/doubled on DST Sundays
    ("30 2 * * *", "America/New_York"),  # 02:30 does not exist on the spring-forward day
    ("0 9 1 * 1", "UTC"),  # day-of-month AND weekday, as APScheduler reads it
    ("*/15 9-17 * * 1-5", "Australia/Sydney"),
]
DST = [  # days around the 2025 transitions in London and New York
    dt.datetime(2025, 3, 8, tzinfo=UTC),
    dt.datetime(2025, 3, 29, tzinfo=UTC),
    dt.datetime(2025, 10, 25, tzinfo=UTC),
    dt.datetime(2025, 11, 1, tzinfo=UTC),
]


def test_previous_fire_examples() -> None:
    now = dt.datetime(2026, 11, 29, 12, 0, tzinfo=UTC)  # a Sunday
    assert previous_fire("0 8 * * 1-5", "UTC", now) == dt.datetime(2026, 11, 27, 8, tzinfo=UTC)
    assert previous_fire("0 8 * * 0", "UTC", now) == dt.datetime(2026, 11, 29, 8, tzinfo=UTC)
    assert previous_fire("0 8 * * 7", "UTC", now) == dt.datetime(2026, 11, 29, 8, tzinfo=UTC)
    at = dt.datetime(2026, 11, 27, 8, tzinfo=UTC)
    assert previous_fire("0 8 * * *", "UTC", at) == at  # a fire time is its own slot
    tokyo = previous_fire("30 7 * * 1-5", "Asia/Tokyo", now)
    assert tokyo == dt.datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # Fri 07:30 JST
    assert previous_fire("0 0 30 2 *", "UTC", now) is None  # never fires


@pytest.mark.parametrize(("cron", "tz"), CASES)
@settings(max_examples=40, deadline=None)
@given(offset=st.integers(min_value=0, max_value=3 * 366 * 86_400))
def test_each_firing_of_the_trigger_queues_a_due_slot(cron: str, tz: str, offset: int) -> None:
    _check_firings(cron, tz, dt.datetime(2025, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=offset))


def _check_firings(cron: str, tz: str, now: dt.datetime) -> None:
    trigger = cron_trigger(cron, tz)
    fired: list[dt.datetime] = []
    t = now
    for _ in range(3):
        nxt = trigger.get_next_fire_time(fired[-1] if fired else None, t)
        assert nxt is not None
        fired.append(nxt.astimezone(UTC))
        t = nxt + dt.timedelta(microseconds=1)
    slots = [previous_fire(cron, tz, f) for f in fired]
    assert all(s is not None and s <= f for s, f in zip(slots, fired, strict=True))
    assert slots == sorted(slots)  # type: ignore[type-var]
    for i in (1, 2):
        slot = slots[i]
        assert slot is not None
        if slot == slots[i - 1]:
            continue  # a repeated local time: the same slot again, queued once
        assert (fired[i] - slot).total_seconds() <= grace_seconds(cron, tz, slot)
        assert next_fire(cron, tz, slots[i - 1]) == slot  # type: ignore[arg-type]


@pytest.mark.parametrize(("cron", "tz"), CASES)
def test_firings_across_dst_changes(cron: str, tz: str) -> None:
    for start in DST:
        for step in range(0, 2 * 86_400, 1_800):
            _check_firings(cron, tz, start + dt.timedelta(seconds=step))


def test_libraries_agree_away_from_dst_gaps() -> None:
    now = dt.datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    for cron, tz in CASES:
        trigger = cron_trigger(cron, tz)
        fired = trigger.get_next_fire_time(None, now)
        assert fired is not None
        assert previous_fire(cron, tz, fired) == fired.astimezone(UTC), (cron, tz)


def test_grace_is_half_the_gap_within_bounds() -> None:
    t = dt.datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert grace_seconds("0 * * * *", "UTC", t) == 30 * 60
    assert grace_seconds("0 8 * * *", "UTC", t) == 3 * 3600
    assert grace_seconds("* * * * *", "UTC", t) == 60
