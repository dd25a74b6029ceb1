"""Per-workspace state that Slack commands change: digest subscriptions, followed
officials, news feeds (and their polling state), and the ids of events already handled.

`Channels(store)` wraps a `Store`; every method is one short transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Select, delete, select
from sqlalchemy.exc import IntegrityError

from ..clock import as_utc, utcnow
from ..people import name_key
from ..urls import canonical_url
from .repository import Store
from .schema import ArticleRow, FeedRow, FollowRow, ProcessedEventRow, SubscriptionRow

Scope = Literal["channel", "user"]


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel's digest schedule and filters (times are UTC-aware)."""

    team_id: str
    channel_id: str
    schedule: str
    cron: str
    timezone: str
    only_followed: bool = False
    keywords: tuple[str, ...] = ()
    notify_empty: bool = False
    created_by: str | None = None
    created_at: dt.datetime | None = None
    last_digest_at: dt.datetime | None = None
    paused: bool = False  # kept, not scheduled
    flat: bool = False  # one message instead of a parent and a reply per story


@dataclass(frozen=True, slots=True)
class Follow:
    team_id: str
    scope: Scope
    scope_id: str
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    team_id: str
    channel_id: str
    url: str
    title: str | None = None
    last_polled_at: dt.datetime | None = None
    last_error: str | None = None
    failures: int = 0
    next_poll_at: dt.datetime | None = None
    etag: str | None = None
    last_modified: str | None = None


def _sub(row: SubscriptionRow) -> Subscription:
    return Subscription(
        team_id=row.team_id,
        channel_id=row.channel_id,
        schedule=row.schedule,
        cron=row.cron,
        timezone=row.timezone,
        only_followed=bool(row.only_followed),
        keywords=tuple(row.keywords or ()),
        notify_empty=bool(row.notify_empty),
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
        last_digest_at=as_utc(row.last_digest_at),
        paused=bool(row.paused),
        flat=bool(row.flat),
    )


def _sub_query(team_id: str, channel_id: str) -> Select[SubscriptionRow]:
    return select(SubscriptionRow).where(
        SubscriptionRow.team_id == team_id, SubscriptionRow.channel_id == channel_id
    )


def _feed(row: FeedRow) -> Feed:
    return Feed(
        id=row.id,
        team_id=row.team_id,
        channel_id=row.channel_id,
        url=row.url,
        title=row.title,
        last_polled_at=as_utc(row.last_polled_at),
        last_error=row.last_error,
        failures=row.failures or 0,
        next_poll_at=as_utc(row.next_poll_at),
        etag=row.etag,
        last_modified=row.last_modified,
    )


