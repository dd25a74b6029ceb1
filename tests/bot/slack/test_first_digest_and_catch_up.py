"""A new subscription starts from now, and `/brief catch up [N]` posts the N latest:
over real HTTP against the fake Slack, with the real delivery and a real SQLite file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.scheduler.delivery import DigestDelivery, Outcome
from bot.scheduler.ratelimit import RateLimiter
from bot.scheduler.slackpost import SlackPoster, make_client
from tests.bot.scheduler.support import add_articles
from tests.fakes import BOT_TOKEN

TEAM = "T0FAKE"


def only(payloads: list[dict[str, Any]]) -> dict[str, Any]:
    (p,) = payloads
    return p


def _texts(calls: list[Any]) -> str:
    return "\n".join(str(c.params.get("text")) for c in calls)


def test_first_digest_holds_only_articles_stored_after_subscribing(
    http_bot: Any, http_ctx: Any
) -> None:
    add_articles(http_ctx.store, 6, prefix="old")  # the backlog: 6 stories, plus the seed
    answer = only(http_bot.ask('subscribe cron "* * * * *" UTC', channel_id="CFRESH"))
    assert "from now on" in answer["text"] and "/brief catch up" in answer["text"]
    add_articles(http_ctx.store, 2, prefix="new")
    delivery = DigestDelivery(
        http_ctx.store, SlackPoster(make_client(BOT_TOKEN, http_bot.fake.api_url)), RateLimiter(600)
    )
    slot = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    assert delivery.deliver(TEAM, "CFRESH", slot) is Outcome.POSTED
    posts = http_bot.fake.posts("CFRESH")
    assert len(posts) == 3  # the parent and one reply per new story
    assert posts[0].params["text"].startswith("2 stories: ")
    text = _texts(posts)
    assert "NEW talks 0" in text and "NEW talks 1" in text
    assert "OLD talks" not in text and "Kelly" not in text
    # The next digest does not reach back to the backlog either.
    add_articles(http_ctx.store, 1, prefix="later")
    assert delivery.deliver(TEAM, "CFRESH", slot + dt.timedelta(minutes=1)) is Outcome.POSTED
    later = _texts(http_bot.fake.posts("CFRESH")[3:])
    assert "LATER talks 0" in later and "OLD talks" not in later


def test_catch_up_posts_the_n_latest_as_a_thread(http_bot: Any, http_ctx: Any) -> None:
    add_articles(http_ctx.store, 5, prefix="cu")
    answer = only(http_bot.ask("catch up 3", channel_id="CCATCH"))
    assert answer["text"] == "Posted the latest 3 stories in this channel, as a thread."
    posts = http_bot.fake.posts("CCATCH")
    assert len(posts) == 4
    parent, *replies = posts
    assert not parent.params.get("thread_ts") and parent.params["text"].startswith("3 stories")
    assert {r.params["thread_ts"] for r in replies} == {parent.response["ts"]}
    # Again: the next 3, never the same stories twice.
    only(http_bot.ask("catch up 3", channel_id="CCATCH"))
    first = {r.params["text"] for r in replies}
    again = {r.params["text"] for r in http_bot.fake.posts("CCATCH")[5:]}
    assert len(again) == 3 and not first & again


def test_catch_up_in_a_flat_channel_posts_one_message(http_bot: Any, http_ctx: Any) -> None:
    add_articles(http_ctx.store, 3, prefix="fl")
    only(http_bot.ask("subscribe daily 08:00 flat", channel_id="CFLAT"))
    answer = only(http_bot.ask("catch up 2", channel_id="CFLAT"))
    assert answer["text"] == "Posted the latest 2 stories in this channel."
    (post,) = http_bot.fake.posts("CFLAT")
    assert post.params["text"].startswith("*Digest: 2 stories*")
