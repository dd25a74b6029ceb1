"""A digest Slack refuses for good (the bot removed from the channel, the channel archived
or deleted, the token revoked) is not retried: the subscription is paused and whoever
subscribed is told once by DM. Against the fake Slack, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.paused import dm_subscriber
from bot.scheduler.delivery import DigestDelivery, Outcome
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.service import DIGEST, Scheduling, digest_item_key
from bot.scheduler.slackpost import SlackPoster, make_client
from briefings.store import Store
from briefings.store.channels import Channels
from tests.fakes import BOT_TOKEN

from .support import T0, Clock, SchedulerFakeSlack, add_articles, subscribe

GONE = ["not_in_channel", "channel_not_found", "is_archived", "invalid_auth"]


def _delivery(store: Store, slack: SchedulerFakeSlack) -> DigestDelivery:
    client = make_client(BOT_TOKEN, slack.api_url)
    return DigestDelivery(
        store,
        SlackPoster(client),
        RateLimiter(600),
        clock=Clock(T0),
        on_paused=dm_subscriber(lambda _team: client),
    )


def _dms(slack: SchedulerFakeSlack) -> list[str]:
    return [str(c.params.get("text")) for c in slack.posts() if str(c.params["channel"]) == "D1"]


@pytest.mark.parametrize("error", GONE)
def test_refused_post_pauses_and_tells_the_subscriber_once(
    store: Store, slack: SchedulerFakeSlack, error: str
) -> None:
    add_articles(store, 2)
    subscribe(store, "C1")  # created_by U1
    slack.fail("chat.postMessage", error=error)
    d = _delivery(store, slack)
    assert d.deliver("T0FAKE", "C1", T0) is Outcome.PAUSED
    sub = Channels(store).subscription("T0FAKE", "C1")
    assert sub is not None and sub.paused
    refused = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == "C1"]
    assert len(refused) == 1 and not refused[0].ok
    (dm,) = _dms(slack)
    assert "<#C1>" in dm and "paused" in dm
    # Asked again (a duplicate work item): paused, nothing posted, nobody told twice.
    assert d.deliver("T0FAKE", "C1", T0 + dt.timedelta(days=1)) is Outcome.PAUSED
    assert len(slack.calls_to("chat.postMessage")) == 2  # the refused post and the DM
    assert len(_dms(slack)) == 1


def test_channel_not_found_is_never_retried_through_the_queue(
    store: Store, slack: SchedulerFakeSlack, db_url: str
) -> None:
    """The queue would retry a failed item up to 8 times: a gone channel costs one call."""
    add_articles(store, 2)
    subscribe(store, "C1")
    slack.fail("chat.postMessage", error="channel_not_found", times=10)
    svc = Scheduling(store, db_url, delivery=_delivery(store, slack), clock=Clock(T0))
    payload = {"team_id": "T0FAKE", "channel_id": "C1", "slot": T0.isoformat()}
    assert svc.queue.enqueue(DIGEST, digest_item_key("T0FAKE", "C1", T0), payload)
    clock = Clock(T0 + dt.timedelta(hours=2))  # far past any retry backoff
    svc.queue.clock = clock
    assert svc.digest_worker.drain([DIGEST]) == 1
    assert svc.digest_worker.drain([DIGEST]) == 0
    to_c1 = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == "C1"]
    assert len(to_c1) == 1  # zero retries
    assert svc.fire_digest("T0FAKE", "C1", now=T0 + dt.timedelta(days=1)) is None  # paused
    assert svc.queue.counts().get("done") == 1


def test_missing_history_scope_falls_back_and_says_so_once(
    store: Store, slack: SchedulerFakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """Without channels:history a stale claim is judged from the database record, and the
    log says so once, however many checks."""
    import bot.scheduler.slackpost as sp

    sp._history_warned.clear()
    slack.history_enabled = False
    poster = SlackPoster(make_client(BOT_TOKEN, slack.api_url))
    caplog.set_level(logging.WARNING, logger="briefbot.scheduler.slackpost")
    from bot.scheduler.delivery import CannotVerify

    for _ in range(3):
        with pytest.raises(CannotVerify):
            poster.find_marker("C1", "2026-01-01T08:00:00Z", oldest=T0)
    said = [r for r in caplog.records if "history scope" in r.getMessage()]
    assert len(said) == 1
