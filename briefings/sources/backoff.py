"""When to poll a feed next: pure functions the store's scheduler calls."""

from __future__ import annotations

import datetime as dt

__all__ = ["MAX_BACKOFF", "next_poll_after", "next_poll_at"]

MAX_BACKOFF = dt.timedelta(hours=24)


def next_poll_after(
    failures: int, base_interval: dt.timedelta, cap: dt.timedelta = MAX_BACKOFF
) -> dt.timedelta:
    """Delay before the next poll: `base_interval` after a success, doubling per
    consecutive failure (1 failure -> 2x, 2 -> 4x, ...), never more than
    `max(cap, base_interval)`."""
    if failures <= 0:
        return base_interval
    ceiling = max(cap, base_interval)
    # Cap the exponent first so huge failure counts cannot overflow.
    factor = 2 ** min(failures, 32)
    return min(base_interval * factor, ceiling)


def next_poll_at(
    now: dt.datetime,
    failures: int,
    base_interval: dt.timedelta,
    cap: dt.timedelta = MAX_BACKOFF,
) -> dt.datetime:
    """`now + next_poll_after(...)`, for the `feeds.next_poll_at` column."""
    return now + next_poll_after(failures, base_interval, cap)
