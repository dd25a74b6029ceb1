"""Alerts for followed officials: which newly stored articles name an official a user
follows (personally), and which of those a user's next alert DM carries.

The protocol, safe with several replicas:
- `scan` reads articles stored after a cursor (`store_state["alert_scan"]`) and
  records one pending item per (user, article) for users who follow an official the
  article names, unless alerts are off or that official is muted. The first scan only
  sets the cursor: the backlog never alerts anyone.
- `claim` takes a user's pending items for one DM, only if their previous DM was
  claimed at least `gap` ago. The claim is a conditional UPDATE of `last_sent_at`,
  so two claimants can never both win; the DM is sent after the claim commits, so a
  crash between the two loses that DM rather than sending it twice.

Walls: a user is alerted only about articles they may see. The scan runs on the
leader with no Slack call per user, so "the channels a user is in" is what the
bot's own records say: the channels where the user added a feed or made the
digest subscription. Articles of any other channel never alert them (the channel's
digest carries them); the shared corpus and their workspace's workspace-wide feeds
do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..people import name_key
from .repository import Store
from .schema import (
    AlertItemRow,
    AlertMuteRow,
    AlertPrefRow,
    ArticleOfficialRow,
    ArticleRow,
    ArticleSourceRow,
    FeedRow,
    FollowRow,
    OfficialRow,
    StoreStateRow,
    SubscriptionRow,
)

SCAN_CURSOR = "alert_scan"
MAX_SCAN = 500  # articles per scan; the next scan continues from the cursor
MAX_ITEMS = 20  # items listed in one DM; the rest wait for the next one


@dataclass(frozen=True, slots=True)
class AlertItem:
    """One article for a user's alert DM, with the followed officials it names."""

    id: int
    article_id: int
    title: str
    url: str | None
    officials: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Recipient:
    team_id: str
    user_id: str


