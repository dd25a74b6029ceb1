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

The locks themselves live in `briefings.store.locks`; this module runs the rounds.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from briefings.store.locks import LeaderLock, leader_lock

log = logging.getLogger("briefbot.scheduler.leader")


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
        self._lock: LeaderLock = leader_lock(database_url)
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
