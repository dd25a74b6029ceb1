"""Exactly-once digest posting against the fake Slack (a real HTTP server)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import select

from bot.scheduler.delivery import (
    DigestDelivery,
    InProgress,
    Outcome,
    PostRejected,
    slot_key,
)
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.slackpost import SlackPoster, make_client
from briefings.store import Store
from briefings.store.schema import DeliveredArticleRow, PostedMessageRow, SubscriptionRow
from tests.fakes import BOT_TOKEN

from .support import T0, Clock, SchedulerFakeSlack, add_articles, subscribe


class Crash(BaseException):
    """The process 'dies' here (BaseException: nothing in the delivery catches it)."""


class CrashingPoster(SlackPoster):
    def __init__(self, client: Any, when: str) -> None:
        super().__init__(client)
        self.when = when

    def post(
        self,
        channel: str,
        text: str,
        blocks: Sequence[dict[str, Any]],
        *,
        marker: str,
        thread_ts: str | None = None,
    ) -> str:
        if self.when == "before":
            raise Crash()
        super().post(channel, text, blocks, marker=marker, thread_ts=thread_ts)
        raise Crash()


def _delivery(
    store: Store, slack: SchedulerFakeSlack, clock: Clock, *, worker: str = "w1", poster: Any = None
) -> DigestDelivery:
    poster = poster or SlackPoster(make_client(BOT_TOKEN, slack.api_url))
    return DigestDelivery(
        store,
        poster,
        RateLimiter(600),
        worker_id=worker,
        clock=clock,
        stale_after=120,
    )


def _delivered(store: Store, channel: str) -> set[int]:
    with store.session() as s:
        return set(
            s.scalars(
                select(DeliveredArticleRow.article_id).where(
                    DeliveredArticleRow.channel_id == channel
                )
            )
        )


def test_posts_once_and_never_repeats_a_story(store: Store, slack: SchedulerFakeSlack) -> None:
    clock = Clock(T0 + dt.timedelta(seconds=1))
    first = add_articles(store, 3)
    subscribe(store, "C1")
    d = _delivery(store, slack, clock)
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.ALREADY
    assert slack.digest_slots() == [("C1", slot_key(T0))]
    assert _delivered(store, "C1") == set(first)
    # Next day: nothing new -> nothing posted; then two new stories -> only those.
    day2 = T0 + dt.timedelta(days=1)
    clock.set(day2)
    assert d.deliver("T0FAKE", "C1", day2) is Outcome.EMPTY
    new = add_articles(store, 2, prefix="b")
    day3 = T0 + dt.timedelta(days=2)
    clock.set(day3)
    assert d.deliver("T0FAKE", "C1", day3) is Outcome.POSTED
    text = slack.posts("C1")[-1].params["text"]
    assert "B talks" in text and "A talks" not in text
    assert _delivered(store, "C1") == set(first) | set(new)
    with store.session() as s:
        rows = s.scalars(select(PostedMessageRow).order_by(PostedMessageRow.id)).all()
        assert [r.ts is not None for r in rows] == [True, True]
        last = s.scalar(select(SubscriptionRow.last_digest_at))
    assert last is not None and last.replace(tzinfo=dt.UTC) == day3


def test_long_digest_is_split_and_paced(store: Store, slack: SchedulerFakeSlack) -> None:
    add_articles(store, 15)
    subscribe(store, "C1")
    slack.channel_interval = 1.0
    d = _delivery(store, slack, Clock(T0))
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert slack.digest_slots() == [("C1", slot_key(T0)), ("C1", slot_key(T0) + "#2")]
    assert slack.rate_limited == 0
    assert min(slack.attempt_gaps("C1")) >= 0.95


@pytest.mark.parametrize("notify_empty", [False, True], ids=["quiet", "always"])
@pytest.mark.parametrize("when", ["before", "after"])
def test_crash_between_claim_and_record_posts_once(
    store: Store, slack: SchedulerFakeSlack, when: str, notify_empty: bool
) -> None:
    """With `notify_empty` too: the part found in the history is the digest, and its
    stories are now delivered; no "nothing new" message may follow it in that slot."""
    add_articles(store, 3)
    subscribe(store, "C1", notify_empty=notify_empty)
    clock = Clock(T0)
    client = make_client(BOT_TOKEN, slack.api_url)
    with pytest.raises(Crash):
        _delivery(store, slack, clock, poster=CrashingPoster(client, when)).deliver(
            "T0FAKE", "C1", T0
        )
    assert len(slack.posts()) == (1 if when == "after" else 0)
    restarted = _delivery(store, slack, clock, worker="w2")
    clock.advance(60)  # the claim is fresh: its owner may still be working
    with pytest.raises(InProgress):
        restarted.deliver("T0FAKE", "C1", T0)
    clock.advance(61)  # stale: check the channel history, then decide
    assert restarted.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert slack.duplicates() == {}
    assert slack.digest_slots() == [("C1", slot_key(T0))]
    assert restarted.stats.verified == (1 if when == "after" else 0)
    assert restarted.stats.reposted == (0 if when == "after" else 1)
    assert len(_delivered(store, "C1")) == 3


def test_unverifiable_stale_claim_is_reposted_and_recorded(
    store: Store, slack: SchedulerFakeSlack
) -> None:
    """Without history access the policy is to re-post (a late duplicate beats a lost
    digest); the decision is kept in the row."""
    add_articles(store, 2)
    subscribe(store, "C1")
    slack.history_enabled = False
    clock = Clock(T0)
    client = make_client(BOT_TOKEN, slack.api_url)
    with pytest.raises(Crash):
        _delivery(store, slack, clock, poster=CrashingPoster(client, "before")).deliver(
            "T0FAKE", "C1", T0
        )
    clock.advance(121)
    d = _delivery(store, slack, clock, worker="w2")
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert len(slack.posts()) == 1
    with store.session() as s:
        row = s.scalar(select(PostedMessageRow))
        assert row is not None and row.ts is not None
        assert "repost: unverified" in (row.claimed_by or "")


def test_429_retry_after_is_honoured(store: Store, slack: SchedulerFakeSlack) -> None:
    add_articles(store, 2)
    subscribe(store, "C1")
    slack.fail("chat.postMessage", status=429, retry_after=1, times=2)
    d = _delivery(store, slack, Clock(T0))
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert len(slack.posts()) == 1
    assert d.stats.throttled == 2
    assert min(slack.attempt_gaps("C1")) >= 0.95


def test_rejected_post_releases_the_claim(store: Store, slack: SchedulerFakeSlack) -> None:
    add_articles(store, 2)
    subscribe(store, "C1")
    slack.fail("chat.postMessage", error="fatal_error")  # channel_not_found: test_gone.py
    d = _delivery(store, slack, Clock(T0))
    with pytest.raises(PostRejected):
        d.deliver("T0FAKE", "C1", T0)
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED  # no stale wait: nothing was posted
    assert len(slack.posts()) == 1


def test_server_error_keeps_the_claim_until_checked(
    store: Store, slack: SchedulerFakeSlack
) -> None:
    add_articles(store, 2)
    subscribe(store, "C1")
    slack.fail("chat.postMessage", status=500)
    clock = Clock(T0)
    d = _delivery(store, slack, clock)
    with pytest.raises(InProgress):
        d.deliver("T0FAKE", "C1", T0)
    clock.advance(121)
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    assert len(slack.posts()) == 1


def test_unsubscribed_channel_gets_nothing(store: Store, slack: SchedulerFakeSlack) -> None:
    add_articles(store, 2)
    d = _delivery(store, slack, Clock(T0))
    assert d.deliver("T0FAKE", "C9", T0) is Outcome.UNSUBSCRIBED
    assert slack.posts() == []


# -- threaded digests: a parent with a one-line summary, one reply per story ------------


class CrashOnPart(SlackPoster):
    """Dies once, at the `n`th post (1 = the parent), `when` it is sent or not."""

    def __init__(self, client: Any, n: int, when: str) -> None:
        super().__init__(client)
        self.n, self.when, self.count = n, when, 0

    def post(
        self,
        channel: str,
        text: str,
        blocks: Sequence[dict[str, Any]],
        *,
        marker: str,
        thread_ts: str | None = None,
    ) -> str:
        self.count += 1
        if self.count != self.n:
            return super().post(channel, text, blocks, marker=marker, thread_ts=thread_ts)
        if self.when == "after":
            super().post(channel, text, blocks, marker=marker, thread_ts=thread_ts)
        raise Crash()


def _thread_ok(slack: SchedulerFakeSlack, channel: str, stories: int) -> None:
    """One parent, `stories` replies, all in its thread, each part posted once."""
    posts = slack.posts(channel)
    parents = [p for p in posts if not p.params.get("thread_ts")]
    assert len(parents) == 1, [p.params.get("text") for p in parents]
    parent_ts = parents[0].response["ts"]
    assert parents[0].params["text"].startswith(f"{stories} stories: ")
    replies = [p for p in posts if p.params.get("thread_ts")]
    assert len(replies) == stories
    assert {r.params["thread_ts"] for r in replies} == {parent_ts}
    assert slack.duplicates() == {}
    base = slot_key(T0)
    expected = [base] + [f"{base}#{i}" for i in range(2, stories + 2)]
    assert sorted(s for _, s in slack.digest_slots()) == sorted(expected)


def test_threaded_digest_parent_then_one_reply_per_story(
    store: Store, slack: SchedulerFakeSlack
) -> None:
    ids = add_articles(store, 4)
    subscribe(store, "C1", flat=False)
    d = _delivery(store, slack, Clock(T0 + dt.timedelta(seconds=1)))
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    _thread_ok(slack, "C1", 4)
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.ALREADY
    assert _delivered(store, "C1") == set(ids)


@pytest.mark.parametrize(("n", "when"), [(3, "after"), (3, "before"), (1, "after")])
def test_threaded_digest_crash_between_replies_resumes_never_repeats(
    store: Store, slack: SchedulerFakeSlack, n: int, when: str
) -> None:
    """A crash at the nth post (its message sent or not): after the claim goes stale
    the thread's replies are searched (conversations.replies), what was posted is
    recorded, and only the rest is posted, in the same thread."""
    add_articles(store, 4)
    subscribe(store, "C1", flat=False)
    clock = Clock(T0)
    client = make_client(BOT_TOKEN, slack.api_url)
    with pytest.raises(Crash):
        _delivery(store, slack, clock, poster=CrashOnPart(client, n, when)).deliver(
            "T0FAKE", "C1", T0
        )
    clock.advance(121)
    restarted = _delivery(store, slack, clock, worker="w2")
    assert restarted.deliver("T0FAKE", "C1", T0) is Outcome.POSTED
    _thread_ok(slack, "C1", 4)
    assert restarted.stats.verified == (1 if when == "after" else 0)
    assert len(_delivered(store, "C1")) == 4
