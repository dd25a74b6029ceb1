"""`--workers`: several extraction processes, one writer, the same results as one."""

from __future__ import annotations

import filecmp
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.bot.test_cli import BRIEFBOT, run
from tests.support import REPO, shared_path

FACT_TABLES = ("meetings", "agreements", "stops")


def test_brief_json_is_byte_identical_with_two_workers(tmp_path: Path) -> None:
    corpus = shared_path("corpus", "diplomacy")
    for n in (1, 2):
        res = run(
            ["brief", "--json", "--workers", str(n), "--out", f"out{n}", str(corpus)], tmp_path
        )
        assert res.returncode == 0, res.stderr
    names = sorted(p.name for p in (tmp_path / "out1").iterdir())
    assert len(names) == 80
    assert names == sorted(p.name for p in (tmp_path / "out2").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "out1", tmp_path / "out2", names, shallow=False
    )
    assert not mismatch and not errors


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Everything ingest derives from the articles, without ids and clock times."""
    con = sqlite3.connect(db)
    try:
        return {
            "articles": con.execute(
                "SELECT key, ext_id, text_hash, title, published, words FROM articles ORDER BY id"
            ).fetchall(),
            "extractions": con.execute(
                "SELECT a.key, e.version, e.data FROM extractions e"
                " JOIN articles a ON a.id = e.article_id ORDER BY a.id"
            ).fetchall(),
            "officials": con.execute(
                "SELECT key, name, title, affiliation, mentions FROM officials ORDER BY id"
            ).fetchall(),
            "meetings": con.execute(
                "SELECT a.key, m.status, m.place, m.date, m.sentence, p.position, p.name,"
                " o.key FROM meetings m JOIN articles a ON a.id = m.article_id"
                " JOIN meeting_participants p ON p.meeting_id = m.id"
                " LEFT JOIN officials o ON o.id = p.official_id ORDER BY m.id, p.position"
            ).fetchall(),
        }
    finally:
        con.close()


def test_ingest_with_two_workers_stores_what_one_stores(tmp_path: Path) -> None:
    corpus = shared_path("corpus", "diplomacy")
    dumps = []
    for n in (1, 2):
        home = tmp_path / f"w{n}"
        home.mkdir()
        res = run(["ingest", "--workers", str(n), str(corpus)], home)
        assert res.returncode == 0, res.stderr
        assert "80 new" in res.stdout
        dumps.append(_dump(home / "cli.db"))
    assert dumps[0]["meetings"], "no facts stored: the comparison would be vacuous"
    assert dumps[0] == dumps[1]


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_ctrl_c_leaves_the_store_whole_and_a_rerun_finishes(tmp_path: Path) -> None:
    bbc = shared_path("corpus", "bbc-news-2004-2005.jsonl")
    src = tmp_path / "bbc.jsonl"
    src.write_text("\n".join(bbc.read_text(encoding="utf-8").splitlines()[:200]) + "\n")
    db = tmp_path / "cli.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_"))}
    env["DATABASE_URL"] = f"sqlite:///{db}"
    proc = subprocess.Popen(
        [*BRIEFBOT, "ingest", "--workers", "2", str(src)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a terminal's Ctrl-C reaches the whole process group
    )
    deadline = time.monotonic() + 300
    while _count(db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "interrupted" in err and "Traceback" not in err
    stored = _count(db)
    assert 20 <= stored < 200

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every stored article is whole: its extraction and exactly its facts.
        rows = con.execute(
            "SELECT a.id, e.data FROM articles a LEFT JOIN extractions e ON e.article_id = a.id"
        ).fetchall()
        for aid, data in rows:
            assert data is not None, f"article {aid} stored without its extraction"
            ex = json.loads(data)
            for table, key in zip(
                FACT_TABLES, ("meetings", "agreements", "next_stops"), strict=True
            ):
                n = con.execute(
                    f"SELECT count(*) FROM {table} WHERE article_id = ?", (aid,)
                ).fetchone()[0]
                want = (
                    sum(len(i["stops"]) for i in ex[key]) if key == "next_stops" else len(ex[key])
                )
                assert n == want, (aid, table)
    finally:
        con.close()

    again = run(["ingest", "--workers", "2", str(src)], tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"{200 - stored} new" in again.stdout and f"{stored} unchanged" in again.stdout
    assert "(200 articles stored)" in again.stdout


def test_progress_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    """The bar is drawn on stderr when stdout is a terminal (here a pseudo-terminal)."""
    import pty

    corpus = shared_path("corpus", "diplomacy")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", COLUMNS="100", TERM="xterm")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*BRIEFBOT, "ingest", "--workers", "2", str(corpus)],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, shown[-2000:]
    assert "extracting" in shown and "/80" in shown
    assert "80 new" in shown
