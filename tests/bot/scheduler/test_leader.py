"""Leader election: two bot processes on one PostgreSQL, one schedules; kill it, the
other takes over within 30 s, and every due digest is posted exactly once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import cast

import pytest

from bot.scheduler.leader import LeaderElector
from briefings.store import Store

from .support import SchedulerFakeSlack, add_articles, subscribe

REPO = Path(__file__).resolve().parents[3]


def test_sqlite_runs_a_single_scheduler(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    events: list[str] = []
    a = LeaderElector(url, on_elected=lambda: events.append("a"), on_lost=lambda: None)
    b = LeaderElector(url, on_elected=lambda: events.append("b"), on_lost=lambda: None)
    assert a.step() and not b.step()
    a.stop()  # the process ends: its lock goes with it
    assert b.step()
    assert events == ["a", "b"]
    b.stop()


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL)")
    from tests.conftest import _pg_schema_url

    gen = cast(Generator[str, None, None], _pg_schema_url(base))
    yield next(gen)
    gen.close()


def _status(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _wait(cond: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if cond():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.mark.postgres
def test_two_processes_one_leader_takeover_within_30s(
    pg_url: str, slack: SchedulerFakeSlack, tmp_path: Path
) -> None:
    store = Store.open(pg_url)
    add_articles(store, 2)
    now = dt.datetime.now(dt.UTC)
    channels = [f"C{i:02d}" for i in range(12)]
    for ch in channels:  # every minute, posting "nothing new" when there is nothing new
        subscribe(store, ch, "* * * * *", created_at=now - dt.timedelta(hours=1), notify_empty=True)
    slack.channel_interval = 1.0
    slack.set_bucket(per_minute=120, burst=1)  # 2 posts/s: the run lasts a few seconds

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    logs = {n: open(tmp_path / f"{n}.log", "w") for n in "AB"}  # noqa: SIM115

    def start(name: str) -> subprocess.Popen[bytes]:
        cmd = [
            sys.executable, "-m", "tests.bot.scheduler.runner", "serve", pg_url, slack.api_url,
            "--worker", name, "--status", str(tmp_path / f"{name}.status"),
            "--per-minute", "120", "--lease", "8", "--stale", "4", "--leader-retry", "5",
        ]  # fmt: skip
        return subprocess.Popen(cmd, env=env, cwd=REPO, stdout=logs[name], stderr=logs[name])

    # Start early in a minute, so the kill and the takeover fall within the same slot:
    # across a minute boundary the newer slot supersedes the older one by design (a
    # missed digest is posted once, late, not once per missed run), which would make
    # "consecutive slots" below depend on the wall clock rather than on the code.
    second = dt.datetime.now(dt.UTC).second
    if not 2 <= second <= 15:
        time.sleep((62 - second) % 60)
    a = start("A")
    b = None
    try:
        _wait(lambda: _status(tmp_path / "A.status") == "leader", 30, "A to lead")
        b = start("B")
        _wait(lambda: _status(tmp_path / "B.status") == "follower", 30, "B to start")
        time.sleep(1.0)
        assert _status(tmp_path / "A.status") == "leader"
        assert _status(tmp_path / "B.status") == "follower"  # exactly one schedules
        slack.wait_for_posts(3, timeout=30)
        a.send_signal(signal.SIGKILL)  # in the middle of the digest run
        a.wait(timeout=10)
        killed_after = len(slack.posts())
        takeover = _wait(lambda: _status(tmp_path / "B.status") == "leader", 30, "B to lead")
        print(f"takeover after {takeover:.1f} s; {killed_after} posts before the kill")
        assert takeover < 30

        def two_slots_each() -> bool:
            got: dict[str, set[str]] = {}
            for ch, slot in slack.digest_slots():
                got.setdefault(ch, set()).add(slot.split("#")[0])
            return all(len(got.get(ch, ())) >= 2 for ch in channels)

        _wait(two_slots_each, 120, "a second digest in every channel (B's scheduler)")
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=20)
        for f in logs.values():
            f.close()
        store.close()

    assert slack.duplicates() == {}, (tmp_path / "B.log").read_text()[-3000:]
    assert killed_after < 2 * len(channels)
    # Two stories fit one message: a second part ("<slot>#2") would be a message too many,
    # such as a "nothing new" after a digest the takeover found already posted.
    extra = [(ch, slot) for ch, slot in slack.digest_slots() if "#" in slot]
    assert extra == [], extra
    by_channel: dict[str, list[str]] = {}
    for ch, slot in slack.digest_slots():
        by_channel.setdefault(ch, []).append(slot)
    first = min(s for v in by_channel.values() for s in v)
    for ch in channels:  # consecutive minutes from the first one, none missing
        slots = sorted(dt.datetime.fromisoformat(s.replace("Z", "+00:00")) for s in by_channel[ch])
        start_slot = dt.datetime.fromisoformat(first.replace("Z", "+00:00"))
        assert slots[:2] == [start_slot, start_slot + dt.timedelta(minutes=1)], (ch, slots)
