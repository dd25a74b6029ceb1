"""Benchmark: what reads cost as the store grows from the corpus to 100 times it.

The whole shared corpus (2,449 articles) is ingested the normal way (extraction
pool -> ingest -> Store.save), then replicated under new ids, with dates moved
back by `--shift-days` per copy and every official renamed to one drawn from a
pool of `--pool` synthetic names (first names and surnames of the corpus's own
officials, recombined): each copy is the same news about other people, and a
pool name collects the facts of every official mapped to it, so busy officials
get busier as the store grows. Copies are bulk-inserted (executemany on SQLite,
COPY on PostgreSQL). At the corpus size and at each `--sizes` it measures:

- `/brief <official>`: `--lookups` dossier look-ups (full names, surnames, lower
  case, typos), p50/p99; and the busiest official's dossier alone;
- `/brief latest` (latest briefings, rendered as Block Kit), p50/p99;
- a digest planning pass: the default planner for `--channels` subscribed
  channels, each with its recent deliveries recorded, total seconds;
- the App Home view, p50/p99.

Every read goes through the walls of issue 11 (a channel's `Visibility`; the corpus
and its copies are the shared corpus, one `article_sources` row each).

Targets (issue 14): dossier p99 at 250,000 <= 3x its p99 at the corpus size and
< 50 ms; planning 500 channels < 5 s. The query plans of one dossier look-up,
`/brief latest` and one digest are written next to the results.

    .venv/bin/python bench/store_scale.py                                # SQLite
    .venv/bin/python bench/store_scale.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test_h14
    .venv/bin/python bench/store_scale.py --sizes 25000                  # quicker

The extraction of the corpus is cached in bench/out/scale-corpus.jsonl.
Results: bench/out/store_scale-<db>.json and store_scale-plans-<db>.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Table, bindparam, event, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from briefings.models import Article, Extraction  # noqa: E402
from briefings.people import name_key  # noqa: E402
from briefings.store import Store  # noqa: E402
from briefings.store.schema import (  # noqa: E402
    AgreementPartyRow,
    AgreementRow,
    ArticleOfficialRow,
    ArticleRow,
    ArticleSourceRow,
    DeliveredArticleRow,
    ExtractionRow,
    MeetingParticipantRow,
    MeetingRow,
    OfficialAliasRow,
    OfficialRow,
    StopRow,
    SubscriptionRow,
)
from briefings.store.visibility import Visibility  # noqa: E402

OUT = REPO / "bench" / "out"
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
STRIDE = 1_000_000  # id offset of each copy (the corpus has fewer rows than this per table)
TEAM = "TSCALE"
# Every read is a channel's, through the walls (issue 11): the shared corpus plus its own.
VIS = Visibility.channel(TEAM, "C00000")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def stats(ms: list[float]) -> dict[str, float]:
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
    }


# -- the corpus, extracted once ---------------------------------------------------------


def _article_json(a: Article) -> dict[str, Any]:
    d = asdict(a)
    d["published"] = a.published.isoformat() if a.published else None
    return d


def _article_from(d: dict[str, Any]) -> Article:
    pub = dt.date.fromisoformat(d["published"]) if d.get("published") else None
    return Article(**{**d, "published": pub})


def corpus_extractions(workers: int) -> list[tuple[Article, Extraction]]:
    from briefings.extract import EXTRACTOR_VERSION
    from briefings.loaders import load_paths
    from briefings.workers import ExtractionPool

    cache = OUT / "scale-corpus.jsonl"
    if cache.exists():
        lines = cache.read_text(encoding="utf-8").splitlines()
        if lines and json.loads(lines[0]).get("version") == EXTRACTOR_VERSION:
            rows = [json.loads(line) for line in lines[1:]]
            return [(_article_from(r["a"]), Extraction.from_json(r["x"])) for r in rows]
    report = load_paths(sorted(CORPUS.glob("*.jsonl")))
    print(f"extracting {len(report.articles)} corpus articles on {workers} workers ...")
    t0 = time.perf_counter()
    with ExtractionPool(workers) as pool:
        pairs = list(zip(report.articles, pool.extract_many(report.articles), strict=True))
    print(f"  {time.perf_counter() - t0:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"version": EXTRACTOR_VERSION}) + "\n")
        for a, x in pairs:
            f.write(json.dumps({"a": _article_json(a), "x": x.to_json()}) + "\n")
    return pairs


# -- building the store -----------------------------------------------------------------


def fresh_store(url: str) -> Store:
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        from sqlalchemy import create_engine

        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        admin.dispose()
    return Store.open(url)


def ingest_corpus(store: Store, pairs: list[tuple[Article, Extraction]], span_days: int) -> None:
    """The real write path, then ingestion times spread like a live feed: the corpus
    arrives evenly over `span_days` (most of it is undated, so its publication dates
    cannot say when), and "new since the last digest" is the last hours of that."""
    t0 = time.perf_counter()
    for a, x in pairs:
        store.save(a, x)
    end = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with store.engine.begin() as conn:
        ids = list(conn.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
        step = dt.timedelta(days=span_days) / max(len(ids), 1)
        rows = [{"b_id": aid, "at": end - step * (len(ids) - i)} for i, aid in enumerate(ids)]
        tbl = ArticleRow.__table__
        conn.execute(
            tbl.update()  # type: ignore[attr-defined]
            .where(tbl.c.id == bindparam("b_id"))
            .values(ingested_at=bindparam("at"), updated_at=bindparam("at")),
            rows,
        )
    print(f"  corpus stored: {len(pairs)} articles in {time.perf_counter() - t0:.0f} s")


def _rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(*table.primary_key))]


class Replicator:
    """Copies of the corpus rows under new ids, dates and official names."""

    def __init__(self, store: Store, pool_size: int, shift_days: int, seed: int) -> None:
        self.store = store
        self.shift_days = shift_days
        self.seed = seed
        t = {
            name: tbl.__table__
            for name, tbl in (
                ("articles", ArticleRow),
                ("article_sources", ArticleSourceRow),
                ("extractions", ExtractionRow),
                ("article_officials", ArticleOfficialRow),
                ("meetings", MeetingRow),
                ("meeting_participants", MeetingParticipantRow),
                ("agreements", AgreementRow),
                ("agreement_parties", AgreementPartyRow),
                ("stops", StopRow),
            )
        }
        self.tables: dict[str, Table] = t  # type: ignore[assignment]
        with store.engine.connect() as conn:
            self.base = {name: _rows(conn, tbl) for name, tbl in t.items()}
            officials = _rows(conn, OfficialRow.__table__)  # type: ignore[arg-type]
        self.base_ids = sorted(r["id"] for r in self.base["articles"])
        self.official_ids = sorted(r["id"] for r in officials)
        self._officials = officials
        self.pool_size = pool_size
        self.pool: list[tuple[int, str]] = []
        self.copies = 0

    def _make_pool(self, officials: list[dict[str, Any]], size: int) -> list[tuple[int, str]]:
        rng = random.Random(self.seed)
        taken = {r["key"] for r in officials}
        words = [r["name"].split() for r in officials]
        firsts = sorted({w[0] for w in words if len(w) > 1 and w[0].isalpha()})
        surs = sorted({w[-1] for w in words if len(w) > 1 and w[-1].isalpha()})
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < min(size, len(firsts) * len(surs) // 2):
            name = f"{rng.choice(firsts)} {rng.choice(surs)}"
            key = name_key(name)
            if key in taken or key in seen:
                continue
            seen.add(key)
            names.append(name)
        start = max(self.official_ids, default=0) + 1
        pool = [(start + i, n) for i, n in enumerate(names)]
        now = dt.datetime.now(dt.UTC)
        with self.store.engine.begin() as conn:
            rows = [
                {
                    "id": oid,
                    "key": name_key(n),
                    "name": n,
                    "surname": n.split()[-1],
                    "title": None,
                    "affiliation": None,
                    "mentions": 0,
                    "last_seen": now,
                }
                for oid, n in pool
            ]
            conn.execute(insert(OfficialRow.__table__), rows)
            conn.execute(
                insert(OfficialAliasRow.__table__),
                [{"official_id": oid, "alias": name_key(n)} for oid, n in pool],
            )
        return pool

    def grow_to(self, target: int) -> None:
        """Add copies (the last one partial) until the store holds `target` articles."""
        if not self.pool:  # made at the first copy, so the corpus is measured as it is
            self.pool = self._make_pool(self._officials, self.pool_size)
        n = self.store.count_articles()
        while n < target:
            self.copies += 1
            take = min(len(self.base_ids), target - n)
            self._copy(self.copies, set(self.base_ids[:take]))
            n += take
        self._finish()

    def _copy(self, r: int, keep: set[int]) -> None:
        rng = random.Random(self.seed * 1_000_003 + r)
        oid_map = {oid: rng.choice(self.pool) for oid in self.official_ids}
        off = r * STRIDE
        shift = dt.timedelta(days=self.shift_days * r)
        b = self.base

        def day(d: dt.date | None) -> dt.date | None:
            return d - shift if d else None

        def who(oid: int | None, name: str) -> tuple[int | None, str]:
            if oid is None:
                return None, name
            new_id, new_name = oid_map[oid]
            return new_id, new_name

        meeting_art = {m["id"]: m["article_id"] for m in b["meetings"]}
        agreement_art = {a["id"]: a["article_id"] for a in b["agreements"]}
        out: dict[str, list[dict[str, Any]]] = {name: [] for name in self.tables}
        for a in b["articles"]:
            if a["id"] in keep:
                out["articles"].append(
                    {
                        **a,
                        "id": a["id"] + off,
                        "key": f"{a['key']}#copy{r}",
                        "ext_id": f"{a['ext_id']}#copy{r}" if a["ext_id"] else None,
                        "published": day(a["published"]),
                        "ingested_at": a["ingested_at"] - shift,
                        "updated_at": a["updated_at"] - shift,
                    }
                )
        for src in b["article_sources"]:
            if src["article_id"] in keep:
                out["article_sources"].append(
                    {
                        **src,
                        "article_id": src["article_id"] + off,
                        "added_at": src["added_at"] - shift,
                    }
                )
        for x in b["extractions"]:
            if x["article_id"] in keep:
                out["extractions"].append(
                    {**x, "id": x["id"] + off, "article_id": x["article_id"] + off}
                )
        seen: set[tuple[int, int | None]] = set()
        for ao in b["article_officials"]:
            if ao["article_id"] not in keep:
                continue
            oid, name = who(ao["official_id"], ao["name"])
            if (ao["article_id"], oid) in seen:  # two officials drawn the same name
                continue
            seen.add((ao["article_id"], oid))
            out["article_officials"].append(
                {**ao, "article_id": ao["article_id"] + off, "official_id": oid, "name": name}
            )
        for m in b["meetings"]:
            if m["article_id"] in keep:
                out["meetings"].append(
                    {
                        **m,
                        "id": m["id"] + off,
                        "article_id": m["article_id"] + off,
                        "date": day(m["date"]),
                    }
                )
        for p in b["meeting_participants"]:
            if meeting_art[p["meeting_id"]] in keep:
                oid, name = who(p["official_id"], p["name"])
                out["meeting_participants"].append(
                    {**p, "meeting_id": p["meeting_id"] + off, "official_id": oid, "name": name}
                )
        for a in b["agreements"]:
            if a["article_id"] in keep:
                out["agreements"].append(
                    {**a, "id": a["id"] + off, "article_id": a["article_id"] + off}
                )
        for p in b["agreement_parties"]:
            if agreement_art[p["agreement_id"]] in keep:
                oid, name = who(p["official_id"], p["name"])
                out["agreement_parties"].append(
                    {**p, "agreement_id": p["agreement_id"] + off, "official_id": oid, "name": name}
                )
        for s in b["stops"]:
            if s["article_id"] in keep:
                oid, name = who(s["official_id"], s["who"])
                out["stops"].append(
                    {
                        **s,
                        "id": s["id"] + off,
                        "article_id": s["article_id"] + off,
                        "official_id": oid,
                        "who": name,
                        "date": day(s["date"]),
                    }
                )
        with self.store.engine.begin() as conn:
            for name, rows in out.items():
                if rows:
                    bulk_insert(conn, self.tables[name], rows)

    def _finish(self) -> None:
        """Pool officials' mention counts, as ingest would have kept them."""
        start = self.pool[0][0] if self.pool else 0
        with self.store.engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE officials SET mentions = (SELECT count(*) FROM article_officials ao"
                    " WHERE ao.official_id = officials.id) WHERE id >= :start"
                ),
                {"start": start},
            )
            if self.store.dialect == "postgresql":
                for tbl in (
                    "articles",
                    "extractions",
                    "meetings",
                    "agreements",
                    "stops",
                    "officials",
                    "official_aliases",
                ):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{tbl}', 'id'),"
                            f" (SELECT max(id) FROM {tbl}))"
                        )
                    )
        if self.store.dialect == "postgresql":
            # What autovacuum does after a bulk load, done now so the timing does not race it.
            with self.store.engine.connect().execution_options(
                isolation_level="AUTOCOMMIT"
            ) as conn:
                conn.execute(text("VACUUM ANALYZE"))


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if conn.dialect.name != "postgresql":
        for i in range(0, len(rows), 5000):
            conn.execute(insert(table), rows[i : i + 5000])
        return
    cols = [c.name for c in table.columns]
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur:  # type: ignore[attr-defined]
        quoted = ", ".join(f'"{c}"' for c in cols)
        with cur.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(
                    [
                        json.dumps(row[c]) if c in json_cols and row[c] is not None else row[c]
                        for c in cols
                    ]
                )


