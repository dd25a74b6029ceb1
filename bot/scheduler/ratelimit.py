"""Pacing for chat.postMessage: one post per second per channel, a workspace ceiling,
and Slack's Retry-After honoured.

The limiter hands out *reservations*: each caller gets the earliest moment at
which it may post, computed under a lock from three constraints:

- the channel's previous reservation + `per_channel_interval` (1 s, Slack's
  documented limit for posting to one channel);
- the workspace's previous reservation + 60 / `per_minute` (the ceiling is
  spread evenly over the minute instead of being spent in a burst, so the
  tier limit is never hit and there is no 429 storm when 500 channels are due
  at the same minute);
- a pause set by a 429's Retry-After, which stops every post in the process
  until it has passed (Slack's answer does not say which limit was hit, so the
  whole workspace backs off).

Reservations are strictly ordered, so N posts take (N - 1) * 60 / per_minute
seconds at best, which is the theoretical minimum under an evenly spread
ceiling; a 5 % safety margin (`margin`) is added to both intervals because
requests reach Slack with a few milliseconds of jitter.
Thread-safe; the clock and sleep are injectable for tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        per_minute: float = 50.0,
        *,
        per_channel_interval: float = 1.0,
        margin: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        # A small safety margin: requests reach Slack with a few ms of jitter, and a
        # post that arrives 1 ms early is a 429.
        self.workspace_interval = 60.0 / per_minute * (1.0 + margin)
        self.per_channel_interval = per_channel_interval * (1.0 + margin)
        # After a 429 the workspace spacing widens by 10 % (at most +50 %), and it
        # narrows back by 2 % per 100 posts without one: a server stricter than
        # expected, or a jittery network, costs a few 429s, not a 429 per second.
        self._base_workspace_interval = self.workspace_interval
        self._calm = 0
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self._channel_next: dict[str, float] = {}
        self._workspace_next = 0.0
        self._paused_until = 0.0
        self._last_sent = float("-inf")
        self._channel_sent: dict[str, float] = {}
        self.throttled = 0  # 429s reported
        self.waited = 0.0  # total seconds callers slept

    def reserve(self, channel: str) -> float:
        """Reserve the earliest allowed posting time for `channel` (clock units)."""
        with self._lock:
            now = self.clock()
            at = max(
                now,
                self._channel_next.get(channel, 0.0),
                self._workspace_next,
                self._paused_until,
            )
            self._channel_next[channel] = at + self.per_channel_interval
            self._workspace_next = at + self.workspace_interval
            if len(self._channel_next) > 10_000:  # forget channels long past
                self._channel_next = {c: t for c, t in self._channel_next.items() if t > now}
            return at

    def acquire(self, channel: str) -> float:
        """Block until `channel` may post; returns the seconds waited."""
        waited = 0.0
        while True:
            at = self.reserve(channel)
            delay = at - self.clock()
            if delay > 0:
                self.sleep(delay)
                waited += delay
            with self._lock:
                paused = self._paused_until > self.clock()
            if not paused:  # a 429 arrived while we slept: take a new reservation
                with self._lock:
                    self.waited += waited
                return waited

    def gate(self, channel: str) -> float:
        """Call immediately before sending: waits (briefly) so that actual sends, not
        just reservations, are spaced by the limits. Work done between `acquire` and
        the request (a database claim) varies by milliseconds from one thread to the
        next; without this, two requests could leave closer together than allowed.
        Returns the seconds waited."""
        with self._lock:
            now = self.clock()
            at = max(
                now,
                self._last_sent + self.workspace_interval,
                self._channel_sent.get(channel, 0.0) + self.per_channel_interval,
            )
            self._last_sent = at
            self._channel_sent[channel] = at
            self._calm += 1
            if self._calm >= 100 and self.workspace_interval > self._base_workspace_interval:
                self._calm = 0
                self.workspace_interval = max(
                    self._base_workspace_interval, self.workspace_interval * 0.98
                )
            if len(self._channel_sent) > 10_000:
                self._channel_sent = {c: t for c, t in self._channel_sent.items() if t > now - 60}
            # Later reservations count from this send.
            self._workspace_next = max(self._workspace_next, at + self.workspace_interval)
            self._channel_next[channel] = max(
                self._channel_next.get(channel, 0.0), at + self.per_channel_interval
            )
        delay = at - self.clock()
        if delay > 0:
            self.sleep(delay)
            return delay
        return 0.0

    def finished(self, channel: str) -> None:
        """Call when a post to `channel` has come back (answered or failed). The next
        post to the channel is spaced from this moment, not from when this one left:
        a request held up on its way (a busy machine, a slow network) would otherwise
        reach Slack close behind the one that follows it, and Slack counts arrivals."""
        with self._lock:
            now = self.clock()
            self._channel_sent[channel] = max(self._channel_sent.get(channel, now), now)
            self._channel_next[channel] = max(
                self._channel_next.get(channel, 0.0), now + self.per_channel_interval
            )

    def retry_after(self, seconds: float, channel: str | None = None) -> None:
        """Slack said 429: nobody posts before `seconds` from now."""
        with self._lock:
            now = self.clock()
            until = now + max(0.0, seconds)
            self._paused_until = max(self._paused_until, until)
            self._workspace_next = max(self._workspace_next, until)
            if channel is not None:
                self._channel_next[channel] = max(self._channel_next.get(channel, 0.0), until)
            self.throttled += 1
            self._calm = 0
            self.workspace_interval = min(
                self._base_workspace_interval * 1.5, self.workspace_interval * 1.1
            )

    @property
    def minimum_seconds_per_post(self) -> float:
        return self.workspace_interval


class TeamLimiters:
    """One `RateLimiter` per workspace (Slack's ceilings and 429s are per workspace, so
    with many installed workspaces one's burst never slows another's digests)."""

    def __init__(self, make: Callable[[], RateLimiter]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._by_team: dict[str, RateLimiter] = {}

    def __call__(self, team_id: str) -> RateLimiter:
        with self._lock:
            limiter = self._by_team.get(team_id)
            if limiter is None:
                limiter = self._by_team[team_id] = self._make()
            return limiter
