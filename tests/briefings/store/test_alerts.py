"""Alert items for followed officials (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefings.store import Store
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels
from tests.briefings.factories import article, meeting_extraction

GAP = dt.timedelta(minutes=30)
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()


def _save(store: Store, ident: str, *people: str) -> int:
    art = article(ident, f"{' and '.join(people)} met in Rome on Monday ({ident}).")
    _, aid = store.save(art, meeting_extraction(art, [(p, None) for p in people]))
    return aid


def test_backlog_never_alerts_then_new_articles_batch_into_one_claim(store: Store) -> None:
    _save(store, "old", "Jack Straw", "Kamal Kharrazi")
    Channels(store).follow("T", "user", "U1", "Jack Straw")
    alerts = Alerts(store)
    assert alerts.scan() == 0  # first scan: the cursor starts at the newest article
    assert alerts.due(T0, GAP) == []
    a1 = _save(store, "new1", "Jack Straw", "Colin Powell")
    a2 = _save(store, "new2", "Jack Straw", "Dominique de Villepin")
    _save(store, "other", "Colin Powell", "Igor Ivanov")  # names nobody U1 follows
    assert alerts.scan() == 2
    assert alerts.scan() == 0  # the cursor moved
    (who,) = alerts.due(T0, GAP)
    items = alerts.claim(who.team_id, who.user_id, T0, GAP)
    assert [i.article_id for i in items] == [a1, a2]
    assert all(i.officials == ("Jack Straw",) for i in items)
    # Within 30 minutes: nothing more is claimed, even with a new article pending.
    a3 = _save(store, "new3", "Jack Straw", "Igor Ivanov")
    alerts.scan()
    assert alerts.claim("T", "U1", T0 + dt.timedelta(minutes=10), GAP) == []
    assert alerts.due(T0 + dt.timedelta(minutes=10), GAP) == []
    later = alerts.claim("T", "U1", T0 + GAP, GAP)
    assert [i.article_id for i in later] == [a3]


def test_mute_and_alerts_off(store: Store) -> None:
    Channels(store).follow("T", "user", "U1", "Jack Straw")
    Channels(store).follow("T", "user", "U1", "Colin Powell")
    alerts = Alerts(store)
    alerts.scan()
    assert alerts.mute("T", "U1", "Jack Straw") and not alerts.mute("T", "U1", "Jack Straw")
    _save(store, "s1", "Jack Straw", "Igor Ivanov")
    p1 = _save(store, "p1", "Colin Powell", "Igor Ivanov")
    alerts.scan()
    items = alerts.claim("T", "U1", T0, GAP)
    assert [i.article_id for i in items] == [p1]  # the muted official's article is not listed
    # Muted after an item was recorded: dropped at claim time, no DM claimed for it.
    _save(store, "s2", "Jack Straw", "Kamal Kharrazi")
    assert alerts.unmute("T", "U1", "Jack Straw")
    alerts.scan()
    alerts.mute("T", "U1", "Jack Straw")
    assert alerts.claim("T", "U1", T0 + GAP, GAP) == []
    assert alerts.due(T0 + GAP, GAP) == []  # nothing pending, the slot was given back
    # Alerts off: nothing recorded, nothing pending.
    alerts.set_enabled("T", "U1", False)
    _save(store, "p2", "Colin Powell", "Kamal Kharrazi")
    assert alerts.scan() == 0 and alerts.pending("T", "U1") == 0
    alerts.set_enabled("T", "U1", True)
    p3 = _save(store, "p3", "Colin Powell", "Jack Straw")
    alerts.scan()
    (item,) = alerts.claim("T", "U1", T0 + 3 * GAP, GAP)
    assert item.article_id == p3 and item.officials == ("Colin Powell",)


def test_concurrent_claims_give_one_dm(store: Store) -> None:
    Channels(store).follow("T", "user", "U1", "Jack Straw")
    alerts = Alerts(store)
    alerts.scan()
    for i in range(3):
        _save(store, f"c{i}", "Jack Straw", "Igor Ivanov")
    alerts.scan()
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: alerts.claim("T", "U1", T0, GAP), range(4)))
    assert sorted(len(g) for g in got) == [0, 0, 0, 3]
