"""First starts are atomic and may run at the same time (migrations under a lock).

Each start is the real `briefbot` command in its own process (`sources list`
opens and migrates the store, then exits), killed or raced as an operator would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from briefings.store.engine import make_engine, schema_current
from briefings.store.schema import Base


def _start(url: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("SLACK_BOT_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "sources", "list"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _healthy(url: str) -> bool:
    engine = make_engine(url)
    try:
        return schema_current(engine) and set(Base.metadata.tables) <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def _migration_window(tmp_path: Path) -> tuple[float, float]:
    """When a first start creates the database file, and when it is done."""
    db = tmp_path / "calibrate.db"
    t0 = time.monotonic()
    proc = _start(f"sqlite:///{db}", tmp_path)
    appeared = None
    while proc.poll() is None:
        if appeared is None and db.exists():
            appeared = time.monotonic() - t0
        time.sleep(0.002)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return appeared or 0.0, time.monotonic() - t0


def test_a_first_start_killed_at_any_moment_never_blocks_the_next(tmp_path: Path) -> None:
    opened, done = _migration_window(tmp_path)
    # Ten kill times spread over the migration: from the moment the database file
    # appears (start-up time before it varies with load) to the end of the command.
    delays = [(done - opened) * k / 10 for k in range(10)]
    for i, delay in enumerate(delays):
        db = tmp_path / f"kill{i}.db"
        url = f"sqlite:///{db}"
        proc = _start(url, tmp_path)
        while not db.exists() and proc.poll() is None:
            time.sleep(0.001)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        nxt = _start(url, tmp_path)
        _, err = nxt.communicate(timeout=60)
        assert nxt.returncode == 0, f"kill at +{delay:.3f} s: {err.decode()[-500:]}"
        assert _healthy(url), f"kill at +{delay:.3f} s: schema incomplete"


def test_two_first_starts_at_once_on_sqlite_both_run(tmp_path: Path) -> None:
    for i in range(5):
        url = f"sqlite:///{tmp_path / f'race{i}.db'}"
        procs = [_start(url, tmp_path) for _ in range(2)]
        for p in procs:
            _, err = p.communicate(timeout=60)
            assert p.returncode == 0, err.decode()[-800:]
        assert _healthy(url)


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL")
def test_two_first_starts_at_once_on_an_empty_postgresql_database_both_run(
    tmp_path: Path,
) -> None:
    base = make_url(os.environ["TEST_DATABASE_URL"])
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    for _ in range(4):
        name = f"{base.database}_first_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = base.set(database=name).render_as_string(hide_password=False)
        try:
            procs = [_start(url, tmp_path) for _ in range(2)]
            for p in procs:
                _, err = p.communicate(timeout=60)
                assert p.returncode == 0, err.decode()[-800:]
            assert _healthy(url)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
