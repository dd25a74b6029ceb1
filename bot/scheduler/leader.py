"""Leader election: exactly one process runs the scheduler.

PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) taken on a
dedicated connection that is kept open for as long as the process leads. If
the process dies, PostgreSQL ends the session and frees the lock; followers
retry every `retry_seconds` (5 s), so a new leader takes over well within 30 s.
TCP keepalives (10 s idle, 5 s interval, 3 probes) make the server notice a
vanished machine, not only a dead process, within about 25 s. The leader checks
its connection every `retry_seconds`; if it is lost, it steps down at once
(the posting rows make a brief overlap harmless).

The lock key is derived from the database name and the current schema, so
separate deployments (or test schemas) sharing one server never contend.

SQLite: a single scheduler per database file, guarded by an exclusive
`flock` on `<db>.leader` so a second process on the same file stays a follower.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

log = logging.getLogger("briefbot.scheduler.leader")


def _lock_key(database: str, schema: str) -> int:
    digest = hashlib.blake2b(f"briefbot-scheduler:{database}:{schema}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


class _PgLock:
    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn: Any = None
        self.key: int | None = None

    def try_acquire(self) -> bool:
        import psycopg

        if self.conn is None:
            self.conn = psycopg.connect(
                self.conninfo,
                autocommit=True,
                connect_timeout=5,
                keepalives=1,
                keepalives_idle=10,
                keepalives_interval=5,
                keepalives_count=3,
                application_name="briefbot-leader",
            )
            row = self.conn.execute("SELECT current_database(), current_schema()").fetchone()
            self.key = _lock_key(str(row[0]), str(row[1]))
        got = self.conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()
        return bool(got and got[0])

    def alive(self) -> bool:
        try:
            self.conn.execute("SELECT 1").fetchone()
            return True
        except Exception:
            return False

    def release(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()  # ends the session: the lock goes with it
        self.conn = None


class _FileLock:
    def __init__(self, url: str) -> None:
        db = make_url(url).database or ""
        self.path = (db if db and db != ":memory:" else "briefbot-memory") + ".leader"
        self.fd: int | None = None

    def try_acquire(self) -> bool:
        import fcntl

        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def alive(self) -> bool:
        return self.fd is not None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops the flock
        self.fd = None


class LeaderElector:
    """Runs `on_elected` when this process becomes leader, `on_lost` when it stops being."""

    def __init__(
        self,
        database_url: str,
        *,
        on_elected: Callable[[], None],
        on_lost: Callable[[], None],
        retry_seconds: float = 5.0,
    ) -> None:
        backend = make_url(database_url).get_backend_name()
        self._lock: _PgLock | _FileLock = (
            _PgLock(database_url) if backend == "postgresql" else _FileLock(database_url)
        )
        self.on_elected = on_elected
        self.on_lost = on_lost
        self.retry_seconds = retry_seconds
        self.is_leader = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> LeaderElector:
        self._thread = threading.Thread(target=self._run, name="briefbot-leader", daemon=True)
        self._thread.start()
        return self

    def step(self) -> bool:
        """One election round (also what the thread runs); returns is_leader."""
        if self.is_leader:
            if not self._lock.alive():
                log.warning("lost the leader lock connection; stepping down")
                self._lock.release()
                self.is_leader = False
                self.on_lost()
            return self.is_leader
        try:
            got = self._lock.try_acquire()
        except Exception as exc:
            log.warning("leader election failed: %s", exc)
            self._lock.release()
            return False
        if got:
            log.info("this process is now the scheduler leader")
            self.is_leader = True
            try:
                self.on_elected()
            except Exception:
                log.exception("starting the scheduler failed; giving up leadership")
                self.is_leader = False
                self._lock.release()
        return self.is_leader

    def _run(self) -> None:
        while not self._stop.is_set():
            self.step()
            self._stop.wait(self.retry_seconds)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.is_leader:
            self.is_leader = False
            with contextlib.suppress(Exception):
                self.on_lost()
        self._lock.release()
