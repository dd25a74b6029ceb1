"""Exactly-once digest posting.

A digest for (workspace, channel, scheduled time) is posted as one or more
messages ("parts"). Each part is a row in `posted_messages`, keyed by the
unique (team_id, channel_id, 'digest', slot) where slot is the scheduled time
in UTC (`2026-11-27T08:00:00Z`, then `...Z#2`, `...Z#3` for further parts):

1. wait for the rate limiter (so the claim-to-post window is one HTTP call);
2. claim: INSERT the row (claimed_at, claimed_by, article_ids); the unique
   constraint makes a second claimant fail here, before anything is posted;
3. post, carrying the slot in the message metadata;
4. record: one transaction sets `ts`/`posted_at` and inserts the part's
   articles into `delivered_articles`, so a story is never repeated;
5. when every part is recorded, `subscriptions.last_digest_at = slot`
   marks the digest complete.

A crash between 2 and 4 leaves a claimed row without `ts`. Such a row is
left alone while it is younger than `stale_after` (its claimant may still be
running); once stale, the channel history is searched for the slot marker
(conversations.history with message metadata): found -> the `ts` is recorded
and nothing is re-posted; not found -> the part is re-posted. When the history
cannot be read (missing scope, method unavailable), the policy is to re-post
and the decision is recorded in the row's `claimed_by`
(`<worker> [repost: unverified, was <old>]`) and logged at WARNING: a late
duplicate in that narrow window is judged better than a silently missed digest,
whose stories would otherwise wait for the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from briefings.store import Store
from briefings.store.queue import as_utc
from briefings.store.schema import (
    DeliveredArticleRow,
    FollowRow,
    PostedMessageRow,
    SubscriptionRow,
    utcnow,
)

from .. import metrics
from .ratelimit import RateLimiter

log = logging.getLogger("briefbot.scheduler.delivery")

KIND = "digest"
METADATA_EVENT = "briefbot_digest"

# -- test hook: SIGKILL ourselves at a named point (off unless the variable is set) ---------

KILL_ENV = "BRIEFBOT_TEST_KILL_AT"
_hits: dict[str, int] = {}
_hits_lock = threading.Lock()


def crash_point(name: str) -> None:
    """Test hook: `BRIEFBOT_TEST_KILL_AT=name` or `name@N` kills the process (SIGKILL)
    the first (or Nth) time `name` is reached. Does nothing when the variable is unset."""
    spec = os.environ.get(KILL_ENV)
    if not spec:
        return
    want, _, nth = spec.partition("@")
    if want != name:
        return
    with _hits_lock:
        _hits[name] = _hits.get(name, 0) + 1
        count = _hits[name]
    if count == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


# -- what Slack looks like to this module -----------------------------------------------------


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited; retry after {retry_after:g} s")
        self.retry_after = retry_after


class PostRejected(Exception):
    """Slack answered and did not post (e.g. channel_not_found): safe to retry later."""


class PostUncertain(Exception):
    """No clear answer (5xx, timeout, reset): the message may or may not be posted."""


class CannotVerify(Exception):
    """The channel history cannot be read to check for a message."""


class Poster(Protocol):
    def post(
        self, channel: str, text: str, blocks: Sequence[dict[str, Any]], *, marker: str
    ) -> str:
        """Post and return the message ts; raises RateLimited, PostRejected, PostUncertain."""

    def find_marker(self, channel: str, marker: str, *, oldest: dt.datetime) -> str | None:
        """The ts of our message carrying `marker` posted after `oldest`; CannotVerify."""


# -- planning ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    text: str
    blocks: list[dict[str, Any]]
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Subscription:
    team_id: str
    channel_id: str
    cron: str
    timezone: str
    only_followed: bool = False
    keywords: tuple[str, ...] = ()
    notify_empty: bool = False
    created_at: dt.datetime | None = None
    last_digest_at: dt.datetime | None = None
    followed: tuple[str, ...] = ()


Planner = Callable[[Store, Subscription], list[PlannedMessage]]


def load_subscription(store: Store, team_id: str, channel_id: str) -> Subscription | None:
    with store.session() as s:
        row = s.scalar(
            select(SubscriptionRow).where(
                SubscriptionRow.team_id == team_id, SubscriptionRow.channel_id == channel_id
            )
        )
        if row is None:
            return None
        followed = tuple(
            s.scalars(
                select(FollowRow.official_name).where(
                    FollowRow.team_id == team_id,
                    FollowRow.scope == "channel",
                    FollowRow.scope_id == channel_id,
                )
            )
        )
        return Subscription(
            team_id=row.team_id,
            channel_id=row.channel_id,
            cron=row.cron,
            timezone=row.timezone,
            only_followed=bool(row.only_followed),
            keywords=tuple(row.keywords or ()),
            notify_empty=bool(row.notify_empty),
            created_at=as_utc(row.created_at),
            last_digest_at=as_utc(row.last_digest_at),
            followed=followed,
        )


def default_planner(
    limit_per_message: int = 10, look_back: dt.timedelta = dt.timedelta(days=1)
) -> Planner:
    """Plans with `briefings.digest.build_digest` and `briefings.render.blocks.to_message`.

    The digest covers what was stored since `look_back` (a day) before the channel's
    previous digest (or before the subscription was made), minus every story the
    channel already received: an article committed just after a digest ran, or a
    story that did not fit, is still picked up next time, and never twice. The number
    of messages is bounded by the digest itself (at most `MAX_STORIES` stories) and
    again by `DigestDelivery.max_parts`.
    """

    def plan(store: Store, sub: Subscription) -> list[PlannedMessage]:
        from briefings.digest import build_digest
        from briefings.render.blocks import to_message

        since = sub.last_digest_at or sub.created_at
        if since is not None:
            since -= look_back
        digest = build_digest(
            store,
            team_id=sub.team_id,
            channel_id=sub.channel_id,
            since=since,
            followed=sub.followed if sub.only_followed else (),
            keywords=sub.keywords,
            limit_per_message=limit_per_message,
        )
        if digest.is_empty:
            if not sub.notify_empty:
                return []
            msg = to_message(digest)
            return [PlannedMessage(str(msg["text"]), list(msg["blocks"]), digest.article_ids)]
        out: list[PlannedMessage] = []
        in_stories = {a for st in digest.stories for a in st.article_ids}
        # Covered but not shown (no facts, clustered away): delivered with part 1.
        extra = tuple(a for a in digest.article_ids if a not in in_stories)
        for part in digest.messages:
            msg = to_message(part)
            ids = tuple(a for st in part.stories for a in st.article_ids)
            if not out:
                ids = ids + extra
            out.append(PlannedMessage(str(msg["text"]), list(msg["blocks"]), ids))
        return out

    return plan


# -- delivery ----------------------------------------------------------------------------------


class Outcome(StrEnum):
    POSTED = "posted"
    EMPTY = "empty"
    ALREADY = "already"
    UNSUBSCRIBED = "unsubscribed"


class InProgress(Exception):
    """Another claimant holds a fresh claim on this slot; try again after `retry_after`."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def slot_key(slot: dt.datetime) -> str:
    return slot.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def part_key(base: str, index: int) -> str:
    return base if index == 1 else f"{base}#{index}"


