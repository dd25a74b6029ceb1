"""Benchmark: poll local feeds end to end, fetch then extract, each phase timed.

    .venv/bin/python bench/sources.py [--feeds 100] [--entries 20]

A server in a separate process (tests/briefings/sources/server.py) serves FEEDS
RSS feeds of ENTRIES teaser entries each; every entry links to a full article
page built from ../shared/corpus/diplomacy, so every entry costs a page fetch.
Each feed is on its own host name (feed-N.bench.test, resolved to 127.0.0.1 by
an injected resolver), so the default per-host limit and polite spacing apply
as they would to 100 real sites.

Phases:
  fetch    Fetcher.poll(): feeds + pages over HTTP, feed parsing, trafilatura
  extract  Extractor(nlp).extract_many(articles)
  store    Store.save() of each article and its facts into a fresh SQLite file
Reports articles/s end to end and the share of time in each phase (the issue's
target: extraction > 80%, i.e. fetching is not the bottleneck). A second poll
with the saved ETags shows what an unchanged feed costs (one 304 each).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefings.sources import FeedRequest, FeedResult, Fetcher, FetchPolicy  # noqa: E402

SERVER = ROOT / "tests" / "briefings" / "sources" / "server.py"
CORPUS = ROOT.parent / "shared" / "corpus" / "diplomacy"


async def _resolver(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


async def _poll(policy: FetchPolicy, requests: list[FeedRequest]) -> list[FeedResult]:
    async with Fetcher(policy, resolver=_resolver) as fetcher:
        return await fetcher.poll(requests)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--spacing", type=float, default=None, help="per-host spacing (s)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--fetch-only", action="store_true", help="skip extraction (fetch throughput only)"
    )
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS} (the shared corpus)", file=sys.stderr)
        return 2

    proc = subprocess.Popen(
        [sys.executable, str(SERVER), "--bench", str(args.feeds), str(args.entries)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), total_timeout=60.0)
        if args.spacing is not None:
            policy = replace(policy, spacing=args.spacing)
        requests = [
            FeedRequest(f"http://feed-{i}.bench.test:{port}/site/{i}/feed.xml")
            for i in range(args.feeds)
        ]

        t0 = time.perf_counter()
        results = asyncio.run(_poll(policy, requests))
        fetch_s = time.perf_counter() - t0
        articles = [a for r in results for a in r.articles]
        failed_feeds = [r for r in results if not r.ok]
        entry_errors = sum(len(r.errors) for r in results)

        again = [FeedRequest(r.url, r.etag, r.last_modified) for r in results]
        t0 = time.perf_counter()
        second = asyncio.run(_poll(policy, again))
        repoll_s = time.perf_counter() - t0
        unchanged = sum(r.status == "not_modified" for r in second)
    finally:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=10)

    from briefings.extract import Extractor
    from briefings.nlp import load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline()  # loaded once per process, as the bot does: not counted
    load_s = time.perf_counter() - t0
    extractor = Extractor(nlp)
    t0 = time.perf_counter()
    extractions = [] if args.fetch_only else list(extractor.extract_many(articles))
    extract_s = time.perf_counter() - t0

    import tempfile

    from briefings.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        for article, extraction in zip(articles, extractions, strict=False):
            store.save(article, extraction)
        store_s = time.perf_counter() - t0
        stored = store.count_articles()
        store.close()

    total = fetch_s + extract_s + store_s
    figures = {
        "feeds": args.feeds,
        "entries_per_feed": args.entries,
        "articles": len(articles),
        "extractions": len(extractions),
        "failed_feeds": len(failed_feeds),
        "entry_errors": entry_errors,
        "fetch_s": round(fetch_s, 2),
        "extract_s": round(extract_s, 2),
        "store_s": round(store_s, 2),
        "stored": stored,
        "pipeline_load_s": round(load_s, 2),
        "articles_per_s": round(len(articles) / total, 2) if total else 0.0,
        "fetch_articles_per_s": round(len(articles) / fetch_s, 1) if fetch_s else 0.0,
        "extract_articles_per_s": round(len(articles) / extract_s, 2) if extract_s else 0.0,
        "fetch_share": round(fetch_s / total, 3) if total else 0.0,
        "extract_share": round(extract_s / total, 3) if total else 0.0,
        "store_share": round(store_s / total, 3) if total else 0.0,
        "repoll_s": round(repoll_s, 2),
        "repoll_not_modified": unchanged,
        "policy": {
            "per_host_limit": policy.per_host_limit,
            "global_limit": policy.global_limit,
            "spacing_s": policy.spacing,
        },
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{figures['articles']} articles from {args.feeds} feeds x {args.entries} entries "
            f"({len(failed_feeds)} feeds failed, {entry_errors} entry errors)\n"
            f"  fetch    {fetch_s:7.2f} s  {figures['fetch_share']:6.1%}  "
            f"({figures['fetch_articles_per_s']} articles/s)\n"
            f"  extract  {extract_s:7.2f} s  {figures['extract_share']:6.1%}  "
            f"({figures['extract_articles_per_s']} articles/s; pipeline load {load_s:.1f} s "
            "not counted)\n"
            f"  store    {store_s:7.2f} s  {figures['store_share']:6.1%}  "
            f"({stored} articles in SQLite)\n"
            f"  end to end {figures['articles_per_s']} articles/s\n"
            f"  re-poll with ETags: {unchanged}/{args.feeds} not modified in {repoll_s:.2f} s\n"
            f"  target extraction share > 80%: "
            f"{'met' if figures['extract_share'] > 0.8 else 'NOT met'}"
        )
    return 0 if not failed_feeds and figures["extract_share"] > 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
