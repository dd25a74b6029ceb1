"""Subscriptions, follows, feeds and processed events (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefings.store import Store
from briefings.store.channels import Channels


@pytest.fixture
def channels(db_url: str) -> Iterator[Channels]:
    store = Store.open(db_url)
    try:
        yield Channels(store)
    finally:
        store.close()


def test_subscribe_replace_and_delete(channels: Channels) -> None:
    sub, prev = channels.subscribe(
        "T1",
        "C1",
        schedule="weekdays 08:00 Asia/Tokyo",
        cron="0 8 * * 1-5",
        timezone="Asia/Tokyo",
        created_by="U1",
    )
    assert prev is None and (sub.cron, sub.timezone) == ("0 8 * * 1-5", "Asia/Tokyo")
    sub2, prev2 = channels.subscribe(
        "T1", "C1", schedule="hourly", cron="0 * * * *", timezone="UTC"
    )
    assert prev2 is not None and prev2.cron == "0 8 * * 1-5" and sub2.cron == "0 * * * *"
    channels.subscribe("T1", "C2", schedule="hourly", cron="0 * * * *", timezone="UTC")
    channels.subscribe("T2", "C1", schedule="hourly", cron="0 * * * *", timezone="UTC")
    assert [s.channel_id for s in channels.subscriptions("T1")] == ["C1", "C2"]
    assert len(channels.subscriptions()) == 3
    gone = channels.unsubscribe("T1", "C1")
    assert gone is not None and gone.cron == "0 * * * *"
    assert channels.unsubscribe("T1", "C1") is None
    assert channels.subscription("T1", "C1") is None
    assert channels.subscription("T2", "C1") is not None


def test_follows_per_channel_and_user(channels: Channels) -> None:
    assert channels.follow("T1", "channel", "C1", "James Kelly")
    assert not channels.follow("T1", "channel", "C1", "james  KELLY")
    assert channels.follow("T1", "user", "U1", "James Kelly")
    assert channels.follow("T1", "channel", "C1", "Shinzo Abe")
    assert [f.name for f in channels.follows("T1", "channel", "C1")] == [
        "James Kelly",
        "Shinzo Abe",
    ]
    gone = channels.unfollow("T1", "channel", "C1", "Kelly")  # unique surname
    assert gone is not None and gone.name == "James Kelly"
    assert channels.unfollow("T1", "channel", "C1", "Kelly") is None
    assert [f.name for f in channels.follows("T1", "user", "U1")] == ["James Kelly"]


def test_feeds(channels: Channels) -> None:
    feed, added = channels.add_feed("T1", "C1", "https://news.example/rss", added_by="U1")
    assert added and feed.url == "https://news.example/rss"
    assert channels.add_feed("T1", "C1", "https://news.example/rss")[1] is False
    channels.add_feed("T1", "C2", "https://news.example/rss")
    assert len(channels.feeds("T1", "C1")) == 1 and len(channels.feeds()) == 2
    assert channels.remove_feed("T1", "C1", "https://news.example/rss")
    assert not channels.remove_feed("T1", "C1", "https://news.example/rss")
    assert len(channels.feeds()) == 1


def test_seen_event_once_even_when_concurrent(channels: Channels) -> None:
    assert channels.seen_event("Ev1") is False
    assert channels.seen_event("Ev1") is True
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: channels.seen_event("Ev2"), range(16)))
    assert results.count(False) == 1
    assert channels.forget_events() == 0
