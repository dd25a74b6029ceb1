"""Buttons: Show sources, Follow <official>, Share in channel; and how the bot copes
when Slack answers 429, 500 or nothing at all."""

from __future__ import annotations

import time
from typing import Any

from briefings.store.channels import Channels
from tests.fakes.blockkit import message_errors


def _article_id(bot: Any) -> str:
    msg = bot.ask("latest")[0]
    for b in msg["blocks"]:
        for e in b.get("elements") or ():
            if e.get("action_id") == "show_sources":
                return str(e["value"])
    raise AssertionError("no Show sources button")


def test_show_sources(bot: Any) -> None:
    aid = _article_id(bot)
    sent = bot.action("show_sources", aid)
    assert sent.status == 200 and sent.elapsed < 1
    (msg,) = bot.rx.wait(sent.response_url, 1)
    assert not message_errors(msg)
    assert msg["response_type"] == "ephemeral"
    assert msg.get("replace_original") is False
    assert "Kelly and Abe agreed to take up the abductions issue" in msg["text"]


def test_show_sources_of_an_unknown_article(http_bot: Any) -> None:
    sent = http_bot.action("show_sources", "999999")
    (msg,) = http_bot.rx.wait(sent.response_url, 1)
    assert "no longer stored" in msg["text"]


def test_follow_button_follows_for_the_user(bot: Any, request: Any) -> None:
    ctx = request.getfixturevalue(f"{bot.mode}_ctx")
    user = f"U{bot.mode.upper()}FOLLOW"
    sent = bot.action("follow_official", "James Kelly", user_id=user)
    (msg,) = bot.rx.wait(sent.response_url, 1)
    assert msg["text"].startswith("You now follow *James Kelly*, just for you: an alert by")
    assert "No channel's digest changes." in msg["text"]
    sent = bot.action("follow_official", "James Kelly", user_id=user)
    assert "already follow" in bot.rx.wait(sent.response_url, 1)[0]["text"]
    follows = Channels(ctx.store).follows("T0FAKE", "user", user)
    assert [f.name for f in follows] == ["James Kelly"]


def test_follow_from_the_home_tab_republishes_it(http_bot: Any) -> None:
    http_bot.action("follow_official", "Shinzo Abe", container="view", user_id="UHOMEFOL")
    (call,) = http_bot.fake.wait_for_calls("views.publish", 1)
    assert call.params["user_id"] == "UHOMEFOL"
    assert "Shinzo Abe" in str(call.params["view"])


def test_share_posts_in_channel_once(bot: Any) -> None:
    sent = bot.action("share_in_channel", "dossier:Kelly", channel_id="CSHARE", user_id="UBOB")
    (post,) = bot.fake.wait_for_posts(1, channel="CSHARE")
    assert post.params["channel"] == "CSHARE"
    assert "James Kelly" in post.params["text"]
    blocks = post.params["blocks"]
    assert blocks[-1]["elements"][0]["text"] == "Shared by <@UBOB>"
    actions = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert "share_in_channel" not in actions and "follow_official" in actions
    (done,) = bot.rx.wait(sent.response_url, 1)
    assert done["delete_original"] is True


def test_share_latest_and_briefing(http_bot: Any) -> None:
    aid = _article_id(http_bot)
    http_bot.action("share_in_channel", f"briefing:{aid}", channel_id="CSHARE2")
    http_bot.action("share_in_channel", "latest:1", channel_id="CSHARE2")
    posts = http_bot.fake.wait_for_posts(2, channel="CSHARE2")
    assert all(p.params["blocks"][0]["type"] == "header" for p in posts)


def test_share_retries_after_429_and_posts_once(http_bot: Any) -> None:
    fake = http_bot.fake
    fake.fail("chat.postMessage", status=429, retry_after=1)
    t0 = time.monotonic()
    sent = http_bot.action("share_in_channel", "dossier:Kelly", channel_id="C429")
    assert sent.elapsed < 1  # acknowledged before the retry
    fake.wait_for_posts(1, channel="C429", timeout=10)
    calls = fake.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0  # waited for Retry-After
    assert time.monotonic() - t0 >= 1.0
    assert http_bot.rx.wait(sent.response_url, 1)[0]["delete_original"] is True
    time.sleep(0.5)
    assert len(fake.posts("C429")) == 1


def test_share_after_a_500_says_so_and_does_not_retry(http_bot: Any) -> None:
    fake = http_bot.fake
    fake.fail("chat.postMessage", status=500)
    sent = http_bot.action("share_in_channel", "dossier:Kelly", channel_id="C500")
    (msg,) = http_bot.rx.wait(sent.response_url, 1, timeout=10)
    assert msg["text"].startswith("I could not share that in this channel")
    assert msg["response_type"] == "ephemeral"
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert fake.posts("C500") == []


def test_share_when_slack_hangs_gives_up_and_says_so(http_bot: Any) -> None:
    fake = http_bot.fake
    fake.hang("chat.postMessage", seconds=5)
    sent = http_bot.action("share_in_channel", "dossier:Kelly", channel_id="CHANG")
    assert sent.elapsed < 1
    (msg,) = http_bot.rx.wait(sent.response_url, 1, timeout=10)
    assert msg["text"].startswith("I could not share that in this channel")


def test_share_in_a_channel_the_bot_is_not_in_uses_the_response_url(http_bot: Any) -> None:
    http_bot.fake.fail("chat.postMessage", error="not_in_channel")
    sent = http_bot.action("share_in_channel", "dossier:Kelly", channel_id="GPRIVATE")
    shared, done = http_bot.rx.wait(sent.response_url, 2)
    assert shared["response_type"] == "in_channel"
    assert "James Kelly" in shared["text"]
    assert done["delete_original"] is True


def test_share_of_something_gone(http_bot: Any) -> None:
    sent = http_bot.action("share_in_channel", "briefing:424242", channel_id="CGONE")
    (msg,) = http_bot.rx.wait(sent.response_url, 1)
    assert msg["text"].startswith("I could not share that")
    assert http_bot.fake.posts("CGONE") == []


def test_a_replayed_share_posts_once(http_bot: Any) -> None:
    """The same signed press sent twice (a replay, or a double click): one post."""
    from tests.fakes import slack_requests as sr

    url = http_bot.rx.new_url()
    payload = sr.action_payload("share_in_channel", "dossier:Kelly", url, channel_id="CREPLAYS")
    body = sr.action_body(payload)
    headers = sr.signed_headers(body)
    assert http_bot.post(body, headers).status_code == 200
    http_bot.fake.wait_for_posts(1, channel="CREPLAYS")
    assert http_bot.post(body, headers).status_code == 200
    time.sleep(1.5)
    assert len(http_bot.fake.posts(channel="CREPLAYS")) == 1
