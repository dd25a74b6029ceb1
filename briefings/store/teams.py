"""A workspace as a whole: its installation (OAuth mode) and forgetting it on uninstall.

`forget_team` deletes everything the bot keeps about one workspace in one transaction:
subscriptions, follows, feeds, alert preferences/mutes/pending items, posted-message
records, delivered-story records, the records of which articles reached its channels
(`article_sources`), its queued digests and its installation rows. Articles and their
facts stay stored: the shared corpus is every workspace's, and an article only the
workspace's feeds brought stays stored but is seen by no channel any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, and_, delete, desc, select

from .repository import Store
from .schema import (
    AlertItemRow,
    AlertMuteRow,
    AlertPrefRow,
    ArticleSourceRow,
    DeliveredArticleRow,
    FeedRow,
    FollowRow,
    PostedMessageRow,
    SubscriptionRow,
    WorkItemRow,
    slack_bots,
    slack_installations,
)


@dataclass(frozen=True, slots=True)
class Forgotten:
    """How many rows of each kind `forget_team` deleted."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _install_rows(
    table: Table, team_id: str | None, enterprise_id: str | None
) -> ColumnElement[bool]:
    """An org-wide install (no team) is keyed by its enterprise; a workspace by its team
    (and enterprise, when Slack sent one)."""
    if team_id is None:
        return and_(table.c.enterprise_id == enterprise_id, table.c.team_id.is_(None))
    cond = table.c.team_id == team_id
    if enterprise_id is not None:
        cond = and_(cond, table.c.enterprise_id == enterprise_id)
    return cond


def forget_team(store: Store, team_id: str | None, enterprise_id: str | None = None) -> Forgotten:
    """Delete the workspace's rows (see the module doc); returns the counts per table."""
    counts: dict[str, int] = {}
    with store.session() as s:

        def gone(name: str, stmt: object) -> None:
            res = s.execute(stmt)  # type: ignore[call-overload]
            counts[name] = int(getattr(res, "rowcount", 0) or 0)

        if team_id is not None:
            for name, row in (
                ("subscriptions", SubscriptionRow),
                ("follows", FollowRow),
                ("feeds", FeedRow),
                ("alert_prefs", AlertPrefRow),
                ("alert_mutes", AlertMuteRow),
                ("alert_items", AlertItemRow),
                ("posted_messages", PostedMessageRow),
                ("delivered_articles", DeliveredArticleRow),
                ("article_sources", ArticleSourceRow),
            ):
                gone(name, delete(row).where(row.team_id == team_id))
            gone(
                "work_items",
                delete(WorkItemRow).where(
                    WorkItemRow.key.startswith(f"digest:{team_id}:", autoescape=True)
                ),
            )
        for table in (slack_installations, slack_bots):
            gone(table.name, delete(table).where(_install_rows(table, team_id, enterprise_id)))
    return Forgotten(counts)


def forget_installation(store: Store, team_id: str | None, enterprise_id: str | None) -> int:
    """Delete the workspace's installation rows (its tokens); returns how many."""
    n = 0
    with store.session() as s:
        for table in (slack_installations, slack_bots):
            res = s.execute(delete(table).where(_install_rows(table, team_id, enterprise_id)))
            n += int(getattr(res, "rowcount", 0) or 0)
    return n


def enterprise_of(store: Store, team_id: str) -> str | None:
    """The enterprise id the workspace was last installed under (Enterprise Grid), if any:
    scheduled posts know only the team, slack_sdk's store wants both."""
    with store.session() as s:
        found = s.scalar(
            select(slack_bots.c.enterprise_id)
            .where(slack_bots.c.team_id == team_id)
            .order_by(desc(slack_bots.c.installed_at), desc(slack_bots.c.id))
            .limit(1)
        )
        return str(found) if found else None


def installed_teams(store: Store) -> list[str]:
    """Workspaces with a bot installation (OAuth mode), sorted."""
    with store.session() as s:
        rows = s.scalars(select(slack_bots.c.team_id).where(slack_bots.c.team_id.is_not(None)))
        return sorted({str(r) for r in rows})
