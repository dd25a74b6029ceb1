"""Message shortcut "Brief this link" and @briefbot mentions, over HTTP and Socket Mode
against the fake Slack (real spaCy, real SQLite, a real local news site)."""

from __future__ import annotations

from typing import Any

from bot.slack.listeners.shortcuts import first_link
from tests.fakes import slack_requests as sr


def test_first_link_of_a_message() -> None:
    assert first_link({"text": "see <https://n.example/a?b=1&amp;c=2|this>"}) == (
        "https://n.example/a?b=1&c=2"
    )
    assert first_link({"text": "no link here"}) is None
    rich = {"type": "rich_text", "elements": [{"type": "link", "url": "https://n.example/r"}]}
    assert first_link({"text": "", "blocks": [rich]}) == "https://n.example/r"


def test_shortcut_briefs_the_linked_article_ephemerally(bot: Any, site: Any) -> None:
    url = site.url("/news/straw-tehran.html")
    rurl = bot.rx.new_url()
    sent = bot.interactive(sr.message_shortcut_payload(f"worth a read <{url}>", rurl))
    assert sent.status == 200
    note, answer = bot.rx.wait(rurl, 2, timeout=30)
    assert note["text"].startswith("Fetching")
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is True
    assert "Straw" in answer["text"] and "Kharrazi" in answer["text"]
    assert not bot.fake.posts()  # nothing public


def test_shortcut_on_a_message_without_link(bot: Any) -> None:
    rurl = bot.rx.new_url()
    bot.interactive(sr.message_shortcut_payload("lunch at noon?", rurl))
    (msg,) = bot.rx.wait(rurl, 1)
    assert msg["text"] == "That message has no web link to brief."


def test_mention_with_a_name_is_answered_in_its_thread(bot: Any) -> None:
    ev = sr.app_mention("<@U0BOT> Kelly", channel="C0MENTION")
    bot.event(ev)
    (post,) = bot.fake.wait_for_calls("chat.postMessage", 1)
    assert post.params["channel"] == "C0MENTION"
    assert post.params["thread_ts"] == ev["ts"]
    assert "James Kelly" in post.params["text"]
    actions = [b for b in post.params["blocks"] if b["type"] == "actions"]
    assert all(e["action_id"] != "share_in_channel" for b in actions for e in b["elements"])


def test_mention_with_a_link_inside_a_thread(bot: Any, site: Any) -> None:
    url = site.url("/news/kelly-tokyo.html")
    ev = sr.app_mention(f"<@U0BOT> <{url}>", channel="C0MENTION", thread_ts="1700000000.000100")
    bot.event(ev)
    (post,) = bot.fake.wait_for_calls("chat.postMessage", 1, timeout=30)
    assert post.params["thread_ts"] == "1700000000.000100"
    assert "Yabunaka" in post.params["text"]


def test_mention_asking_for_a_setting_points_to_the_command(bot: Any) -> None:
    bot.event(sr.app_mention("<@U0BOT> subscribe daily 08:00", channel="C0MENTION"))
    (post,) = bot.fake.wait_for_calls("chat.postMessage", 1)
    assert "`/brief" in post.params["text"]
    assert "digest is now posted" not in post.params["text"]
