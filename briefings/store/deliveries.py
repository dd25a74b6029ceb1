"""What was posted where: digest claims (`posted_messages`) and the stories each
channel received (`delivered_articles`). The only writer of both tables.

A digest for (workspace, channel, scheduled time) is posted as one or more parts;
each part is a row keyed by the unique (team_id, channel_id, kind, slot), where
slot is the scheduled time in UTC (`2026-11-27T08:00:00Z`, then `...Z#2`, ...).
The unique key is what makes a second claimant fail before anything is posted;
`bot.scheduler.delivery` holds the protocol built on these operations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from .repository import Store
from .schema import ArticleRow, DeliveredArticleRow, PostedMessageRow, SubscriptionRow

DIGEST = "digest"


def slot_key(slot: dt.datetime) -> str:
    return slot.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def part_key(base: str, index: int) -> str:
    return base if index == 1 else f"{base}#{index}"


def part_index(key: str) -> int:
    _, sep, n = key.partition("#")
    return int(n) if sep else 1


@dataclass(frozen=True, slots=True)
class Part:
    """One claimed (and, once `ts` is set, posted) message of a digest."""

    id: int
    team_id: str
    channel_id: str
    slot: str
    claimed_at: dt.datetime | None
    claimed_by: str | None
    ts: str | None
    article_ids: tuple[int, ...]


def _part(row: PostedMessageRow) -> Part:
    return Part(
        id=row.id,
        team_id=row.team_id,
        channel_id=row.channel_id,
        slot=row.slot,
        claimed_at=as_utc(row.claimed_at),
        claimed_by=row.claimed_by,
        ts=row.ts,
        article_ids=tuple(int(a) for a in row.article_ids or ()),
    )


class Deliveries:
    """Claims and records of posted messages of one kind, over a `Store`."""

    def __init__(self, store: Store, kind: str = DIGEST) -> None:
        self.store = store
        self.kind = kind

    def _key(self, team: str, channel: str, key: str) -> ColumnElement[bool]:
        return and_(
            PostedMessageRow.team_id == team,
            PostedMessageRow.channel_id == channel,
            PostedMessageRow.kind == self.kind,
            PostedMessageRow.slot == key,
        )

    def parts(self, team: str, channel: str, base: str) -> list[Part]:
        """Every part of the digest whose first slot key is `base`, in order."""
        with self.store.session() as s:
            rows = s.scalars(
                select(PostedMessageRow).where(
                    PostedMessageRow.team_id == team,
                    PostedMessageRow.channel_id == channel,
                    PostedMessageRow.kind == self.kind,
                    or_(PostedMessageRow.slot == base, PostedMessageRow.slot.like(base + "#%")),
                )
            )
            parts = [_part(r) for r in rows]
        return sorted(parts, key=lambda p: part_index(p.slot))

    def claim(
        self, team: str, channel: str, key: str, ids: Sequence[int], *, at: dt.datetime, by: str
    ) -> bool:
        """Insert the claim; False when another claimant holds this slot."""
        try:
            with self.store.session() as s:
                s.add(
                    PostedMessageRow(
                        team_id=team,
                        channel_id=channel,
                        kind=self.kind,
                        slot=key,
                        claimed_at=at,
                        claimed_by=by[:100],
                        ts=None,
                        posted_at=None,
                        article_ids=list(ids),
                    )
                )
        except IntegrityError:
            return False
        return True

    def take_over(self, part: Part, ids: Sequence[int], *, at: dt.datetime, by: str) -> bool:
        """Re-claim a stale unposted part; False if someone else took it over first."""
        with self.store.session() as s:
            res = s.execute(
                update(PostedMessageRow)
                .where(
                    PostedMessageRow.id == part.id,
                    PostedMessageRow.ts.is_(None),
                    PostedMessageRow.claimed_at == part.claimed_at,
                )
                .values(claimed_at=at, claimed_by=by[:100], article_ids=list(ids))
                .execution_options(synchronize_session=False)
            )
            return bool(res.rowcount == 1)  # type: ignore[attr-defined]

    def touch(self, team: str, channel: str, key: str, *, at: dt.datetime) -> None:
        """Refresh an unposted claim's time so a live claim never looks stale."""
        with self.store.session() as s:
            s.execute(
                update(PostedMessageRow)
                .where(self._key(team, channel, key), PostedMessageRow.ts.is_(None))
                .values(claimed_at=at)
                .execution_options(synchronize_session=False)
            )

    def release(self, team: str, channel: str, key: str) -> None:
        """Drop a claim that certainly did not post."""
        with self.store.session() as s:
            s.execute(
                delete(PostedMessageRow).where(
                    self._key(team, channel, key), PostedMessageRow.ts.is_(None)
                )
            )

    def record(
        self, team: str, channel: str, key: str, ts: str, ids: Sequence[int], *, at: dt.datetime
    ) -> None:
        """The part was posted as `ts`: set it and mark its stories delivered, at once."""
        with self.store.session() as s:
            s.execute(
                update(PostedMessageRow)
                .where(self._key(team, channel, key))
                .values(ts=ts, posted_at=at)
                .execution_options(synchronize_session=False)
            )
            _insert_delivered(s, self.store.dialect, team, channel, ids, at)

    def complete(self, team: str, channel: str, slot: dt.datetime) -> None:
        """Every part of the digest for `slot` is posted (never moves backwards)."""
        with self.store.session() as s:
            s.execute(
                update(SubscriptionRow)
                .where(
                    SubscriptionRow.team_id == team,
                    SubscriptionRow.channel_id == channel,
                    or_(
                        SubscriptionRow.last_digest_at.is_(None),
                        SubscriptionRow.last_digest_at < slot,
                    ),
                )
                .values(last_digest_at=slot)
                .execution_options(synchronize_session=False)
            )


def mark_delivered(store: Store, team_id: str, channel_id: str, article_ids: Sequence[int]) -> int:
    """Record the articles as delivered to the channel; returns how many were new."""
    with store.session() as s:
        return _insert_delivered(s, store.dialect, team_id, channel_id, article_ids, utcnow())


def _insert_delivered(
    s: Session,
    dialect: str,
    team_id: str,
    channel_id: str,
    article_ids: Sequence[int],
    now: dt.datetime,
) -> int:
    """Insert the delivered rows that are new (unknown article ids are ignored). Safe when
    two replicas record the same articles at once (ON CONFLICT DO NOTHING)."""
    ids = sorted({int(a) for a in article_ids})
    if not ids:
        return 0
    existing = set(s.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(ids))))
    have = set(
        s.scalars(
            select(DeliveredArticleRow.article_id).where(
                DeliveredArticleRow.team_id == team_id,
                DeliveredArticleRow.channel_id == channel_id,
                DeliveredArticleRow.article_id.in_(ids),
            )
        )
    )
    todo = [
        {"team_id": team_id, "channel_id": channel_id, "article_id": aid, "delivered_at": now}
        for aid in ids
        if aid in existing and aid not in have
    ]
    if todo:
        insert: Any = pg_insert if dialect == "postgresql" else sqlite_insert
        s.execute(insert(DeliveredArticleRow).on_conflict_do_nothing(), todo)
    return len(todo)
