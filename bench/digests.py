"""Benchmark: 500 subscribed channels whose digest is due at the same minute.

The real scheduling service (leader catch-up -> work queue -> 4 delivery threads ->
DigestDelivery -> slack_sdk over HTTP) posts to the fake Slack Web API, which
enforces one chat.postMessage per second per channel and a workspace ceiling
(a token bucket of `--burst` posts, default 2, refilled evenly at `--per-minute`),
answering 429 with Retry-After beyond either. The bot's limiter is set to the same
ceiling. The fake runs in its own process, as Slack would. A bucket of 2 tolerates
the few milliseconds of jitter between the bot's send and the fake's clock; with
`--burst 1` (zero tolerance) this 2-core machine sees some 429s, which are honoured
(every post pauses for Retry-After), so the run stays complete but slower.

Reported: time from the slot being due until the last digest lands, posts/s
achieved, 429s seen, duplicates (must be 0) and missing (must be 0), next to the
theoretical minimum under those limits, (N - burst) * 60 / per_minute seconds
(one post per channel, so the per-channel limit never binds; the ceiling does).
Target: within 1.2x of that minimum.

With the production default of 50 posts/min, 500 digests take ten minutes at
best, so the default run uses 600/min (the fake configured to match):

    .venv/bin/python bench/digests.py                         # 500 channels, 600/min
    .venv/bin/python bench/digests.py --per-minute 50         # the default ceiling (~10 min)
    .venv/bin/python bench/digests.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test

Results are also written to bench/out/digests-<per_minute>pm-burst<b>-<db>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.scheduler.delivery import DigestDelivery, slot_key  # noqa: E402
from bot.scheduler.ratelimit import RateLimiter  # noqa: E402
from bot.scheduler.service import SchedulerConfig, Scheduling  # noqa: E402
from bot.scheduler.slackpost import SlackPoster, make_client  # noqa: E402
from briefings.store import Store  # noqa: E402
from tests.bot.scheduler.support import Clock, add_articles, subscribe  # noqa: E402
from tests.fakes import BOT_TOKEN  # noqa: E402


def _pg_schema(base: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    schema = "bench_" + uuid.uuid4().hex[:10]
    eng = create_engine(base)
    with eng.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(base)
    with eng.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    eng.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--channels", type=int, default=500)
    ap.add_argument("--per-minute", type=int, default=600, help="workspace ceiling")
    ap.add_argument(
        "--burst", type=int, default=2, help="the fake's workspace bucket size (0.2 s at 600/min)"
    )
    ap.add_argument("--threads", type=int, default=4, help="delivery threads")
    ap.add_argument("--articles", type=int, default=3, help="stories in each digest")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    schema = None
    if args.db and args.db.startswith("postgresql"):
        url, schema = _pg_schema(args.db)
    else:
        url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='bench-digests-')}/b.db"
    store = Store.open(url)
    add_articles(store, args.articles)
    slot = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) - dt.timedelta(minutes=1)
    channels = [f"C{i:05d}" for i in range(args.channels)]
    for ch in channels:
        subscribe(store, ch, "0 8 * * *", created_at=slot - dt.timedelta(days=1))
    # Every channel's digest is due at `slot`; the clock stands one second after it.
    with store.session() as s:
        from sqlalchemy import text

        s.execute(
            text("UPDATE subscriptions SET cron = :c"),
            {"c": f"{slot.minute} {slot.hour} * * *"},
        )

    # The fake runs in its own process, as Slack would: in this one it would share the
    # GIL with the delivery threads and stamp arrivals late and unevenly.
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.bot.scheduler.support", "1.0", str(args.per_minute),
         str(args.burst)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None and server.stdin is not None
    api_url = server.stdout.readline().strip()
    stats_client = make_client(BOT_TOKEN, api_url)

    def stats() -> dict[str, Any]:
        return dict(stats_client.api_call("bench.stats").data)  # type: ignore[arg-type]

    clock = Clock(slot + dt.timedelta(seconds=1))
    delivery = DigestDelivery(
        store,
        SlackPoster(make_client(BOT_TOKEN, api_url)),
        RateLimiter(args.per_minute),
        worker_id="bench",
        clock=clock,
    )
    svc = Scheduling(
        store,
        url,
        delivery=delivery,
        clock=clock,
        worker_id="bench",
        config=SchedulerConfig(delivery_threads=args.threads, worker_poll_seconds=0.1),
    )
    print(
        f"{args.channels} channels due at {slot:%H:%M} UTC; ceiling {args.per_minute}/min "
        f"(bucket {args.burst}), 1 post/s/channel, {args.threads} delivery threads, "
        f"{store.dialect}"
    )
    t0 = time.monotonic()
    svc.digest_worker.start()
    assert svc.elector.step(), "could not become leader"  # catch-up queues every digest
    queued_at = time.monotonic() - t0
    wall0 = time.time() - (time.monotonic() - t0)
    deadline = t0 + args.timeout
    while time.monotonic() < deadline and len(stats()["slots"]) < args.channels:
        time.sleep(0.05)
    time.sleep(2)  # anything late or doubled would show up now
    svc.digest_worker.stop()
    svc.elector.stop()
    final = stats()
    server.stdin.close()
    server.wait(timeout=10)
    first_post = final["first_at"] or wall0
    last_post = final["last_at"] or wall0
    elapsed = last_post - wall0  # from the moment the slot is due to the last digest landing
    posted = [tuple(x) for x in final["slots"]]
    want = {(ch, slot_key(slot)) for ch in channels}
    got = set(posted)
    duplicates = len(posted) - len(got)
    missing = len(want - got)
    minimum = max(0, args.channels - args.burst) * 60.0 / args.per_minute
    span = last_post - first_post
    result = {
        "channels": args.channels,
        "per_minute": args.per_minute,
        "burst": args.burst,
        "threads": args.threads,
        "database": store.dialect,
        "queued_s": round(queued_at, 3),
        "time_to_last_digest_s": round(elapsed, 2),
        "first_to_last_post_s": round(span, 2),
        "posts_per_s": round(len(posted) / elapsed, 2) if elapsed else 0.0,
        "rate_limited_429": final["rate_limited"],
        "duplicates": duplicates,
        "missing": missing,
        "theoretical_min_s": round(minimum, 2),
        "ratio_to_min": round(elapsed / minimum, 3) if minimum else None,
        "target_ratio": 1.2,
    }
    print(json.dumps(result, indent=2))
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    name = f"digests-{args.per_minute}pm-burst{args.burst}-{store.dialect}.json"
    (out / name).write_text(json.dumps(result, indent=2) + "\n")
    store.close()
    if schema and args.db:
        _drop_schema(args.db, schema)
    ok = duplicates == 0 and missing == 0 and (not minimum or elapsed / minimum <= 1.2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