# -- the reads --------------------------------------------------------------------------


def queries(store: Store, n: int, seed: int) -> list[str]:
    """Full names, bare surnames, lower case and one-letter typos of mentioned officials."""
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        names = list(conn.scalars(select(OfficialRow.name).where(OfficialRow.mentions > 0)))
    names.sort()
    out: list[str] = []
    for _ in range(n):
        name = rng.choice(names)
        r = rng.random()
        if r < 0.5:
            out.append(name)
        elif r < 0.75:
            out.append(name.split()[-1])
        elif r < 0.9:
            out.append(name.lower())
        else:
            word = name.split()[-1]
            if len(word) > 3:
                i = rng.randrange(1, len(word))
                word = word[:i] + word[i + 1 :]
            out.append(word)
    return out


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    out: list[float] = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def subscribe_channels(store: Store, n: int) -> dt.datetime:
    """`n` channels, each last served six hours before the newest article, each having
    received the 100 newest articles before that."""
    with store.engine.begin() as conn:
        newest = conn.scalar(select(func.max(ArticleRow.ingested_at)))
        assert newest is not None
        if newest.tzinfo is None:
            newest = newest.replace(tzinfo=dt.UTC)
        last = newest - dt.timedelta(hours=6)
        conn.execute(SubscriptionRow.__table__.delete().where(SubscriptionRow.team_id == TEAM))
        conn.execute(
            DeliveredArticleRow.__table__.delete().where(DeliveredArticleRow.team_id == TEAM)
        )
        conn.execute(
            insert(SubscriptionRow.__table__),
            [
                {
                    "team_id": TEAM,
                    "channel_id": f"C{i:05d}",
                    "schedule": "daily 08:00",
                    "cron": "0 8 * * *",
                    "timezone": "UTC",
                    "only_followed": False,
                    "keywords": [],
                    "notify_empty": False,
                    "created_at": last - dt.timedelta(days=30),
                    "last_digest_at": last,
                }
                for i in range(n)
            ],
        )
        before = list(
            conn.scalars(
                select(ArticleRow.id)
                .where(ArticleRow.ingested_at <= last)
                .order_by(ArticleRow.ingested_at.desc())
                .limit(100)
            )
        )
        rows = [
            {"team_id": TEAM, "channel_id": f"C{i:05d}", "article_id": aid, "delivered_at": last}
            for i in range(n)
            for aid in before
        ]
        bulk_insert(conn, DeliveredArticleRow.__table__, rows)  # type: ignore[arg-type]
    return last


