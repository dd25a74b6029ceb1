"""Claims and records of posted digest parts, and delivered stories: the store's
side of exactly-once delivery (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from briefings.store import Store
from briefings.store.channels import Channels
from briefings.store.deliveries import Deliveries, mark_delivered, part_index, part_key, slot_key
from tests.bot.scheduler.support import add_articles

T0 = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()


def test_slot_keys() -> None:
    base = slot_key(T0.astimezone(dt.timezone(dt.timedelta(hours=9))))
    assert base == "2026-11-27T08:00:00Z"
    assert [part_key(base, i) for i in (1, 2)] == [base, base + "#2"]
    assert [part_index(part_key(base, i)) for i in (1, 2, 11)] == [1, 2, 11]


def test_a_slot_is_claimed_once_and_recorded_with_its_stories(store: Store) -> None:
    ids = add_articles(store, 3)
    rows = Deliveries(store)
    base = slot_key(T0)
    assert rows.claim("T", "C", base, ids[:2], at=T0, by="w1")
    assert not rows.claim("T", "C", base, ids[:2], at=T0, by="w2")  # the unique key
    assert rows.claim("T", "C", part_key(base, 2), ids[2:], at=T0, by="w1")
    assert rows.claim("T", "C2", base, ids, at=T0, by="w1")  # another channel
    parts = rows.parts("T", "C", base)
    assert [p.slot for p in parts] == [base, base + "#2"]
    assert parts[0].ts is None and parts[0].claimed_by == "w1"
    assert parts[0].article_ids == tuple(ids[:2])

    rows.record("T", "C", base, "111.1", ids[:2], at=T0)
    assert rows.parts("T", "C", base)[0].ts == "111.1"
    # The recorded stories count as delivered: marking them again adds nothing.
    assert mark_delivered(store, "T", "C", ids) == 1


def test_release_touch_and_take_over_only_touch_unposted_claims(store: Store) -> None:
    rows = Deliveries(store)
    base = slot_key(T0)
    rows.claim("T", "C", base, [], at=T0, by="w1")
    later = T0 + dt.timedelta(minutes=5)
    rows.touch("T", "C", base, at=later)
    part = rows.parts("T", "C", base)[0]
    assert part.claimed_at == later
    assert rows.take_over(part, [], at=later + dt.timedelta(seconds=1), by="w2 [repost]")
    assert not rows.take_over(part, [], at=later, by="w3")  # its claim time moved on
    rows.record("T", "C", base, "222.2", [], at=later)
    rows.release("T", "C", base)  # posted: not released
    assert rows.parts("T", "C", base)[0].ts == "222.2"


def test_complete_never_moves_backwards(store: Store) -> None:
    ch = Channels(store)
    ch.subscribe("T", "C", schedule="daily", cron="0 8 * * *", timezone="UTC")
    rows = Deliveries(store)
    rows.complete("T", "C", T0)
    rows.complete("T", "C", T0 - dt.timedelta(days=1))
    sub = ch.subscription("T", "C")
    assert sub is not None and sub.last_digest_at == T0


def test_unknown_articles_are_not_marked_delivered(store: Store) -> None:
    ids = add_articles(store, 1)
    assert mark_delivered(store, "T", "C", [*ids, 10_000]) == 1
    assert mark_delivered(store, "T", "C", []) == 0
