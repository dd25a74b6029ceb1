"""The store's walls: where articles came from, what an asker may see, the migration
from the schema before them, and alerts (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select

from briefings.dossier import Dossier, Unknown, lookup
from briefings.store import Store
from briefings.store import queries as q
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels
from briefings.store.engine import alembic_config, make_engine
from briefings.store.schema import ArticleRow, ArticleSourceRow, FeedRow, SubscriptionRow
from briefings.store.visibility import EVERYTHING, SHARED, Audience, Visibility
from tests.briefings.factories import article, meeting_extraction

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
A = Audience("T1", "CA", 1)  # channel A's feed
B_VIS = Visibility.channel("T1", "CB")
A_VIS = Visibility.channel("T1", "CA")
OTHER_TEAM = Visibility.channel("T2", "CA")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()


def _save(store: Store, ident: str, audience: Audience, *people: str) -> int:
    art = article(ident, f"{' and '.join(people)} met in Rome on Monday ({ident}).")
    _, aid = store.save(art, meeting_extraction(art, [(p, None) for p in people]), audience)
    return aid


def test_visibility_places() -> None:
    assert SHARED.is_shared and not A.is_shared
    assert Visibility().places() == [("", "")]
    assert A_VIS.places() == [("", ""), ("T1", ""), ("T1", "CA")]
    assert A_VIS.admits("T1", "") and not A_VIS.admits("T1", "CB")
    assert not OTHER_TEAM.admits("T1", "CA")
    assert EVERYTHING.admits("T9", "C9")


def test_an_article_is_stored_once_and_seen_by_every_place_that_brought_it(store: Store) -> None:
    shared = _save(store, "s", SHARED, "Jack Straw", "Kamal Kharrazi")
    mine = _save(store, "a", A, "Ingrid Solberg", "Mateo Fuentes")
    assert store.can_see(shared, B_VIS) and store.can_see(shared, OTHER_TEAM)
    assert store.can_see(mine, A_VIS)
    assert not store.can_see(mine, B_VIS) and not store.can_see(mine, OTHER_TEAM)
    assert store.can_see(mine, EVERYTHING)

    # The same article through channel B's feed: one row, two places.
    _save(store, "a", Audience("T1", "CB", 2), "Ingrid Solberg", "Mateo Fuentes")
    assert store.count_articles() == 2
    assert store.can_see(mine, B_VIS) and not store.can_see(mine, OTHER_TEAM)

    # Workspace-wide: every channel of T1, no channel of T2.
    team_wide = _save(store, "w", Audience("T1", ""), "Duarte Lopes", "Karim Bennani")
    assert store.can_see(team_wide, Visibility.channel("T1", "CZ"))
    assert not store.can_see(team_wide, OTHER_TEAM)

    ids = [i for i, _, _ in store.latest(10, visibility=OTHER_TEAM)]
    assert ids == [shared]


def test_dossier_never_names_an_official_the_asker_cannot_see(store: Store) -> None:
    _save(store, "s", SHARED, "Jack Straw", "Kamal Kharrazi")
    _save(store, "a", A, "Ingrid Solberg", "Mateo Fuentes")
    _save(store, "a2", A, "Jack Straw", "Ingrid Solberg")
    assert isinstance(lookup(store, "Ingrid Solberg", A_VIS), Dossier)
    for query in ("Ingrid Solberg", "Solberg", "Solbreg", "Fuentes"):
        found = lookup(store, query, B_VIS)
        assert isinstance(found, Unknown), found
        assert all("Solberg" not in r.name for r in found.suggestions)
    # An official seen in both: only the visible articles count, and only their facts.
    straw_b = lookup(store, "Jack Straw", B_VIS)
    straw_a = lookup(store, "Jack Straw", A_VIS)
    assert isinstance(straw_b, Dossier) and isinstance(straw_a, Dossier)
    assert straw_b.articles == 1 and straw_a.articles == 2
    assert all("Solberg" not in " ".join(f.others) for f in straw_b.meetings)
    assert any("Solberg" in " ".join(f.others) for f in straw_a.meetings)
    oid = straw_b.official.id
    assert q.visible_officials(store, [oid], OTHER_TEAM) == {oid}


def test_a_channel_digest_reads_only_what_it_may_see(store: Store) -> None:
    shared = _save(store, "s", SHARED, "Jack Straw", "Kamal Kharrazi")
    mine = _save(store, "a", A, "Ingrid Solberg", "Mateo Fuentes")
    for team, channel, want in (("T1", "CA", {shared, mine}), ("T1", "CB", {shared})):
        got = q.new_articles(store, team_id=team, channel_id=channel, since=None, limit=10)
        assert {a.info.id for a in got} == want
    got = q.new_articles(store, team_id="T2", channel_id="CA", since=None, limit=10)
    assert {a.info.id for a in got} == {shared}


def test_alerts_respect_the_walls(store: Store) -> None:
    ch = Channels(store)
    alerts = Alerts(store)
    alerts.scan()  # starts the cursor
    feed, _ = ch.add_feed("T1", "CA", "https://news.example/a.xml", added_by="UADDER")
    for user in ("UADDER", "UOTHER"):
        ch.follow("T1", "user", user, "Ingrid Solberg")
    ch.follow("T2", "user", "UADDER", "Ingrid Solberg")
    _save(store, "a", Audience("T1", "CA", feed.id), "Ingrid Solberg", "Mateo Fuentes")
    assert alerts.scan() == 1
    assert alerts.pending("T1", "UADDER") == 1
    assert alerts.pending("T1", "UOTHER") == 0  # not known to be in channel A
    assert alerts.pending("T2", "UADDER") == 0  # another workspace
    _save(store, "s", SHARED, "Ingrid Solberg", "Jack Straw")
    assert alerts.scan() == 3  # the shared corpus alerts everyone who follows her


def test_migration_keeps_existing_data_and_makes_it_shared_or_its_channels(db_url: str) -> None:
    from alembic import command

    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0016_fact_confidence")  # the schema before the walls
    now = T0
    feed_url = "https://news.example/feed.xml"
    with engine.begin() as conn:
        conn.execute(
            insert(FeedRow.__table__),
            [
                {"id": 7, "team_id": "T1", "channel_id": "CA", "url": feed_url,
                 "failures": 0, "created_at": now},
                {"id": 8, "team_id": "", "channel_id": "", "url": "https://cli.example/f",
                 "failures": 0, "created_at": now},
            ],
        )  # fmt: skip
        base = {"text_hash": "h", "text": "t", "words": 1, "ingested_at": now, "updated_at": now}
        conn.execute(
            insert(ArticleRow.__table__),
            [
                {**base, "id": 1, "key": "https://a.example/1", "title": "one",
                 "origin": "https://a.example/1"},
                {**base, "id": 2, "key": "sha256:2", "title": "two",
                 "origin": f"{feed_url}#entry-3"},
                {**base, "id": 3, "key": "sha256:3", "title": "three",
                 "origin": "https://cli.example/f#entry-1"},
            ],
        )  # fmt: skip
        conn.execute(
            insert(SubscriptionRow.__table__),
            [{"team_id": "T1", "channel_id": "CA", "schedule": "daily 08:00", "cron": "0 8 * * *",
              "timezone": "UTC", "only_followed": False, "keywords": [], "notify_empty": False,
              "created_at": now, "paused": False, "flat": False}],
        )  # fmt: skip
    engine.dispose()

    store = Store.open(db_url)  # migrates to the head
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(
                    ArticleSourceRow.article_id,
                    ArticleSourceRow.team_id,
                    ArticleSourceRow.channel_id,
                    ArticleSourceRow.feed_id,
                ).order_by(ArticleSourceRow.article_id)
            ).all()
        assert [tuple(r) for r in rows] == [
            (1, "", "", 0),  # untraceable: shared, as every channel saw it before
            (2, "T1", "CA", 7),  # a link-less entry of channel A's feed: A's
            (3, "", "", 0),  # a CLI feed's entry: shared
        ]
        assert store.can_see(2, A_VIS) and not store.can_see(2, B_VIS)
        sub = Channels(store).subscription("T1", "CA")
        assert sub is not None and sub.schedule == "daily 08:00"
        assert [f.url for f in Channels(store).feeds("T1", "CA")] == [feed_url]
    finally:
        store.close()
