"""Schedules as typed after `/brief subscribe`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.schedules import cron_trigger, describe, parse_schedule
from briefings.errors import UsageError


@pytest.mark.parametrize(
    ("text", "cron", "tz"),
    [
        ("daily 08:00", "0 8 * * *", "UTC"),
        ("daily 8:05 Asia/Tokyo", "5 8 * * *", "Asia/Tokyo"),
        ("weekdays 07:30", "30 7 * * 1-5", "UTC"),
        ("weekdays 08:00 asia/tokyo", "0 8 * * 1-5", "Asia/Tokyo"),
        ("hourly", "0 * * * *", "UTC"),
        ("hourly Europe/London", "0 * * * *", "Europe/London"),
        ('cron "0 8 * * 1-5"', "0 8 * * 1-5", "UTC"),
        (
            'cron "*/15  9-17 * * mon-fri" America/New_York',
            "*/15 9-17 * * mon-fri",
            "America/New_York",
        ),
        ("cron “0 8 * * 0” Europe/Paris", "0 8 * * 0", "Europe/Paris"),
    ],
)
def test_valid(text: str, cron: str, tz: str) -> None:
    s = parse_schedule(text)
    assert (s.cron, s.timezone) == (cron, tz)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "needs a schedule"),
        ("daily", "needs a time"),
        ("daily 25:00", "`25:00` is not a time"),
        ("daily 08:60", "`08:60` is not a time"),
        ("daily 8am", "`8am` is not a time"),
        ("weekdays 07:30 Mars/Olympus", "`Mars/Olympus` is not a timezone"),
        ("monthly 08:00", "can't read the schedule"),
        ('cron "0 8 * *"', "not a valid cron expression"),
        ('cron "61 8 * * *"', "not a valid cron expression"),
        ('cron "0 8 * * 9"', "not a valid cron expression"),
        ("cron 0 8 * * 1-5", "Put the cron expression in quotes"),
        ('cron "0 8 * * 1', "can't read the schedule"),
        ("daily 08:00 UTC extra", "can't read the schedule"),
    ],
)
def test_invalid_one_line_with_usage(text: str, needle: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_schedule(text)
    msg = str(info.value)
    assert needle in msg
    assert "\n" not in msg
    assert "/brief subscribe daily 08:00" in msg


def test_default_timezone_is_used() -> None:
    assert parse_schedule("daily 09:00", "Asia/Tokyo").timezone == "Asia/Tokyo"


def test_cron_trigger_uses_crontab_weekdays() -> None:
    """Standard crontab 1-5 is Monday to Friday (APScheduler 3 would say Tue-Sat)."""
    tz = ZoneInfo("Asia/Tokyo")
    trig = cron_trigger("0 8 * * 1-5", "Asia/Tokyo")
    # Friday 2026-11-27 09:00 Tokyo -> next fire is Monday 30th 08:00.
    now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=tz)
    nxt = trig.get_next_fire_time(None, now)
    assert nxt == dt.datetime(2026, 11, 30, 8, 0, tzinfo=tz)
    sunday = cron_trigger("0 8 * * 0", "UTC").get_next_fire_time(
        None, dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    )
    assert sunday is not None and sunday.weekday() == 6
    seven = cron_trigger("0 8 * * 5-7", "UTC")
    assert "fri" in str(seven) and "sun" in str(seven)


def test_describe() -> None:
    assert describe("0 8 * * 1-5", "Asia/Tokyo") == "on weekdays at 08:00 (Asia/Tokyo)"
    assert describe("30 7 * * *", "UTC") == "daily at 07:30 (UTC)"
    assert describe("0 * * * *", "UTC") == "every hour, on the hour (UTC)"
    assert describe("*/5 * * * *", "UTC") == "on the schedule `*/5 * * * *` (UTC)"
