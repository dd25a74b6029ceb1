"""The rate limiter: per-channel spacing, the workspace ceiling, Retry-After, threads."""

from __future__ import annotations

import itertools
import threading
import time

from bot.scheduler.ratelimit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0
        self.lock = threading.Lock()

    def clock(self) -> float:
        with self.lock:
            return self.t

    def sleep(self, s: float) -> None:
        with self.lock:
            self.t += s


def test_one_post_per_second_per_channel() -> None:
    ft = FakeTime()
    rl = RateLimiter(per_minute=6000, margin=0, clock=ft.clock, sleep=ft.sleep)
    times = []
    for _ in range(4):
        rl.acquire("C1")
        times.append(ft.t)
    assert [round(b - a, 6) for a, b in itertools.pairwise(times)] == [1.0, 1.0, 1.0]


def test_workspace_ceiling_spreads_posts_evenly() -> None:
    ft = FakeTime()
    rl = RateLimiter(per_minute=50, margin=0, clock=ft.clock, sleep=ft.sleep)
    start = ft.t
    for i in range(51):
        rl.acquire(f"C{i}")
    # 51 posts to 51 channels: 50 gaps of 60/50 = 1.2 s.
    assert abs((ft.t - start) - 60.0) < 1e-6


def test_retry_after_pauses_everyone() -> None:
    ft = FakeTime()
    rl = RateLimiter(per_minute=6000, margin=0, clock=ft.clock, sleep=ft.sleep)
    rl.acquire("C1")
    rl.retry_after(7, "C1")
    start = ft.t
    rl.acquire("C2")
    assert ft.t - start >= 7
    assert rl.throttled == 1


def test_threads_never_break_the_limits() -> None:
    """Reservations made from many threads at once keep both spacings exactly."""
    rl = RateLimiter(per_minute=1200, per_channel_interval=0.2, margin=0)  # 20/s, 5/s/channel
    got: dict[str, list[float]] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def run(ch: str) -> None:
        barrier.wait()
        for _ in range(4):
            at = rl.reserve(ch)
            with lock:
                got.setdefault(ch, []).append(at)

    threads = [threading.Thread(target=run, args=(f"C{i % 3}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = sorted(x for v in got.values() for x in v)
    assert len(every) == 24
    assert min(b - a for a, b in itertools.pairwise(every)) >= 0.05 - 1e-9
    for ch, v in got.items():
        v.sort()
        assert min(b - a for a, b in itertools.pairwise(v)) >= 0.2 - 1e-9, ch
    # acquire() really waits for its reservation
    for i in range(5):
        rl.acquire(f"X{i}")
    assert time.monotonic() >= every[-1] + 5 * 0.05 - 0.005


def test_spacing_widens_after_429_and_recovers() -> None:
    ft = FakeTime()
    rl = RateLimiter(per_minute=600, margin=0, clock=ft.clock, sleep=ft.sleep)
    base = rl.workspace_interval
    for _ in range(10):
        rl.retry_after(0)
    assert abs(rl.workspace_interval - base * 1.5) < 1e-9  # capped at +50 %
    for i in range(3000):
        rl.acquire(f"C{i}")
        rl.gate(f"C{i}")
    assert abs(rl.workspace_interval - base) < 1e-9


def test_each_workspace_has_its_own_limiter() -> None:
    from bot.scheduler.ratelimit import TeamLimiters

    limiters = TeamLimiters(lambda: RateLimiter(50))
    assert limiters("T1") is limiters("T1")
    assert limiters("T1") is not limiters("T2")


def test_next_post_counts_from_when_the_last_came_back() -> None:
    """A post that took 0.6 s to reach Slack and come back: the next one to the same
    channel leaves a full interval after the answer, so Slack never sees two arrivals
    closer than the interval however late the first one arrived."""
    ft = FakeTime()
    rl = RateLimiter(per_minute=6000, margin=0, clock=ft.clock, sleep=ft.sleep)
    rl.acquire("C1")
    rl.gate("C1")
    sent = ft.t
    ft.sleep(0.6)  # the request and its answer
    rl.finished("C1")
    rl.acquire("C1")
    rl.gate("C1")
    assert round(ft.t - sent, 6) == 1.6
    # Other channels are not held back by it.
    before = ft.t
    rl.acquire("C2")
    rl.gate("C2")
    assert ft.t - before < 0.1
