"""The scheduler's leader lock: one holder per database (see bot.scheduler.leader).

PostgreSQL: a session-level advisory lock on a dedicated connection, with TCP
keepalives so a vanished machine's session (and lock) ends within about 25 s.
SQLite: an exclusive `flock` on `<db>.leader`.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from typing import Any, Protocol

import psycopg
from sqlalchemy.engine import make_url


class LeaderLock(Protocol):
    def try_acquire(self) -> bool:
        """Take the lock without waiting; True if this process holds it now."""

    def alive(self) -> bool:
        """Whether the lock is still held (its connection is up)."""

    def release(self) -> None:
        """Give the lock up (safe to call when not held)."""


def leader_lock(database_url: str) -> LeaderLock:
    if make_url(database_url).get_backend_name() == "postgresql":
        return _PgLock(database_url)
    return _FileLock(database_url)


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