class Channels:
    """Subscriptions, follows, feeds and processed events over a `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- subscriptions -----------------------------------------------------

    def subscribe(
        self,
        team_id: str,
        channel_id: str,
        *,
        schedule: str,
        cron: str,
        timezone: str,
        created_by: str | None = None,
        only_followed: bool = False,
        keywords: tuple[str, ...] = (),
        notify_empty: bool = False,
        flat: bool = False,
        paused: bool = False,
    ) -> tuple[Subscription, Subscription | None]:
        """Create or replace the channel's schedule and digest filters; returns
        (new, previous or None)."""
        with self.store.session() as s:
            row = s.scalar(_sub_query(team_id, channel_id))
            previous = _sub(row) if row is not None else None
            if row is None:
                row = SubscriptionRow(
                    team_id=team_id,
                    channel_id=channel_id,
                    created_at=utcnow(),
                    only_followed=False,
                    keywords=[],
                    notify_empty=False,
                )
                s.add(row)
            row.schedule = schedule
            row.cron = cron
            row.timezone = timezone
            row.created_by = created_by
            row.only_followed = only_followed
            row.keywords = list(keywords)
            row.notify_empty = notify_empty
            row.flat = flat
            row.paused = paused
            s.flush()
            return _sub(row), previous

    def unsubscribe(self, team_id: str, channel_id: str) -> Subscription | None:
        """Delete the channel's schedule; returns what was deleted, if anything."""
        with self.store.session() as s:
            row = s.scalar(_sub_query(team_id, channel_id))
            if row is None:
                return None
            sub = _sub(row)
            s.delete(row)
            return sub

    def pause(self, team_id: str, channel_id: str) -> Subscription | None:
        """Pause the channel's digest (the channel was archived or deleted, or the bot
        can no longer post there); the subscription as it was when this call paused
        it, or None when there is none or it was already paused: exactly one caller
        learns of each pause, so the subscriber is told once."""
        with self.store.session() as s:
            row = s.scalar(_sub_query(team_id, channel_id).with_for_update())
            if row is None or row.paused:
                return None
            before = _sub(row)
            row.paused = True
            return before

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None:
        with self.store.session() as s:
            row = s.scalar(_sub_query(team_id, channel_id))
            return _sub(row) if row is not None else None

    def subscriptions(self, team_id: str | None = None) -> list[Subscription]:
        """All subscriptions (of one workspace, when given), by channel."""
        with self.store.session() as s:
            q = select(SubscriptionRow).order_by(
                SubscriptionRow.team_id, SubscriptionRow.channel_id
            )
            if team_id is not None:
                q = q.where(SubscriptionRow.team_id == team_id)
            return [_sub(r) for r in s.scalars(q)]

    # -- follows -------------------------------------------------------------

    def follow(self, team_id: str, scope: Scope, scope_id: str, name: str) -> bool:
        """Follow `name`; False when it was already followed."""
        key = name_key(name)
        with self.store.session() as s:
            exists = s.scalar(
                select(FollowRow.id).where(
                    FollowRow.team_id == team_id,
                    FollowRow.scope == scope,
                    FollowRow.scope_id == scope_id,
                    FollowRow.official_key == key,
                )
            )
            if exists is not None:
                return False
            s.add(
                FollowRow(
                    team_id=team_id,
                    scope=scope,
                    scope_id=scope_id,
                    official_key=key,
                    official_name=name,
                    created_at=utcnow(),
                )
            )
        return True

    def unfollow(self, team_id: str, scope: Scope, scope_id: str, name: str) -> Follow | None:
        """Stop following `name` (matched by its folded key, or by surname when unique)."""
        key = name_key(name)
        with self.store.session() as s:
            rows = list(
                s.scalars(
                    select(FollowRow).where(
                        FollowRow.team_id == team_id,
                        FollowRow.scope == scope,
                        FollowRow.scope_id == scope_id,
                    )
                )
            )
            match = [r for r in rows if r.official_key == key]
            if not match:
                match = [r for r in rows if r.official_key.split(" ")[-1:] == key.split(" ")[-1:]]
            if len(match) != 1:
                return None
            row = match[0]
            gone = Follow(team_id, scope, scope_id, row.official_key, row.official_name)
            s.delete(row)
            return gone

    def follows(self, team_id: str, scope: Scope, scope_id: str) -> list[Follow]:
        with self.store.session() as s:
            rows = s.scalars(
                select(FollowRow)
                .where(
                    FollowRow.team_id == team_id,
                    FollowRow.scope == scope,
                    FollowRow.scope_id == scope_id,
                )
                .order_by(FollowRow.created_at, FollowRow.id)
            )
            return [
                Follow(r.team_id, scope, r.scope_id, r.official_key, r.official_name) for r in rows
            ]

    # -- feeds ---------------------------------------------------------------

    def add_feed(
        self, team_id: str, channel_id: str, url: str, *, added_by: str | None = None
    ) -> tuple[Feed, bool]:
        """Add a feed to the channel; (feed, False) when it was already there."""
        with self.store.session() as s:
            row = s.scalar(
                select(FeedRow).where(
                    FeedRow.team_id == team_id, FeedRow.channel_id == channel_id, FeedRow.url == url
                )
            )
            if row is not None:
                return _feed(row), False
            row = FeedRow(
                team_id=team_id,
                channel_id=channel_id,
                url=url,
                added_by=added_by,
                failures=0,
                created_at=utcnow(),
            )
            s.add(row)
            s.flush()
            return _feed(row), True

    def remove_feed(self, team_id: str, channel_id: str, url: str) -> bool:
        with self.store.session() as s:
            res = s.execute(
                delete(FeedRow).where(
                    FeedRow.team_id == team_id, FeedRow.channel_id == channel_id, FeedRow.url == url
                )
            )
            return bool(getattr(res, "rowcount", 0))

    def feeds(self, team_id: str | None = None, channel_id: str | None = None) -> list[Feed]:
        """Feeds of a channel, of a workspace, or all of them."""
        with self.store.session() as s:
            q = select(FeedRow).order_by(FeedRow.id)
            if team_id is not None:
                q = q.where(FeedRow.team_id == team_id)
            if channel_id is not None:
                q = q.where(FeedRow.channel_id == channel_id)
            return [_feed(r) for r in s.scalars(q)]

    def feed(self, feed_id: int) -> Feed | None:
        with self.store.session() as s:
            row = s.get(FeedRow, feed_id)
            return _feed(row) if row is not None else None

    def record_poll(
        self,
        feed_id: int,
        *,
        polled_at: dt.datetime,
        etag: str | None,
        last_modified: str | None,
        failures: int,
        error: str | None,
        next_poll_at: dt.datetime,
        title: str | None = None,
    ) -> bool:
        """Save what a poll learned (validators, failures, next try); False if the feed
        was removed meanwhile. The title is only set when the feed had none."""
        with self.store.session() as s:
            row = s.get(FeedRow, feed_id)
            if row is None:
                return False
            row.etag, row.last_modified = etag, last_modified
            row.last_polled_at = polled_at
            row.failures = failures
            row.last_error = error
            row.next_poll_at = next_poll_at
            if title and not row.title:
                row.title = title
            return True

    # -- events ----------------------------------------------------------------

    def seen_event(self, event_id: str) -> bool:
        """Record `event_id`; True if it had been recorded before (a retried delivery)."""
        try:
            with self.store.session() as s:
                if s.get(ProcessedEventRow, event_id) is not None:
                    return True
                s.add(ProcessedEventRow(event_id=event_id, received_at=utcnow()))
        except IntegrityError:  # a concurrent delivery of the same event won the insert
            return True
        return False

    def forget_event(self, event_id: str) -> None:
        """Un-record `event_id` (the work it guarded failed and may be tried again)."""
        with self.store.session() as s:
            s.execute(delete(ProcessedEventRow).where(ProcessedEventRow.event_id == event_id))

    def forget_events(self, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
        """Delete processed-event ids older than Slack's retry window; returns how many."""
        cutoff = utcnow() - older_than
        with self.store.session() as s:
            res = s.execute(delete(ProcessedEventRow).where(ProcessedEventRow.received_at < cutoff))
            return int(getattr(res, "rowcount", 0) or 0)


def article_id_for_url(store: Store, url: str) -> int | None:
    """The stored article with this URL (canonical or as given), if any."""
    keys = {canonical_url(url), url}
    with store.session() as s:
        found = s.scalar(select(ArticleRow.id).where(ArticleRow.key.in_(keys)).limit(1))
        if found is None:
            found = s.scalar(select(ArticleRow.id).where(ArticleRow.url.in_(keys)).limit(1))
        return int(found) if found is not None else None
