"""A workspace as a whole: slack_sdk's installation tables made by the Alembic chain,
`forget_team` and `Channels.pause`, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, func, inspect, select

from briefings.store import Store
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels
from briefings.store.deliveries import Deliveries, mark_delivered
from briefings.store.queue import WorkQueue
from briefings.store.schema import ArticleRow, ArticleSourceRow
from briefings.store.teams import enterprise_of, forget_team, installed_teams
from briefings.store.visibility import Audience, Visibility
from tests.bot.scheduler.support import add_articles


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    st = Store.open(db_url)
    yield st
    st.close()


def _columns(table: object) -> dict[str, tuple[str, bool]]:
    return {c.name: (str(c.type), bool(c.nullable)) for c in table.columns}  # type: ignore[attr-defined]


def test_migrations_make_slack_sdks_tables_exactly(store: Store) -> None:
    """The migration mirrors slack_sdk's table definitions column for column, so its
    stores run on our schema (they never create tables themselves here)."""
    meta = MetaData()
    theirs = [
        SQLAlchemyInstallationStore.build_installations_table(meta, "slack_installations"),
        SQLAlchemyInstallationStore.build_bots_table(meta, "slack_bots"),
        SQLAlchemyOAuthStateStore.build_oauth_states_table(meta, "slack_oauth_states"),
    ]
    reflected = MetaData()
    reflected.reflect(store.engine, only=[t.name for t in theirs])
    for table in theirs:
        ours = reflected.tables[table.name]
        want = {n: (t.split("(")[0], nl) for n, (t, nl) in _columns(table).items()}
        got = {n: (t.split("(")[0], nl) for n, (t, nl) in _columns(ours).items()}
        # Types compared by family (SQLite reflects VARCHAR, PostgreSQL VARCHAR too;
        # DATETIME vs TIMESTAMP without a zone).
        got = {n: (t.replace("TIMESTAMP", "DATETIME"), nl) for n, (t, nl) in got.items()}
        want = {n: (t.replace("TIMESTAMP", "DATETIME"), nl) for n, (t, nl) in want.items()}
        assert got == want, table.name
    indexes = {i["name"] for i in inspect(store.engine).get_indexes("slack_installations")}
    assert "slack_installations_idx" in indexes


def _install(store: Store, team: str, enterprise: str | None = None) -> SQLAlchemyInstallationStore:
    st = SQLAlchemyInstallationStore(client_id="1.2", engine=store.engine)
    st.save(
        Installation(
            app_id="A1",
            enterprise_id=enterprise,
            team_id=team,
            user_id="U1",
            bot_token=f"xoxb-{team}",
            bot_id=f"B{team}",
            bot_user_id=f"UB{team}",
            bot_scopes=["chat:write"],
        )
    )
    return st


def test_slack_sdk_stores_work_on_the_migrated_tables(store: Store) -> None:
    st = _install(store, "T1")
    _install(store, "T2", enterprise="E1")
    bot = st.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == "xoxb-T1"
    assert installed_teams(store) == ["T1", "T2"]
    assert enterprise_of(store, "T2") == "E1" and enterprise_of(store, "T1") is None
    states = SQLAlchemyOAuthStateStore(expiration_seconds=60, engine=store.engine)
    state = states.issue()
    assert states.consume(state) and not states.consume(state)


def _fill(store: Store, team: str) -> int:
    """Every kind of per-workspace row for `team`; returns a stored article's id."""
    with store.session() as s:
        aid = s.scalar(select(func.max(ArticleRow.id)))
    channels = Channels(store)
    channels.subscribe(team, "C1", schedule="daily", cron="0 8 * * *", timezone="UTC")
    channels.follow(team, "channel", "C1", "James Kelly")
    channels.follow(team, "user", "U1", "James Kelly")
    feed, _ = channels.add_feed(team, "C1", f"http://127.0.0.1:9/{team}.xml")
    store.share(int(aid), Audience(team, "C1", feed.id))  # the feed brought it too
    alerts = Alerts(store)
    alerts.set_enabled(team, "U1", False)
    alerts.mute(team, "U1", "James Kelly")
    at = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    Deliveries(store).claim(team, "C1", "2026-12-01T08:00:00Z", [aid], at=at, by="w")
    mark_delivered(store, team, "C1", [aid])
    WorkQueue(store).enqueue("digest", f"digest:{team}:C1:2026-12-01T08:00:00Z", {"x": 1})
    _install(store, team)
    return int(aid)


def test_forget_team_deletes_only_that_workspace_and_keeps_articles(store: Store) -> None:
    add_articles(store, 1)
    aid = _fill(store, "T1")
    _fill(store, "T2")
    gone = forget_team(store, "T1")
    empty = {k for k, n in gone.counts.items() if n == 0}
    assert empty == {"alert_items"}, gone.counts  # _fill makes no pending alert
    channels = Channels(store)
    assert channels.subscriptions("T1") == [] and channels.feeds("T1") == []
    assert channels.follows("T1", "user", "U1") == []
    assert Alerts(store).muted("T1", "U1") == []
    assert installed_teams(store) == ["T2"]
    assert [s.team_id for s in channels.subscriptions()] == ["T2"]  # the other stays whole
    assert len(channels.follows("T2", "channel", "C1")) == 1
    assert store.count_articles() == 1  # the shared corpus stays
    with store.session() as s:
        teams = sorted(s.scalars(select(ArticleSourceRow.team_id).distinct()))
    assert teams == ["", "T2"]  # T1's record of what reached its channels is gone
    assert store.can_see(aid, Visibility.channel("T1", "C1"))  # shared: still everyone's
    assert forget_team(store, "T1").total == 0  # again: nothing left


def test_pause_tells_exactly_one_caller(store: Store) -> None:
    channels = Channels(store)
    assert channels.pause("T1", "C1") is None  # no subscription
    channels.subscribe(
        "T1", "C1", schedule="daily", cron="0 8 * * *", timezone="UTC", created_by="U1"
    )
    was = channels.pause("T1", "C1")
    assert was is not None and not was.paused and was.created_by == "U1"
    assert channels.pause("T1", "C1") is None
    now = channels.subscription("T1", "C1")
    assert now is not None and now.paused
