"""The work queue: dedupe, claims, leases, failures; two processes on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest

from briefings.store import Store
from briefings.store.queue import Backoff, WorkQueue

from .support import Clock

REPO = Path(__file__).resolve().parents[3]


def test_enqueue_dedupes_by_key(store: Store) -> None:
    q = WorkQueue(store)
    assert q.enqueue("extract", "k1", {"n": 1})
    assert not q.enqueue("extract", "k1", {"n": 2})
    assert q.counts() == {"queued": 1}


def test_claim_complete_and_lease_reclaim(store: Store) -> None:
    clock = Clock()
    q = WorkQueue(store, clock=clock)
    q.enqueue("extract", "a", {})
    q.enqueue("extract", "b", {})
    first = q.claim("w1", lease=30)
    assert [i.key for i in first] == ["a"]
    assert [i.key for i in q.claim("w2", lease=30)] == ["b"]
    assert q.claim("w3", lease=30) == []
    # w1 dies; its lease runs out and w3 takes the item over.
    clock.advance(31)
    again = q.claim("w3", lease=30)
    assert [(i.key, i.attempts) for i in again] == [("a", 2)]
    assert not q.complete(first[0].id, "w1")  # the lease is no longer w1's
    assert q.complete(again[0].id, "w3")
    assert q.get("a") is not None and q.get("a")[1] == "done"  # type: ignore[index]


def test_fail_backs_off_then_fails_for_good(store: Store) -> None:
    clock = Clock()
    q = WorkQueue(store, clock=clock, max_attempts=3, backoff=Backoff(base=10, cap=100))
    q.enqueue("extract", "x", {})
    item = q.claim("w")[0]
    assert q.fail(item.id, "w", "boom") == "queued"
    assert q.claim("w") == []  # backing off for 10 s
    clock.advance(10)
    item = q.claim("w")[0]
    assert q.fail(item.id, "w", "boom") == "queued"
    clock.advance(19)
    assert q.claim("w") == []  # 20 s after the second failure
    clock.advance(1)
    item = q.claim("w")[0]
    assert item.attempts == 3
    assert q.fail(item.id, "w", "boom") == "failed"
    clock.advance(10_000)
    assert q.claim("w") == []
    assert q.counts() == {"failed": 1}


def test_retry_later_does_not_spend_an_attempt(store: Store) -> None:
    clock = Clock()
    q = WorkQueue(store, clock=clock, max_attempts=2)
    q.enqueue("digest", "d", {})
    for _ in range(5):
        item = q.claim("w")[0]
        assert item.attempts == 1
        assert q.retry_later(item.id, "w", 5, "busy")
        clock.advance(5)


def test_expired_lease_on_last_attempt_fails(store: Store) -> None:
    clock = Clock()
    q = WorkQueue(store, clock=clock, max_attempts=1)
    q.enqueue("extract", "x", {})
    assert q.claim("w", lease=5)
    clock.advance(6)
    assert q.claim("w2") == []
    assert q.counts() == {"failed": 1}


WORKER = """
import json, sys, time
from briefings.store import Store
from briefings.store.queue import WorkQueue
url, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
store = Store.open(url, migrate_schema=False)
q = WorkQueue(store)
done = []
idle = 0
while idle < 20:
    items = q.claim(name, lease=60)
    if not items:
        idle += 1
        time.sleep(0.05)
        continue
    idle = 0
    for it in items:
        time.sleep(0.002)  # "extract"
        done.append(it.key)
        assert q.complete(it.id, name)
json.dump(done, open(out, "w"))
"""


@pytest.mark.postgres
def test_two_worker_processes_extract_each_item_once(tmp_path: Path) -> None:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL)")
    from tests.conftest import _pg_schema_url

    gen = cast(Generator[str, None, None], _pg_schema_url(base))
    url = next(gen)
    try:
        store = Store.open(url)
        q = WorkQueue(store)
        n = 400
        for i in range(n):
            q.enqueue("extract", f"item-{i}", {"i": i})
        script = tmp_path / "worker.py"
        script.write_text(WORKER)
        outs = [tmp_path / f"w{k}.json" for k in range(2)]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        procs = [
            subprocess.Popen([sys.executable, str(script), url, f"w{k}", str(outs[k])], env=env)
            for k in range(2)
        ]
        deadline = time.monotonic() + 120
        for p in procs:
            assert p.wait(timeout=max(1, deadline - time.monotonic())) == 0
        got = [json.loads(o.read_text()) for o in outs]
        everything = got[0] + got[1]
        assert sorted(everything) == sorted(f"item-{i}" for i in range(n))  # each exactly once
        assert len(set(everything)) == n
        assert got[0] and got[1], "both workers took part"
        assert q.counts() == {"done": n}
        store.close()
    finally:
        gen.close()
