"""A bot process for the subprocess tests and the bench: the real scheduling service
against a database and the fake Slack, with an injectable start time.

    python -m tests.bot.scheduler.runner once  DB_URL SLACK_API_URL --now ISO --worker W
    python -m tests.bot.scheduler.runner serve DB_URL SLACK_API_URL --worker W --status FILE

`once`: become leader, queue what is due at --now, deliver everything claimable, exit.
`serve`: run like the bot (election, APScheduler on the leader, workers) until SIGTERM,
writing "leader" or "follower" to --status every 0.2 s.
`--kill-at NAME[@N]` SIGKILLs the process the first (or Nth) time the delivery reaches
the checkpoint NAME (the fault-injection seam documented in bot.scheduler.delivery).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import sys
import threading
import time

from bot.scheduler.delivery import Checkpoint, DigestDelivery, no_checkpoint
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.service import SchedulerConfig, Scheduling
from bot.scheduler.slackpost import SlackPoster, make_client
from briefings.store import Store
from tests.fakes import BOT_TOKEN


class OffsetClock:
    """Real time moved to start at `start`."""

    def __init__(self, start: dt.datetime | None) -> None:
        self.offset = (start - dt.datetime.now(dt.UTC)) if start else dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset


def killer(spec: str | None) -> Checkpoint:
    """A checkpoint that SIGKILLs this process at the Nth arrival at the named point."""
    if not spec:
        return no_checkpoint
    want, _, nth = spec.partition("@")
    target = int(nth or 1)
    hits = 0
    lock = threading.Lock()

    def checkpoint(name: str) -> None:
        nonlocal hits
        if name != want:
            return
        with lock:
            hits += 1
            if hits == target:
                os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


def build(args: argparse.Namespace) -> Scheduling:
    checkpoint = killer(args.kill_at)
    store = Store.open(args.db)
    clock = OffsetClock(dt.datetime.fromisoformat(args.now) if args.now else None)
    config = SchedulerConfig(
        digest_lease=args.lease,
        stale_after=args.stale,
        leader_retry_seconds=args.leader_retry,
        delivery_threads=args.threads,
        worker_poll_seconds=0.2,
    )
    delivery = DigestDelivery(
        store,
        SlackPoster(make_client(BOT_TOKEN, args.slack)),
        RateLimiter(args.per_minute),
        worker_id=args.worker,
        clock=clock,
        stale_after=args.stale,
        checkpoint=checkpoint,
    )
    return Scheduling(
        store,
        args.db,
        delivery=delivery,
        clock=clock,
        worker_id=args.worker,
        config=config,
        checkpoint=checkpoint,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["once", "serve"])
    p.add_argument("db")
    p.add_argument("slack")
    p.add_argument("--now")
    p.add_argument("--worker", default="runner")
    p.add_argument("--status")
    p.add_argument("--lease", type=float, default=30.0)
    p.add_argument("--stale", type=float, default=10.0)
    p.add_argument("--leader-retry", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--per-minute", type=float, default=600.0)
    p.add_argument("--kill-at", help="checkpoint NAME or NAME@N at which to SIGKILL")
    args = p.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format=f"%(asctime)s {args.worker} %(name)s: %(message)s"
    )
    svc = build(args)
    if args.mode == "once":
        if not svc.elector.step():
            print("not the leader", file=sys.stderr)
            return 3
        svc.catch_up()
        svc.digest_worker.drain(["digest"])
        svc.elector.stop()
        return 0

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    svc.start()
    while not stop.is_set():
        if args.status:
            # written whole and renamed: a reader never sees the file truncated
            tmp = f"{args.status}.tmp"
            with open(tmp, "w") as f:
                f.write("leader" if svc.is_leader else "follower")
            os.replace(tmp, args.status)
        stop.wait(0.2)
    svc.stop()
    return 0


if __name__ == "__main__":
    time.sleep(0)
    sys.exit(main())
