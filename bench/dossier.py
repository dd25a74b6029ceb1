"""Benchmark: dossier look-ups with the whole corpus stored in SQLite.

Ingests the articles of ../shared/corpus/*.jsonl (load_paths -> Extractor ->
Store.save), then times `lookup` for random officials and prints p50/p99 in ms.
Target: p99 < 50 ms.

    .venv/bin/python bench/dossier.py                 # full corpus, 1,000 look-ups
    .venv/bin/python bench/dossier.py --limit 300     # a subset while developing
    .venv/bin/python bench/dossier.py --reuse         # keep an existing database

Results are also written to bench/out/dossier.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from briefings.dossier import Candidates, Dossier, Unknown, lookup  # noqa: E402
from briefings.loaders import load_paths  # noqa: E402
from briefings.store import Store  # noqa: E402
from briefings.store.schema import ArticleRow, OfficialRow  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def ingest(store: Store, corpus: Path, limit: int | None) -> dict[str, float]:
    from briefings.extract import Extractor
    from briefings.nlp import load_pipeline

    report = load_paths(sorted(corpus.glob("*.jsonl")))
    articles = report.articles[:limit] if limit else report.articles
    t0 = time.perf_counter()
    extractor = Extractor(load_pipeline())
    new = 0
    for i, (art, ex) in enumerate(zip(articles, extractor.extract_many(articles), strict=True)):
        outcome, _ = store.save(art, ex)
        new += outcome.value == "new"
        if (i + 1) % 250 == 0:
            print(
                f"  {i + 1}/{len(articles)} articles, {time.perf_counter() - t0:.0f} s", flush=True
            )
    secs = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "new": new,
        "ingest_s": round(secs, 1),
        "failures": len(report.failures),
    }


def queries(store: Store, n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs: full names, bare surnames, lower case, one-letter typos."""
    rng = random.Random(seed)
    with store.session() as s:
        names = list(s.scalars(select(OfficialRow.name).where(OfficialRow.mentions > 0)))
    out: list[tuple[str, str]] = []
    for _ in range(n):
        name = rng.choice(names)
        r = rng.random()
        if r < 0.5:
            out.append(("full", name))
        elif r < 0.75:
            out.append(("surname", name.split()[-1]))
        elif r < 0.9:
            out.append(("lower", name.lower()))
        else:
            word = name.split()[-1]
            if len(word) > 3:
                i = rng.randrange(1, len(word))
                word = word[:i] + word[i + 1 :]
            out.append(("typo", word))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=REPO / "bench" / "out" / "dossier.db")
    ap.add_argument("--corpus", type=Path, default=REPO / ".." / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="ingest only the first N articles")
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--reuse", action="store_true", help="keep an existing database")
    args = ap.parse_args()

    if not args.corpus.exists():
        print(f"needs {args.corpus.resolve()} (the shared corpus)", file=sys.stderr)
        return 2
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{args.db}")
    result: dict[str, object] = {"db": str(args.db)}
    with store.session() as s:
        stored = s.scalar(select(func.count()).select_from(ArticleRow)) or 0
    if not stored:
        print(f"ingesting {args.corpus}/*.jsonl ...", flush=True)
        result["ingest"] = ingest(store, args.corpus, args.limit)
        print(f"  {result['ingest']}")
    with store.session() as s:
        result["articles"] = s.scalar(select(func.count()).select_from(ArticleRow))
        result["officials"] = s.scalar(select(func.count()).select_from(OfficialRow))

    qs = queries(store, args.lookups, args.seed)
    t0 = time.perf_counter()
    lookup(store, qs[0][1])  # builds the officials index
    result["cold_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    answers: dict[str, int] = {"dossier": 0, "candidates": 0, "unknown": 0}
    for kind, q in qs:
        t = time.perf_counter()
        ans = lookup(store, q)
        ms = (time.perf_counter() - t) * 1000
        times.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        if isinstance(ans, Dossier):
            answers["dossier"] += 1
        elif isinstance(ans, Candidates):
            answers["candidates"] += 1
        elif isinstance(ans, Unknown):
            answers["unknown"] += 1
    result["lookups"] = len(times)
    result["p50_ms"] = round(statistics.median(times), 2)
    result["p99_ms"] = round(percentile(times, 99), 2)
    result["max_ms"] = round(max(times), 2)
    result["by_kind"] = {
        k: {
            "n": len(v),
            "p50_ms": round(statistics.median(v), 2),
            "p99_ms": round(percentile(v, 99), 2),
        }
        for k, v in by_kind.items()
    }
    result["answers"] = answers
    result["target_p99_ms"] = 50
    result["ok"] = result["p99_ms"] < 50  # type: ignore[operator]
    out = REPO / "bench" / "out" / "dossier.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    store.close()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