def planning_pass(store: Store, n: int) -> tuple[float, int]:
    from bot.scheduler.delivery import default_planner
    from briefings.store.channels import Channels

    plan = default_planner()
    channels = Channels(store)
    t0 = time.perf_counter()
    messages = 0
    for i in range(n):
        sub = channels.subscription(TEAM, f"C{i:05d}")
        assert sub is not None
        messages += len(plan(store, sub))
    return time.perf_counter() - t0, messages


@contextmanager
def captured(store: Store) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)


def explain(store: Store, statements: list[tuple[str, Any]]) -> str:
    out = io.StringIO()
    prefix = "EXPLAIN ANALYZE" if store.dialect == "postgresql" else "EXPLAIN QUERY PLAN"
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for sql, params in statements:
            cur = raw.cursor()
            cur.execute(f"{prefix} {sql}", params)
            rows = cur.fetchall()
            cur.close()
            out.write(" ".join(sql.split())[:400] + "\n")
            for r in rows:
                out.write("    " + " | ".join(str(c) for c in r) + "\n")
            out.write("\n")
    return out.getvalue()


def measure(store: Store, args: argparse.Namespace, ctx: Any) -> tuple[dict[str, Any], str]:
    from bot.slack.home import home_view
    from briefings.compose import latest_briefings
    from briefings.dossier import lookup
    from briefings.render.blocks import to_message

    # This process holds the corpus rows it copies from (a bot does not): keep them
    # out of the collector, or its full passes land in the timings as 200 ms spikes.
    gc.collect()
    gc.freeze()
    res: dict[str, Any] = {"articles": store.count_articles()}
    with store.engine.connect() as conn:
        res["officials"] = conn.scalar(select(func.count()).select_from(OfficialRow))
        busiest = conn.execute(
            select(OfficialRow.name, OfficialRow.mentions)
            .order_by(OfficialRow.mentions.desc())
            .limit(1)
        ).one()
    qs = queries(store, args.lookups, args.seed)
    t0 = time.perf_counter()
    lookup(store, qs[0], VIS)
    res["dossier_cold_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    it = iter(qs)
    res["dossier"] = stats(timed(lambda: lookup(store, next(it), VIS), len(qs)))
    res["busiest"] = {"name": busiest[0], "mentions": busiest[1]}
    res["busiest_dossier"] = stats(timed(lambda: lookup(store, busiest[0], VIS), 50))
    res["latest"] = stats(
        timed(lambda: [to_message(b) for b in latest_briefings(store, 5, vis=VIS)], 50)
    )
    res["home"] = stats(timed(lambda: home_view(ctx, TEAM, "U1"), 50))
    subscribe_channels(store, args.channels)
    secs, messages = planning_pass(store, args.channels)
    res["planning"] = {"channels": args.channels, "s": round(secs, 2), "messages": messages}

    with captured(store) as seen:
        lookup(store, busiest[0], VIS)
    plans = "## dossier of the busiest official\n" + explain(store, seen)
    with captured(store) as seen:
        latest_briefings(store, 5, vis=VIS)
    plans += "## /brief latest\n" + explain(store, seen[:3])
    with captured(store) as seen:
        from bot.scheduler.delivery import default_planner
        from briefings.store.channels import Channels

        sub = Channels(store).subscription(TEAM, "C00000")
        assert sub is not None
        default_planner()(store, sub)
    plans += "## one channel's digest\n" + explain(store, seen)
    return res, plans


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=f"sqlite:///{OUT / 'store_scale.db'}")
    ap.add_argument("--sizes", default="25000,250000")
    ap.add_argument("--pool", type=int, default=20_000, help="synthetic official names")
    ap.add_argument("--shift-days", type=int, default=36, help="each copy this much older")
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--channels", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2, help="to extract the corpus once")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS} (the shared corpus)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    kind = "postgresql" if args.db.startswith("postgresql") else "sqlite"

    from bot.context import AppContext
    from bot.settings import load_settings

    pairs = corpus_extractions(args.workers)
    store = fresh_store(args.db)
    ctx = AppContext(settings=load_settings(env_file=None), store=store)
    ingest_corpus(store, pairs, args.shift_days)
    rep = Replicator(store, args.pool, args.shift_days, args.seed)
    results: list[dict[str, Any]] = []
    plans = ""
    for target in [0, *(int(s) for s in args.sizes.split(","))]:
        if target:
            t0 = time.perf_counter()
            rep.grow_to(target)
            print(f"grown to {store.count_articles()} articles in {time.perf_counter() - t0:.0f} s")
        res, plans = measure(store, args, ctx)
        results.append(res)
        print(json.dumps(res))
    base, top = results[0], results[-1]
    ratio = top["dossier"]["p99_ms"] / max(base["dossier"]["p99_ms"], 1e-9)
    summary = {
        "db": kind,
        "pool": args.pool,
        "dossier_p99_ratio": round(ratio, 2),
        "dossier_ok": ratio <= 3 and top["dossier"]["p99_ms"] < 50,
        "planning_ok": top["planning"]["s"] < 5,
        "results": results,
    }
    (OUT / f"store_scale-{kind}.json").write_text(json.dumps(summary, indent=2) + "\n")
    (OUT / f"store_scale-plans-{kind}.txt").write_text(plans)
    print()
    print(
        f"{'articles':>9} {'dossier p50':>11} {'p99':>7} {'busiest p99':>11} "
        f"{'latest p99':>10} {'home p99':>8} {'planning':>9}"
    )
    for r in results:
        print(
            f"{r['articles']:>9} {r['dossier']['p50_ms']:>9.1f}ms {r['dossier']['p99_ms']:>5.1f}ms"
            f" {r['busiest_dossier']['p99_ms']:>9.1f}ms {r['latest']['p99_ms']:>8.1f}ms"
            f" {r['home']['p99_ms']:>6.1f}ms {r['planning']['s']:>8.2f}s"
        )
    print(f"dossier p99 ratio {ratio:.2f} (target <= 3, and < 50 ms); planning target < 5 s")
    ctx.close()
    return 0 if summary["dossier_ok"] and summary["planning_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