class Alerts:
    """Alert preferences, mutes and pending items over a `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- preferences --------------------------------------------------------------

    def set_enabled(self, team_id: str, user_id: str, enabled: bool) -> bool:
        """Turn a user's alerts on or off; returns whether that changed anything."""
        with self.store.session() as s:
            row = s.get(AlertPrefRow, (team_id, user_id))
            if row is None:
                s.add(AlertPrefRow(team_id=team_id, user_id=user_id, enabled=enabled))
                changed = not enabled
            else:
                changed = bool(row.enabled) != enabled
                row.enabled = enabled
            if not enabled:  # nothing pending survives "alerts off"
                s.execute(
                    delete(AlertItemRow).where(
                        AlertItemRow.team_id == team_id,
                        AlertItemRow.user_id == user_id,
                        AlertItemRow.batch_at.is_(None),
                    )
                )
            return changed

    def enabled(self, team_id: str, user_id: str) -> bool:
        with self.store.session() as s:
            row = s.get(AlertPrefRow, (team_id, user_id))
            return True if row is None else bool(row.enabled)

    def mute(self, team_id: str, user_id: str, name: str) -> bool:
        """No alerts about `name` for this user; False when it was already muted."""
        key = name_key(name)
        with self.store.session() as s:
            if s.get(AlertMuteRow, (team_id, user_id, key)) is not None:
                return False
            s.add(
                AlertMuteRow(team_id=team_id, user_id=user_id, official_key=key, official_name=name)
            )
        return True

    def unmute(self, team_id: str, user_id: str, name: str) -> bool:
        with self.store.session() as s:
            gone = s.execute(
                delete(AlertMuteRow).where(
                    AlertMuteRow.team_id == team_id,
                    AlertMuteRow.user_id == user_id,
                    AlertMuteRow.official_key == name_key(name),
                )
            )
            return bool(gone.rowcount)  # type: ignore[attr-defined]

    def muted(self, team_id: str, user_id: str) -> list[str]:
        with self.store.session() as s:
            rows = s.scalars(
                select(AlertMuteRow.official_name)
                .where(AlertMuteRow.team_id == team_id, AlertMuteRow.user_id == user_id)
                .order_by(AlertMuteRow.official_name)
            )
            return list(rows)

    # -- scanning new articles --------------------------------------------------------

    def _start_cursor(self) -> bool:
        """On the very first scan, start the cursor at the newest article (the backlog
        alerts nobody); True when this call started it."""
        try:
            with self.store.session() as s:
                if s.get(StoreStateRow, SCAN_CURSOR) is not None:
                    return False
                newest = s.scalar(select(func.max(ArticleRow.id))) or 0
                s.add(StoreStateRow(name=SCAN_CURSOR, value=newest))
        except IntegrityError:
            return False  # another replica started it first
        return True

    def scan(self, *, limit: int = MAX_SCAN) -> int:
        """Record pending items for articles stored since the last scan; returns how
        many items were recorded."""
        if self._start_cursor():
            return 0
        with self.store.session() as s:
            state = s.get(StoreStateRow, SCAN_CURSOR)
            cursor = state.value if state is not None else 0
            ids = list(
                s.scalars(
                    select(ArticleRow.id)
                    .where(ArticleRow.id > cursor)
                    .order_by(ArticleRow.id)
                    .limit(limit)
                )
            )
            if not ids:
                return 0
            # Move the cursor first, conditionally: a concurrent scan of the same range
            # makes this UPDATE match no row, and this scan then records nothing.
            moved = s.execute(
                update(StoreStateRow)
                .where(StoreStateRow.name == SCAN_CURSOR, StoreStateRow.value == cursor)
                .values(value=ids[-1])
            )
            if not moved.rowcount:  # type: ignore[attr-defined]
                return 0
            named: dict[int, dict[str, str]] = {}
            for aid, key, name in s.execute(
                select(ArticleOfficialRow.article_id, OfficialRow.key, OfficialRow.name)
                .join(OfficialRow, OfficialRow.id == ArticleOfficialRow.official_id)
                .where(ArticleOfficialRow.article_id.in_(ids))
            ):
                keys = named.setdefault(aid, {})
                keys[key] = name
                keys.setdefault(name_key(name), name)
            if not named:
                return 0
            follows = s.execute(
                select(FollowRow.team_id, FollowRow.scope_id, FollowRow.official_key).where(
                    FollowRow.scope == "user"
                )
            ).all()
            off = {
                (t, u)
                for t, u in s.execute(
                    select(AlertPrefRow.team_id, AlertPrefRow.user_id).where(
                        AlertPrefRow.enabled.is_(False)
                    )
                )
            }
            mutes = set(
                s.execute(
                    select(AlertMuteRow.team_id, AlertMuteRow.user_id, AlertMuteRow.official_key)
                ).all()
            )
            places: dict[int, set[tuple[str, str]]] = {}
            for aid, team, channel in s.execute(
                select(
                    ArticleSourceRow.article_id,
                    ArticleSourceRow.team_id,
                    ArticleSourceRow.channel_id,
                ).where(ArticleSourceRow.article_id.in_(list(named)))
            ):
                places.setdefault(aid, set()).add((team, channel))
            mine = _users_channels(s, {(t, u) for t, u, _ in follows})

            def sees(team: str, user: str, aid: int) -> bool:
                own = mine.get((team, user), set())
                return any(
                    t == "" or (t == team and (c == "" or c in own)) for t, c in places.get(aid, ())
                )

            items: dict[tuple[str, str, int], list[list[str]]] = {}
            for team, user, key in follows:
                if (team, user) in off or (team, user, key) in mutes:
                    continue
                for aid, keys in named.items():
                    if key in keys and sees(team, user, aid):
                        items.setdefault((team, user, aid), []).append([key, keys[key]])
            now = utcnow()
            for (team, user, aid), officials in items.items():
                s.add(
                    AlertItemRow(
                        team_id=team,
                        user_id=user,
                        article_id=aid,
                        officials=officials,
                        created_at=now,
                    )
                )
                if s.get(AlertPrefRow, (team, user)) is None:
                    s.add(AlertPrefRow(team_id=team, user_id=user, enabled=True))
            return len(items)

    # -- claiming a DM --------------------------------------------------------------------

    def due(self, now: dt.datetime, gap: dt.timedelta) -> list[Recipient]:
        """Users with pending items whose last DM was claimed at least `gap` ago."""
        with self.store.session() as s:
            rows = s.execute(
                select(AlertItemRow.team_id, AlertItemRow.user_id)
                .join(
                    AlertPrefRow,
                    and_(
                        AlertPrefRow.team_id == AlertItemRow.team_id,
                        AlertPrefRow.user_id == AlertItemRow.user_id,
                    ),
                )
                .where(
                    AlertItemRow.batch_at.is_(None),
                    AlertPrefRow.enabled.is_(True),
                    or_(
                        AlertPrefRow.last_sent_at.is_(None), AlertPrefRow.last_sent_at <= now - gap
                    ),
                )
                .distinct()
            ).all()
        return [Recipient(t, u) for t, u in rows]

    def claim(
        self, team_id: str, user_id: str, now: dt.datetime, gap: dt.timedelta
    ) -> list[AlertItem]:
        """The user's pending items for one DM (empty when not due, muted away, or
        claimed by someone else); they are marked as sent in the same transaction."""
        with self.store.session() as s:
            won = s.execute(
                update(AlertPrefRow)
                .where(
                    AlertPrefRow.team_id == team_id,
                    AlertPrefRow.user_id == user_id,
                    AlertPrefRow.enabled.is_(True),
                    or_(
                        AlertPrefRow.last_sent_at.is_(None), AlertPrefRow.last_sent_at <= now - gap
                    ),
                )
                .values(last_sent_at=now)
            )
            if not won.rowcount:  # type: ignore[attr-defined]
                return []
            mutes = set(
                s.scalars(
                    select(AlertMuteRow.official_key).where(
                        AlertMuteRow.team_id == team_id, AlertMuteRow.user_id == user_id
                    )
                )
            )
            rows = s.execute(
                select(AlertItemRow, ArticleRow.title, ArticleRow.url)
                .join(ArticleRow, ArticleRow.id == AlertItemRow.article_id)
                .where(
                    AlertItemRow.team_id == team_id,
                    AlertItemRow.user_id == user_id,
                    AlertItemRow.batch_at.is_(None),
                )
                .order_by(AlertItemRow.article_id)
                .limit(MAX_ITEMS * 5)
            ).all()
            out: list[AlertItem] = []
            for row, title, url in rows:
                names = tuple(n for k, n in row.officials if k not in mutes)
                row.batch_at = now  # claimed: muted ones are dropped, not kept for later
                if names and len(out) < MAX_ITEMS:
                    out.append(AlertItem(row.id, row.article_id, title, url, names))
                elif names:
                    row.batch_at = None  # over the limit: the next DM lists it
            if not out:
                # Nothing left after mutes: give the slot back, no DM was sent.
                s.execute(
                    update(AlertPrefRow)
                    .where(AlertPrefRow.team_id == team_id, AlertPrefRow.user_id == user_id)
                    .values(last_sent_at=None)
                )
            return out

    def pending(self, team_id: str, user_id: str) -> int:
        with self.store.session() as s:
            n = s.scalar(
                select(func.count(AlertItemRow.id)).where(
                    AlertItemRow.team_id == team_id,
                    AlertItemRow.user_id == user_id,
                    AlertItemRow.batch_at.is_(None),
                )
            )
            return int(n or 0)


def _users_channels(s: Session, users: set[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """(team, user) -> the channels where the user added a feed or subscribed."""
    out: dict[tuple[str, str], set[str]] = {}
    if not users:
        return out
    ids = sorted({u for _, u in users})
    for team, user, channel in s.execute(
        select(FeedRow.team_id, FeedRow.added_by, FeedRow.channel_id).where(
            FeedRow.added_by.in_(ids)
        )
    ):
        if (team, user) in users and channel:
            out.setdefault((team, str(user)), set()).add(channel)
    for team, user, channel in s.execute(
        select(
            SubscriptionRow.team_id, SubscriptionRow.created_by, SubscriptionRow.channel_id
        ).where(SubscriptionRow.created_by.in_(ids))
    ):
        if (team, user) in users:
            out.setdefault((team, str(user)), set()).add(channel)
    return out
