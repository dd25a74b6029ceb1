"""The queue worker every replica runs.

Each thread claims one item at a time (so nothing sits claimed while waiting
behind other work), runs its kind's handler, and completes it. While a handler
runs, a heartbeat extends the lease every third of its length; if the process
dies, the lease lapses and another worker reclaims the item. A handler raising
`InProgress` gives the item back for later without spending an attempt; any
other exception is a failed attempt (retried with exponential backoff, failed
for good after `max_attempts`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping

from briefings.store.queue import WorkItem, WorkQueue

from .delivery import InProgress

log = logging.getLogger("briefbot.scheduler.worker")

Handler = Callable[[WorkItem], None]


class Worker:
    def __init__(
        self,
        queue: WorkQueue,
        handlers: Mapping[str, Handler],
        *,
        worker_id: str,
        lease: float = 120.0,
        kinds: Callable[[], Iterable[str]] | None = None,
        poll_seconds: float = 1.0,
        threads: int = 1,
        leases: Mapping[str, float] | None = None,
    ) -> None:
        self.queue = queue
        self.handlers = dict(handlers)
        self.worker_id = worker_id
        self.lease = lease
        self.leases = dict(leases or {})
        self.kinds = kinds or (lambda: list(self.handlers))
        self.poll_seconds = poll_seconds
        self.n_threads = threads
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    def wake(self) -> None:
        """Something was queued: look now instead of at the next poll."""
        self._wake.set()

    def run_once(self, kinds: Iterable[str] | None = None) -> int:
        """Claim and handle at most one item; returns how many were handled (0 or 1)."""
        wanted = [k for k in (kinds if kinds is not None else self.kinds()) if k in self.handlers]
        if not wanted:
            return 0
        lease = max([self.leases.get(k, self.lease) for k in wanted])
        items = self.queue.claim(self.worker_id, kinds=wanted, lease=lease)
        if not items:
            return 0
        self.handle(items[0], lease)
        return 1

    def drain(self, kinds: Iterable[str] | None = None, limit: int = 10_000) -> int:
        """Handle items until none is claimable (tests, and SQLite's in-process worker)."""
        n = 0
        while n < limit and self.run_once(kinds):
            n += 1
        return n

    def handle(self, item: WorkItem, lease: float) -> None:
        done = threading.Event()

        def heartbeat() -> None:
            while not done.wait(lease / 3):
                if not self.queue.extend(item.id, self.worker_id, lease):
                    log.warning("lost the lease on %s", item.key)
                    return

        beat = threading.Thread(target=heartbeat, name="briefbot-lease", daemon=True)
        beat.start()
        try:
            self.handlers[item.kind](item)
        except InProgress as exc:
            log.info("%s: %s; retrying in %.0f s", item.key, exc, exc.retry_after)
            self.queue.retry_later(item.id, self.worker_id, exc.retry_after, str(exc))
        except Exception as exc:
            log.exception("%s failed (attempt %d)", item.key, item.attempts)
            self.queue.fail(item.id, self.worker_id, f"{exc.__class__.__name__}: {exc}")
        else:
            self.queue.complete(item.id, self.worker_id)
        finally:
            done.set()
            beat.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                n = self.run_once()
            except Exception:
                log.exception("worker loop error")
                n = 0
            if n == 0:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def start(self) -> Worker:
        for i in range(self.n_threads):
            t = threading.Thread(target=self._loop, name=f"briefbot-worker-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        for t in self._threads:
            t.join(timeout=timeout)
        self._threads.clear()
