"""Benchmark: long articles cost bounded time and memory, and never starve the bot.

    .venv/bin/python bench/long_articles.py [--corpus DIR]

Articles of 10 KB, 40 KB, 400 KB and 1.2 MB are built by joining the texts of
`../shared/corpus/diplomacy` (paragraph by paragraph, repeated as needed; nothing
is written to disk). Each is ingested the way `/brief <url>` and feeds ingest
(the 50,000-character cap, then extraction in the bounded child process), into
a fresh SQLite file. For each size: seconds, the ratio to the 40 KB baseline,
and the peak resident memory of this process plus the extraction process
(sampled every 10 ms).

Then the bot runs in HTTP mode in this process (fake Slack, a local site serving
a 400 KB article page): `/brief <that page>` is sent, and while it is being
briefed, a small command (`/brief Kelly`, every 0.25 s until the briefing
arrives; the answer cache is off, so each is a real dossier look-up). The
slowest of those answers is compared with the same command on the idle bot
(median of 5).

Targets (issue 15): 400 KB costs at most 15x 40 KB; peak memory under 1.5 GB;
the small command answered within 5 s. Exit status 1 if one is missed.
Results go to bench/out/long_articles.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
sys.path.insert(0, str(ROOT))

SIZES = {"10 KB": 10_000, "40 KB": 40_000, "400 KB": 400_000, "1.2 MB": 1_200_000}
BASELINE = "40 KB"
MAX_RATIO = 15.0
MAX_PEAK_MB = 1536.0
MAX_SMALL_ANSWER_S = 5.0


def _rss_mb(pid: int) -> float:
    from briefings.bounded import _rss_mb as rss

    return rss(pid)


class PeakMemory:
    """Samples RSS of this process and of the extraction child every 10 ms."""

    def __init__(self, child_pid: Any) -> None:
        self.child_pid = child_pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pid = self.child_pid()
            total = _rss_mb(os.getpid()) + (_rss_mb(pid) if pid else 0.0)
            self.peak = max(self.peak, total)
            time.sleep(0.01)

    def __enter__(self) -> PeakMemory:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def corpus_text(folder: Path, size: int) -> str:
    paras: list[str] = []
    for f in sorted(folder.glob("*.txt")):
        paras.extend(p.strip() for p in f.read_text(encoding="utf-8").split("\n") if p.strip())
    out: list[str] = []
    n = 0
    while n < size:
        for p in paras:
            out.append(p)
            n += len(p) + 2
            if n >= size:
                break
    return "\n\n".join(out)[:size]


def extraction_costs(folder: Path, tmp: Path) -> list[dict[str, Any]]:
    from briefings.bounded import BoundedExtractor
    from briefings.ingest import ingest
    from briefings.models import Article
    from briefings.store import Store

    bounded = BoundedExtractor(time_limit=600, memory_limit_mb=8192)
    bounded.warm()
    rows: list[dict[str, Any]] = []
    try:
        for i, (label, size) in enumerate(SIZES.items()):
            text = corpus_text(folder, size)
            article = Article(id=f"long-{label}", title=f"A {label} article", text=text)
            store = Store.open(f"sqlite:///{tmp / f'costs{i}.db'}")
            with PeakMemory(lambda: bounded.pid) as mem:
                t0 = time.perf_counter()
                report = ingest([article], bounded, store)
                seconds = time.perf_counter() - t0
            stored = store.get_article(report.article_ids[0]) if report.article_ids else None
            store.close()
            rows.append(
                {
                    "size": label,
                    "chars": len(text),
                    "chars_extracted": len(stored[0].text) if stored else None,
                    "seconds": round(seconds, 2),
                    "peak_mb": round(mem.peak),
                    "failed": report.failed,
                }
            )
    finally:
        bounded.close()
    base = next(r for r in rows if r["size"] == BASELINE)["seconds"]
    for r in rows:
        r["ratio"] = round(r["seconds"] / base, 2)
    return rows


def small_command_under_load(folder: Path, tmp: Path) -> dict[str, Any]:
    import logging

    import httpx

    from bot.context import build_context
    from bot.settings import load_settings
    from bot.slack.cache import answer_cache
    from bot.slack.http import HttpServer
    from briefings.ingest import ingest
    from briefings.loaders import load_paths
    from tests.bot.slack.conftest import SEED, article_page
    from tests.fakes import BOT_TOKEN, FakeSlack, ResponseReceiver
    from tests.fakes import slack_requests as sr
    from tests.fakes.web import WebServer

    logging.basicConfig(level=logging.WARNING)
    big = corpus_text(folder, 400_000)
    site = WebServer(
        {"/news/long.html": ("text/html", article_page("A very long article", big))}
    ).start()
    fake = FakeSlack().start()
    rx = ResponseReceiver().start()
    settings = load_settings(
        env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=sr.SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=fake.api_url,
        database_url=f"sqlite:///{tmp / 'http.db'}",
        briefbot_allow_private_hosts=True,
        briefbot_fetch_timeout=30.0,
        host="127.0.0.1",
    )
    ctx = build_context(settings)
    answer_cache(ctx.store).max_entries = 0  # every answer is looked up afresh
    ingest(load_paths([SEED]).articles, ctx.url_extractor, ctx.store)
    server = HttpServer(ctx, host="127.0.0.1", port=0).start()
    http = httpx.Client(base_url=server.url, timeout=30)

    def command(text: str) -> str:
        url = rx.new_url()
        body = sr.command_body(text, url)
        r = http.post("/slack/events", content=body, headers=sr.signed_headers(body))
        assert r.status_code == 200, r.status_code
        return url

    def timed(text: str) -> tuple[float, dict[str, Any]]:
        t0 = time.perf_counter()
        got = rx.wait(command(text), 1, timeout=60)[0]
        return time.perf_counter() - t0, got

    try:
        idle = sorted(timed("Kelly")[0] for _ in range(5))[2]  # median of 5, warm

        with PeakMemory(lambda: ctx.url_extractor.pid) as mem:
            t_big = time.perf_counter()
            big_url = command(site.url("/news/long.html"))
            rx.wait(big_url, 1, timeout=30)  # "Fetching...": the page is being briefed
            # Small commands every 0.25 s until the briefing arrives: the slowest counts.
            during: list[float] = []
            while len(rx.get(big_url)) < 2 and time.perf_counter() - t_big < 600:
                seconds, answer = timed("Kelly")
                assert "James Kelly" in answer["text"], answer
                during.append(seconds)
                time.sleep(0.25)
            final = rx.wait(big_url, 2, timeout=600)[1]
            big_seconds = time.perf_counter() - t_big
        loaded = max(during) if during else 0.0
        return {
            "small_idle_s": round(idle, 3),
            "small_while_briefing_400kb_s": round(loaded, 3),
            "small_commands_during": len(during),
            "ratio": round(loaded / idle, 2) if idle else None,
            "briefing_400kb_s": round(big_seconds, 2),
            "briefing_says_cut": "only its first 50,000" in json.dumps(final),
            "peak_mb": round(mem.peak),
        }
    finally:
        http.close()
        server.stop()
        ctx.close()
        rx.stop()
        fake.stop()
        site.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "diplomacy")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"needs {args.corpus} (the shared corpus)")
        return 2
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = extraction_costs(args.corpus, tmp)
        print(
            f"{'size':>7} {'chars':>9} {'extracted':>9} {'seconds':>8} {'ratio':>6} {'peak MB':>8}"
        )
        for r in rows:
            print(
                f"{r['size']:>7} {r['chars']:>9,} {r['chars_extracted'] or 0:>9,} "
                f"{r['seconds']:>8.2f} {r['ratio']:>6.2f} {r['peak_mb']:>8}"
            )
        http = small_command_under_load(args.corpus, tmp)
    print(
        f"HTTP: /brief Kelly idle {http['small_idle_s']:.3f} s (median); while a 400 KB page is "
        f"briefed, slowest of {http['small_commands_during']} "
        f"{http['small_while_briefing_400kb_s']:.3f} s ({http['ratio']}x); the 400 KB briefing "
        f"took {http['briefing_400kb_s']:.1f} s; says it was cut: {http['briefing_says_cut']}; "
        f"peak {http['peak_mb']} MB"
    )
    ratio_400 = next(r for r in rows if r["size"] == "400 KB")["ratio"]
    peak = max([r["peak_mb"] for r in rows] + [http["peak_mb"]])
    checks = {
        f"400 KB at most {MAX_RATIO:g}x 40 KB": ratio_400 <= MAX_RATIO,
        f"peak memory under {MAX_PEAK_MB:.0f} MB": peak < MAX_PEAK_MB,
        f"small command within {MAX_SMALL_ANSWER_S:g} s": http["small_while_briefing_400kb_s"]
        < MAX_SMALL_ANSWER_S,
        "no article failed": all(r["failed"] == 0 for r in rows),
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'MISS'} {name}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "long_articles.json").write_text(
        json.dumps({"sizes": rows, "http": http, "checks": checks}, indent=2)
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
