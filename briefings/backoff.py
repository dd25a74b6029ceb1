"""Exponential backoff, the one policy for everything retried: failing feeds and
failed work items. Pure arithmetic (no clock, no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["MAX_FEED_BACKOFF", "Backoff", "next_poll_after", "next_poll_at"]

MAX_FEED_BACKOFF = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait after `failures` consecutive failures: `base` after the first,
    doubling with each further one, never more than `cap` (0 before any failure)."""

    base: float = 30.0
    cap: float = 3600.0

    def delay(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        # Cap the exponent first so huge failure counts cannot overflow.
        return float(min(self.cap, self.base * 2 ** min(failures - 1, 64)))


def next_poll_after(
    failures: int, base_interval: dt.timedelta, cap: dt.timedelta = MAX_FEED_BACKOFF
) -> dt.timedelta:
    """Delay before a feed's next poll: `base_interval` after a success, doubling per
    consecutive failure (1 failure -> 2x, 2 -> 4x, ...), never more than
    `max(cap, base_interval)`."""
    if failures <= 0:
        return base_interval
    ceiling = max(cap, base_interval)
    policy = Backoff(base=2 * base_interval.total_seconds(), cap=ceiling.total_seconds())
    return dt.timedelta(seconds=policy.delay(failures))


def next_poll_at(
    now: dt.datetime,
    failures: int,
    base_interval: dt.timedelta,
    cap: dt.timedelta = MAX_FEED_BACKOFF,
) -> dt.datetime:
    """`now + next_poll_after(...)`, for the `feeds.next_poll_at` column."""
    return now + next_poll_after(failures, base_interval, cap)