def _part_index(key: str) -> int:
    _, sep, n = key.partition("#")
    return int(n) if sep else 1


@dataclass
class DeliveryStats:
    posted: int = 0
    verified: int = 0  # stale claims found already posted (not re-posted)
    reposted: int = 0  # stale claims re-posted after a negative or impossible check
    throttled: int = 0
    errors: list[str] = field(default_factory=list)


class DigestDelivery:
    def __init__(
        self,
        store: Store,
        poster: Poster,
        limiter: RateLimiter,
        *,
        planner: Planner | None = None,
        worker_id: str = "briefbot",
        clock: Callable[[], dt.datetime] = utcnow,
        stale_after: float = 120.0,
        max_throttle_wait: float = 600.0,
        max_parts: int = 5,
    ) -> None:
        self.store = store
        self.poster = poster
        self.limiter = limiter
        self.planner = planner or default_planner()
        self.worker_id = worker_id
        self.clock = clock
        self.stale_after = stale_after
        self.max_throttle_wait = max_throttle_wait
        self.max_parts = max_parts
        self.stats = DeliveryStats()
        self._stats_lock = threading.Lock()

    def _count(self, name: str) -> None:
        with self._stats_lock:
            setattr(self.stats, name, getattr(self.stats, name) + 1)
        if name in ("posted", "reposted"):
            metrics.DIGESTS.inc()

    # -- rows ---------------------------------------------------------------------

    def _parts_of(self, team: str, channel: str, base: str) -> list[PostedMessageRow]:
        with self.store.session() as s:
            rows = list(
                s.scalars(
                    select(PostedMessageRow).where(
                        PostedMessageRow.team_id == team,
                        PostedMessageRow.channel_id == channel,
                        PostedMessageRow.kind == KIND,
                        or_(
                            PostedMessageRow.slot == base,
                            PostedMessageRow.slot.like(base + "#%"),
                        ),
                    )
                )
            )
        return sorted(rows, key=lambda r: _part_index(r.slot))

    def _claim(self, team: str, channel: str, key: str, ids: Sequence[int]) -> bool:
        try:
            with self.store.session() as s:
                s.add(
                    PostedMessageRow(
                        team_id=team,
                        channel_id=channel,
                        kind=KIND,
                        slot=key,
                        claimed_at=self.clock(),
                        claimed_by=self.worker_id[:100],
                        ts=None,
                        posted_at=None,
                        article_ids=list(ids),
                    )
                )
        except IntegrityError:
            return False
        return True

    def _take_over(self, row: PostedMessageRow, note: str, ids: Sequence[int]) -> bool:
        """Re-claim a stale row; False if someone else took it over first."""
        by = f"{self.worker_id} [{note}, was {row.claimed_by}]"[:100]
        with self.store.session() as s:
            res = s.execute(
                update(PostedMessageRow)
                .where(
                    PostedMessageRow.id == row.id,
                    PostedMessageRow.ts.is_(None),
                    PostedMessageRow.claimed_at == row.claimed_at,
                )
                .values(claimed_at=self.clock(), claimed_by=by, article_ids=list(ids))
                .execution_options(synchronize_session=False)
            )
            return bool(res.rowcount == 1)  # type: ignore[attr-defined]

    def _touch(self, team: str, channel: str, key: str) -> None:
        """Refresh the claim time before each attempt so a live claim never looks stale."""
        with self.store.session() as s:
            s.execute(
                update(PostedMessageRow)
                .where(
                    PostedMessageRow.team_id == team,
                    PostedMessageRow.channel_id == channel,
                    PostedMessageRow.kind == KIND,
                    PostedMessageRow.slot == key,
                    PostedMessageRow.ts.is_(None),
                )
                .values(claimed_at=self.clock())
                .execution_options(synchronize_session=False)
            )

    def _release(self, team: str, channel: str, key: str) -> None:
        """Drop a claim that certainly did not post (Slack said no)."""
        from sqlalchemy import delete

        with self.store.session() as s:
            s.execute(
                delete(PostedMessageRow).where(
                    PostedMessageRow.team_id == team,
                    PostedMessageRow.channel_id == channel,
                    PostedMessageRow.kind == KIND,
                    PostedMessageRow.slot == key,
                    PostedMessageRow.ts.is_(None),
                )
            )

    def _record(self, team: str, channel: str, key: str, ts: str, ids: Sequence[int]) -> None:
        now = self.clock()
        with self.store.session() as s:
            s.execute(
                update(PostedMessageRow)
                .where(
                    PostedMessageRow.team_id == team,
                    PostedMessageRow.channel_id == channel,
                    PostedMessageRow.kind == KIND,
                    PostedMessageRow.slot == key,
                )
                .values(ts=ts, posted_at=now)
                .execution_options(synchronize_session=False)
            )
            wanted = sorted({int(i) for i in ids})
            if wanted:
                have = set(
                    s.scalars(
                        select(DeliveredArticleRow.article_id).where(
                            DeliveredArticleRow.team_id == team,
                            DeliveredArticleRow.channel_id == channel,
                            DeliveredArticleRow.article_id.in_(wanted),
                        )
                    )
                )
                for aid in wanted:
                    if aid not in have:
                        s.add(
                            DeliveredArticleRow(
                                team_id=team, channel_id=channel, article_id=aid, delivered_at=now
                            )
                        )

    def _complete(self, team: str, channel: str, slot: dt.datetime) -> None:
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

    # -- the digest ------------------------------------------------------------------

    def deliver(self, team: str, channel: str, slot: dt.datetime) -> Outcome:
        """Post the digest for `slot` unless it was already posted; see the module doc."""
        slot = slot.astimezone(dt.UTC)
        base = slot_key(slot)
        sub = load_subscription(self.store, team, channel)
        if sub is None:
            return Outcome.UNSUBSCRIBED
        if sub.last_digest_at is not None and sub.last_digest_at >= slot:
            return Outcome.ALREADY

        rows = self._parts_of(team, channel, base)
        now = self.clock()
        reusable: list[tuple[PostedMessageRow, str]] = []
        for row in rows:
            if row.ts is not None:
                continue
            age = (now - (as_utc(row.claimed_at) or now)).total_seconds()
            if age < self.stale_after:
                raise InProgress(
                    f"{row.slot} claimed by {row.claimed_by} {age:.0f} s ago",
                    retry_after=self.stale_after - age + 1,
                )
            note = self._check_stale(row)
            if note is None:
                continue  # found in the channel: recorded, not re-posted
            reusable.append((row, note))

        rows = self._parts_of(team, channel, base)
        done = [r for r in rows if r.ts is not None]
        sub_now = load_subscription(self.store, team, channel) or sub
        plan = self.planner(self.store, sub_now)
        budget = max(0, self.max_parts - len(done))
        if not plan and not done:
            for row, _ in reusable:
                self._release(team, channel, row.slot)
            self._complete(team, channel, slot)
            return Outcome.EMPTY
        used = {_part_index(r.slot) for r in rows}
        next_index = max(used, default=0) + 1
        for i, msg in enumerate(plan[:budget]):
            if i < len(reusable):
                row, note = reusable[i]
                if not self._take_over(row, note, msg.article_ids):
                    raise InProgress(f"{row.slot} was taken over by another worker", 5.0)
                if note.startswith("repost: unverified"):
                    log.warning(
                        "re-posting %s/%s %s: stale claim by %s, history not readable",
                        team,
                        channel,
                        row.slot,
                        row.claimed_by,
                    )
                self._count("reposted")
                key = row.slot
            else:
                key = part_key(base, next_index)
                next_index += 1
                self._post_new_claim(team, channel, key, msg)
                continue
            self._post(team, channel, key, msg)
        for row, _ in reusable[len(plan[:budget]) :]:
            self._release(team, channel, row.slot)
        self._complete(team, channel, slot)
        return Outcome.POSTED

    def _check_stale(self, row: PostedMessageRow) -> str | None:
        """Look for a stale claim's message; record it if found (returns None)."""
        claimed = as_utc(row.claimed_at) or self.clock()
        try:
            ts = self.poster.find_marker(
                row.channel_id, row.slot, oldest=claimed - dt.timedelta(minutes=5)
            )
        except CannotVerify as exc:
            log.info("cannot verify %s/%s: %s", row.channel_id, row.slot, exc)
            return "repost: unverified"
        if ts is None:
            return "repost: not in history"
        log.info("stale claim %s/%s was posted (ts %s); recording", row.channel_id, row.slot, ts)
        self._record(row.team_id, row.channel_id, row.slot, ts, row.article_ids or ())
        self._count("verified")
        return None

    def _post_new_claim(self, team: str, channel: str, key: str, msg: PlannedMessage) -> None:
        self.limiter.acquire(channel)
        if not self._claim(team, channel, key, msg.article_ids):
            raise InProgress(f"{key} was claimed concurrently", 5.0)
        crash_point("digest.after_claim")
        self._post(team, channel, key, msg, acquired=True)

    def _post(
        self, team: str, channel: str, key: str, msg: PlannedMessage, *, acquired: bool = False
    ) -> None:
        waited = 0.0
        while True:
            if not acquired:
                self.limiter.acquire(channel)
                self._touch(team, channel, key)
            acquired = False
            try:
                self.limiter.gate(channel)
                ts = self.poster.post(channel, msg.text, msg.blocks, marker=key)
            except RateLimited as exc:
                self._count("throttled")
                self.limiter.retry_after(exc.retry_after, channel)
                waited += exc.retry_after
                if waited > self.max_throttle_wait:
                    self._release(team, channel, key)
                    raise InProgress(f"still rate limited after {waited:.0f} s", 60.0) from exc
                continue
            except PostRejected:
                self._release(team, channel, key)
                raise
            except PostUncertain as exc:
                # Keep the claim: after `stale_after` the history decides.
                raise InProgress(
                    f"{key}: no clear answer from Slack ({exc})", self.stale_after + 1
                ) from exc
            break
        crash_point("digest.after_post")
        self._record(team, channel, key, ts, msg.article_ids)
        self._count("posted")
        crash_point("digest.after_record")
