"""Backoff of failing feeds and failed work items: one policy."""

from __future__ import annotations

import datetime as dt

from briefings.backoff import Backoff, next_poll_after, next_poll_at

HOUR = dt.timedelta(hours=1)


def test_backoff_doubles_and_caps() -> None:
    base = dt.timedelta(minutes=15)
    assert next_poll_after(0, base) == base
    assert next_poll_after(1, base) == 2 * base
    assert next_poll_after(2, base) == 4 * base
    assert next_poll_after(6, base) == 64 * base
    assert next_poll_after(7, base) == 24 * HOUR  # capped
    assert next_poll_after(10**6, base) == 24 * HOUR
    assert next_poll_after(3, base, cap=HOUR) == HOUR
    assert next_poll_after(-1, base) == base


def test_cap_never_shortens_the_base_interval() -> None:
    assert next_poll_after(3, 48 * HOUR) == 48 * HOUR


def test_next_poll_at() -> None:
    now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
    assert next_poll_at(now, 1, HOUR) == now + 2 * HOUR


def test_work_item_backoff_starts_at_base_and_doubles_to_the_cap() -> None:
    b = Backoff(base=30, cap=3600)
    assert [b.delay(n) for n in range(0, 10)] == [0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert b.delay(10**6) == 3600
