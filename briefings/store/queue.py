"""A durable work queue in the `work_items` table, shared by every replica.

States: ``queued`` (``lease_until`` is then a not-before time, or NULL),
``claimed`` (``lease_until`` is when the claimant's lease runs out), ``done``
and ``failed``. A claimed item whose lease expired is claimable again: that is
how a crashed claimant's work is taken over.

On PostgreSQL a claim is ``SELECT ... FOR UPDATE SKIP LOCKED`` followed by an
update in the same transaction, so any number of workers on any number of
machines each get different items without waiting on one another. On SQLite
(one process) the claim is a conditional ``UPDATE`` whose row count says who
won, which is also safe if a second process ever shares the file.

Nothing here reads the environment or knows about Slack; the clock is
injectable so tests drive time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..backoff import Backoff
from ..clock import Clock, as_utc, utcnow
from .repository import Store
from .schema import WorkItemRow

QUEUED = "queued"
CLAIMED = "claimed"
DONE = "done"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WorkItem:
    id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempts: int
    claimed_by: str | None
    lease_until: dt.datetime | None


class WorkQueue:
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = utcnow,
        max_attempts: int = 5,
        backoff: Backoff | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.max_attempts = max_attempts
        self.backoff = backoff or Backoff()

    # -- producing ----------------------------------------------------------

    def enqueue(
        self,
        kind: str,
        key: str,
        payload: dict[str, Any],
        *,
        not_before: dt.datetime | None = None,
    ) -> bool:
        """Add an item unless one with the same key exists (in any state).

        Returns True when a new item was queued.
        """
        now = self.clock()
        row = WorkItemRow(
            kind=kind,
            key=key,
            payload=payload,
            status=QUEUED,
            attempts=0,
            lease_until=not_before,
            created_at=now,
            updated_at=now,
        )
        try:
            with self.store.session() as s:
                exists = s.scalar(select(WorkItemRow.id).where(WorkItemRow.key == key))
                if exists is not None:
                    return False
                s.add(row)
        except IntegrityError:  # a concurrent enqueue of the same key won
            return False
        return True

    # -- consuming ----------------------------------------------------------

    def _claimable(self, now: dt.datetime, kinds: Sequence[str] | None) -> Any:
        cond = or_(
            and_(
                WorkItemRow.status == QUEUED,
                or_(WorkItemRow.lease_until.is_(None), WorkItemRow.lease_until <= now),
            ),
            and_(WorkItemRow.status == CLAIMED, WorkItemRow.lease_until <= now),
        )
        if kinds is not None:
            cond = and_(cond, WorkItemRow.kind.in_(list(kinds)))
        return cond

    def claim(
        self,
        worker: str,
        *,
        kinds: Iterable[str] | None = None,
        lease: float = 60.0,
        limit: int = 1,
    ) -> list[WorkItem]:
        """Claim up to `limit` items for `lease` seconds; oldest first."""
        kinds_list = list(kinds) if kinds is not None else None
        if kinds_list is not None and not kinds_list:
            return []
        self._fail_exhausted(kinds_list)
        now = self.clock()
        until = now + dt.timedelta(seconds=lease)
        if self.store.dialect == "postgresql":
            return self._claim_skip_locked(worker, kinds_list, now, until, limit)
        return self._claim_conditional(worker, kinds_list, now, until, limit)

    def _claim_skip_locked(
        self,
        worker: str,
        kinds: Sequence[str] | None,
        now: dt.datetime,
        until: dt.datetime,
        limit: int,
    ) -> list[WorkItem]:
        with self.store.session() as s:
            rows = list(
                s.scalars(
                    select(WorkItemRow)
                    .where(self._claimable(now, kinds))
                    .order_by(WorkItemRow.id)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            )
            for row in rows:
                row.status = CLAIMED
                row.claimed_by = worker
                row.lease_until = until
                row.attempts = (row.attempts or 0) + 1
                row.updated_at = now
            return [_item(r) for r in rows]

    def _claim_conditional(
        self,
        worker: str,
        kinds: Sequence[str] | None,
        now: dt.datetime,
        until: dt.datetime,
        limit: int,
    ) -> list[WorkItem]:
        claimed: list[WorkItem] = []
        with self.store.session() as s:
            ids = list(
                s.scalars(
                    select(WorkItemRow.id)
                    .where(self._claimable(now, kinds))
                    .order_by(WorkItemRow.id)
                    .limit(limit * 4)
                )
            )
        for item_id in ids:
            if len(claimed) >= limit:
                break
            with self.store.session() as s:
                res = s.execute(
                    update(WorkItemRow)
                    .where(WorkItemRow.id == item_id, self._claimable(now, kinds))
                    .values(
                        status=CLAIMED,
                        claimed_by=worker,
                        lease_until=until,
                        attempts=WorkItemRow.attempts + 1,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
                if res.rowcount == 1:  # type: ignore[attr-defined]
                    row = s.get(WorkItemRow, item_id)
                    if row is not None:
                        claimed.append(_item(row))
        return claimed

    def _fail_exhausted(self, kinds: Sequence[str] | None) -> None:
        """Items whose lease expired after their last allowed attempt fail for good."""
        now = self.clock()
        cond = and_(
            WorkItemRow.status == CLAIMED,
            WorkItemRow.lease_until <= now,
            WorkItemRow.attempts >= self.max_attempts,
        )
        if kinds is not None:
            cond = and_(cond, WorkItemRow.kind.in_(list(kinds)))
        with self.store.session() as s:
            s.execute(
                update(WorkItemRow)
                .where(cond)
                .values(
                    status=FAILED,
                    last_error="lease expired on the last attempt (claimant crashed?)",
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )

    def _owned(self, item_id: int, worker: str) -> Any:
        return and_(
            WorkItemRow.id == item_id,
            WorkItemRow.status == CLAIMED,
            WorkItemRow.claimed_by == worker,
        )

    def extend(self, item_id: int, worker: str, lease: float) -> bool:
        """Push the lease out; False if the item is no longer ours."""
        now = self.clock()
        with self.store.session() as s:
            res = s.execute(
                update(WorkItemRow)
                .where(self._owned(item_id, worker))
                .values(lease_until=now + dt.timedelta(seconds=lease), updated_at=now)
                .execution_options(synchronize_session=False)
            )
            return bool(res.rowcount == 1)  # type: ignore[attr-defined]

    def complete(self, item_id: int, worker: str) -> bool:
        """Mark done; False if the lease was lost (someone else may redo it)."""
        now = self.clock()
        with self.store.session() as s:
            res = s.execute(
                update(WorkItemRow)
                .where(self._owned(item_id, worker))
                .values(status=DONE, lease_until=None, last_error=None, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            return bool(res.rowcount == 1)  # type: ignore[attr-defined]

    def fail(self, item_id: int, worker: str, error: str) -> str | None:
        """Record a failed attempt: retried after a backoff, or failed for good.

        Returns the new status, or None if the item was no longer ours.
        """
        now = self.clock()
        with self.store.session() as s:
            row = s.get(WorkItemRow, item_id)
            if row is None or row.status != CLAIMED or row.claimed_by != worker:
                return None
            row.last_error = error[:2000]
            row.updated_at = now
            if row.attempts >= self.max_attempts:
                row.status = FAILED
                row.lease_until = None
            else:
                row.status = QUEUED
                row.lease_until = now + dt.timedelta(seconds=self.backoff.delay(row.attempts))
            return row.status

    def retry_later(self, item_id: int, worker: str, delay: float, reason: str) -> bool:
        """Give the item back to be retried after `delay` without counting an attempt."""
        now = self.clock()
        with self.store.session() as s:
            res = s.execute(
                update(WorkItemRow)
                .where(self._owned(item_id, worker))
                .values(
                    status=QUEUED,
                    attempts=func.max(WorkItemRow.attempts - 1, 0)
                    if self.store.dialect == "sqlite"
                    else func.greatest(WorkItemRow.attempts - 1, 0),
                    lease_until=now + dt.timedelta(seconds=delay),
                    last_error=reason[:2000],
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            return bool(res.rowcount == 1)  # type: ignore[attr-defined]

    # -- inspection ---------------------------------------------------------

    def get(self, key: str) -> tuple[WorkItem, str] | None:
        with self.store.session() as s:
            row = s.scalar(select(WorkItemRow).where(WorkItemRow.key == key))
            return (_item(row), row.status) if row is not None else None

    def counts(self, kind: str | None = None) -> dict[str, int]:
        q = select(WorkItemRow.status, func.count()).group_by(WorkItemRow.status)
        if kind is not None:
            q = q.where(WorkItemRow.kind == kind)
        with self.store.session() as s:
            return {str(status): int(n) for status, n in s.execute(q)}

    def purge(self, finished_before: dt.datetime) -> int:
        """Delete done/failed items last touched before the given time."""
        with self.store.session() as s:
            res = s.execute(
                delete(WorkItemRow).where(
                    WorkItemRow.status.in_([DONE, FAILED]),
                    WorkItemRow.updated_at < finished_before,
                )
            )
            return int(res.rowcount or 0)  # type: ignore[attr-defined]


def _item(row: WorkItemRow) -> WorkItem:
    return WorkItem(
        id=row.id,
        kind=row.kind,
        key=row.key,
        payload=dict(row.payload or {}),
        attempts=row.attempts or 0,
        claimed_by=row.claimed_by,
        lease_until=as_utc(row.lease_until),
    )
