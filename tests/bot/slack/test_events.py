"""Events: App Home, link unfurls, and retried deliveries processed once."""

from __future__ import annotations

import time
from typing import Any

from tests.fakes import slack_requests as sr
from tests.fakes.blockkit import view_errors


def test_app_home(bot: Any) -> None:
    user = f"U{bot.mode.upper()}HOME"
    bot.fake.memberships[user] = ["CHOMESUB"]  # the user is in that channel
    bot.ask("subscribe weekdays 08:00 Asia/Tokyo", channel_id="CHOMESUB")
    followed = bot.action("follow_official", "James Kelly", user_id=user)
    bot.rx.wait(followed.response_url, 1)
    sent = bot.event(sr.home_opened(user))
    assert sent.status == 200 and sent.elapsed < 1
    (call,) = bot.fake.wait_for_calls("views.publish", 1)
    assert call.params["user_id"] == user
    view = call.params["view"]
    assert view_errors(view) == []
    text = str(view)
    assert "Officials you follow" in text and "*James Kelly*" in text
    assert "<#CHOMESUB>: on weekdays at 08:00 (Asia/Tokyo)" in text
    assert "Latest briefings" in text
    actions = [
        e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert set(actions) == {"follow_official"}
    accessories = {b["accessory"]["action_id"] for b in view["blocks"] if "accessory" in b}
    assert accessories == {"unfollow_official", "digest_settings", "workspace_feeds"}


def test_app_home_for_a_new_user(http_bot: Any) -> None:
    http_bot.event(sr.home_opened("UNEWCOMER"))
    (call,) = http_bot.fake.wait_for_calls("views.publish", 1)
    assert "You follow no officials yet" in str(call.params["view"])


def test_app_home_retries_after_429(http_bot: Any) -> None:
    http_bot.fake.fail("views.publish", status=429, retry_after=1)
    http_bot.event(sr.home_opened("URATE"))
    calls = http_bot.fake.wait_for_calls("views.publish", 2, ok_only=False, timeout=10)
    assert [c.status for c in calls] == [429, 200]


def test_app_home_after_a_500_does_not_crash(http_bot: Any) -> None:
    http_bot.fake.fail("views.publish", status=500)
    http_bot.event(sr.home_opened("U500"))
    calls = http_bot.fake.wait_for_calls("views.publish", 1, ok_only=False)
    assert calls[0].status == 500
    # The bot still answers.
    assert "James Kelly" in http_bot.ask("Kelly")[0]["text"]


def test_retried_event_is_processed_once(bot: Any) -> None:
    event = sr.home_opened(f"U{bot.mode.upper()}RETRY")
    eid = f"Ev{bot.mode.upper()}RETRY{time.time_ns()}"
    first = bot.event(event, event_id=eid)
    second = bot.event(event, event_id=eid, retry_num=1)
    third = bot.event(event, event_id=eid, retry_num=2)
    assert first.status == second.status == third.status == 200
    bot.fake.wait_for_calls("views.publish", 1)
    time.sleep(0.5)
    assert len(bot.fake.calls_to("views.publish")) == 1


def test_unfurl_a_stored_article(http_bot: Any, site: Any) -> None:
    url = site.url("/news/kelly-tokyo.html")
    # Store it first through /brief <url>.
    sent = http_bot.command(url)
    http_bot.rx.wait(sent.response_url, 2, timeout=20)
    http_bot.fake.reset()
    event = sr.link_shared(url)
    http_bot.event(event)
    (call,) = http_bot.fake.wait_for_calls("chat.unfurl", 1)
    assert call.params["channel"] == event["channel"]
    assert call.params["ts"] == event["message_ts"]
    unfurl = call.params["unfurls"][url]
    assert unfurl["blocks"][0]["type"] == "header"
    actions = [
        e["action_id"] for b in unfurl["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert actions == ["show_sources"]


def test_unfurl_fetches_an_unknown_article(bot: Any, site: Any) -> None:
    url = site.url(f"/news/straw-tehran.html?from={bot.mode}")
    sent = bot.event(sr.link_shared(url))
    assert sent.elapsed < 1
    (call,) = bot.fake.wait_for_calls("chat.unfurl", 1, timeout=20)
    assert "Straw" in str(call.params["unfurls"][url])


def test_links_from_other_domains_are_not_unfurled(http_bot: Any) -> None:
    http_bot.event(sr.link_shared("https://elsewhere.example.org/story"))
    time.sleep(0.8)
    assert http_bot.fake.calls_to("chat.unfurl") == []


def test_unfurl_of_an_unreachable_link_posts_nothing(http_bot: Any, site: Any) -> None:
    http_bot.event(sr.link_shared(site.url("/news/missing.html")))
    time.sleep(1.5)
    assert http_bot.fake.calls_to("chat.unfurl") == []
