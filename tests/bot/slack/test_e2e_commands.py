"""Every `/brief` sub-command end to end, over HTTP and over Socket Mode.

The bot runs for real against the fake Slack; answers are read from the
response_url receiver and the fake's records.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.blockkit import message_errors


def only(answers: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(answers) == 1, answers
    msg = answers[0]
    assert msg["response_type"] == "ephemeral"
    assert not message_errors(msg), message_errors(msg)
    return msg


def buttons(msg: dict[str, Any]) -> dict[str, str]:
    return {
        e["action_id"]: e.get("value", "")
        for b in msg.get("blocks") or ()
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_help(bot: Any) -> None:
    msg = only(bot.ask(""))
    for line in (
        "/brief <official>",
        "/brief latest",
        "/brief subscribe daily 08:00",
        "/brief follow",
        "/brief sources add",
    ):
        assert line in msg["text"]
    assert only(bot.ask("help"))["text"] == msg["text"]


def test_kelly_dossier(bot: Any) -> None:
    msg = only(bot.ask("Kelly"))
    assert msg["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "James Kelly", "emoji": True},
    }
    assert "Assistant Secretary of State" in msg["text"]
    assert "Yabunaka" in msg["text"] and "Abe" in msg["text"]
    b = buttons(msg)
    assert b["follow_official"] == "James Kelly"
    assert b["share_in_channel"] == "dossier:Kelly"


def test_dossier_tolerates_a_typo(bot: Any) -> None:
    assert "James Kelly" in only(bot.ask("Kely"))["text"]


def test_unknown_official(bot: Any) -> None:
    msg = only(bot.ask("Zbigniew Nobody"))
    assert "Zbigniew Nobody" in msg["text"]
    assert "share_in_channel" not in buttons(msg)


def test_latest(bot: Any) -> None:
    msg = only(bot.ask("latest"))
    assert msg["blocks"][0]["type"] == "header"
    assert "Kelly" in msg["text"]
    b = buttons(msg)
    assert b["show_sources"].isdigit()
    assert b["share_in_channel"] == f"briefing:{b['show_sources']}"


def test_subscribe_then_subscriptions(bot: Any) -> None:
    channel = f"C{bot.mode.upper()}SUB"
    msg = only(bot.ask("subscribe weekdays 08:00 Asia/Tokyo", channel_id=channel))
    first, *rest = msg["text"].split("\n")
    assert first == "This channel's digest is now posted on weekdays at 08:00 (Asia/Tokyo)."
    assert "from now on" in rest[0] and "`/brief catch up [N]`" in rest[0]
    assert rest[1].startswith("Each digest is a thread")
    msg = only(bot.ask("subscriptions", channel_id=channel))
    assert msg["text"].split("\n")[0] == (
        "This channel's digest is posted on weekdays at 08:00 (Asia/Tokyo)."
    )
    msg = only(bot.ask('subscribe cron "30 6 * * 1" Europe/London flat', channel_id=channel))
    assert "now `30 6 * * 1`" not in msg["text"]
    assert "from now on" not in msg["text"]  # a changed schedule, not a new subscription
    assert "Each digest is a single message." in msg["text"]
    assert "(was on weekdays at 08:00 (Asia/Tokyo))" in msg["text"]
    msg = only(bot.ask("unsubscribe", channel_id=channel))
    assert msg["text"].startswith("This channel's digest is stopped")
    msg = only(bot.ask("subscriptions", channel_id=channel))
    assert msg["text"].startswith("This channel has no digest schedule.")
    msg = only(bot.ask("unsubscribe", channel_id=channel))
    assert msg["text"].startswith("This channel has no digest schedule.")


def test_subscriptions_are_per_channel(bot: Any) -> None:
    only(bot.ask("subscribe daily 07:00", channel_id=f"C{bot.mode.upper()}A"))
    msg = only(bot.ask("subscriptions", channel_id=f"C{bot.mode.upper()}B"))
    assert msg["text"].startswith("This channel has no digest schedule.")
    msg = only(bot.ask("subscribe hourly", channel_id=f"C{bot.mode.upper()}B"))
    assert "every hour" in msg["text"]


def test_follow_unfollow_following(bot: Any) -> None:
    ch = f"C{bot.mode.upper()}FOL"
    assert only(bot.ask("following", channel_id=ch))["text"].startswith(
        "This channel's digest follows no officials."
    )
    followed = only(bot.ask("follow Kelly", channel_id=ch))["text"]
    assert followed.startswith("This channel's digest now follows *James Kelly*: a channel filter")
    assert "/brief follow me James Kelly" in followed
    assert "already follows" in only(bot.ask("follow James Kelly", channel_id=ch))["text"]
    only(bot.ask("follow Shinzo Abe", channel_id=ch))
    assert only(bot.ask("following", channel_id=ch))["text"] == (
        "This channel's digest follows (a channel filter): *James Kelly*, *Shinzo Abe*."
    )
    assert only(bot.ask("unfollow Kelly", channel_id=ch))["text"] == (
        "This channel's digest no longer follows *James Kelly* (a channel filter)."
    )
    assert "does not follow" in only(bot.ask("unfollow Kelly", channel_id=ch))["text"]
    assert only(bot.ask("following", channel_id=ch))["text"] == (
        "This channel's digest follows (a channel filter): *Shinzo Abe*."
    )
    # Personal follows are separate, and say so.
    mine = only(bot.ask("follow me Kelly", channel_id=ch))["text"]
    assert mine.startswith("You now follow *James Kelly*, just for you")
    assert "Shinzo Abe" not in only(bot.ask("following me", channel_id=ch))["text"]


def test_sources_add_list_remove(bot: Any, site: Any) -> None:
    ch = f"C{bot.mode.upper()}SRC"
    feed = site.url("/feed.xml")
    assert only(bot.ask("sources", channel_id=ch))["text"].startswith("This channel has no feeds.")
    assert "Added the feed" in only(bot.ask(f"sources add {feed}", channel_id=ch))["text"]
    assert "already one of" in only(bot.ask(f"sources add <{feed}>", channel_id=ch))["text"]
    listing = only(bot.ask("sources list", channel_id=ch))["text"]
    assert listing.startswith("This channel's feeds:") and feed in listing
    assert "Removed the feed" in only(bot.ask(f"sources remove {feed}", channel_id=ch))["text"]
    assert "is not one of" in only(bot.ask(f"sources remove {feed}", channel_id=ch))["text"]


ERRORS = [
    ("subscibe daily 08:00", "I don't know `subscibe`; did you mean `subscribe`?"),
    ("subscribe daily 25:00", "`25:00` is not a time of day"),
    ("subscribe weekdays 08:00 Mars/Olympus", "`Mars/Olympus` is not a timezone I know"),
    ("subscribe fortnightly", "I can't read the schedule `fortnightly`"),
    ('subscribe cron "0 8 * *"', "is not a valid cron expression"),
    ("subscribe cron 0 8 * * 1-5", "Put the cron expression in quotes"),
    ("subscribe", "`subscribe` needs a schedule"),
    ("ftp://example.com/article", "Only http:// and https:// links can be briefed, not `ftp:`"),
    ("https://", "is not a web address I can fetch"),
    ("latest 12", "`12` is not a number from 1 to 5"),
    ("follow", "`follow` needs an official's name"),
    ("unfollow", "`unfollow` needs an official's name"),
    ("following everyone", "`following` takes no arguments"),
    ("unsubscribe please", "`unsubscribe` takes no arguments"),
    ("subscriptions all", "`subscriptions` takes no arguments"),
    ("sources add", "`sources` needs a feed URL"),
    ("sources remove", "`sources` needs a feed URL"),
    ("sources remove ftp://x.example/rss", "Only http:// and https://"),
    ("latest many", "`many` is not a number from 1 to 5"),
    ("https://example.com/a extra words", "takes no text after the link"),
    ("sources add javascript:alert(1)", "Only http:// and https://"),
    ("sources delete x", "`sources` takes `add <feed URL>`"),
    ("--debug", "I don't know `--debug`"),
]


@pytest.mark.parametrize(("text", "needle"), ERRORS)
def test_malformed_input_gets_one_line_with_usage(http_bot: Any, text: str, needle: str) -> None:
    msg = only(http_bot.ask(text))
    assert needle in msg["text"]
    assert "\n" not in msg["text"]
    assert "Usage: `/brief" in msg["text"]
    assert "blocks" not in msg or not msg["blocks"]


@pytest.mark.parametrize(("text", "needle"), ERRORS[:3])
def test_malformed_input_over_socket_mode(socket_bot: Any, text: str, needle: str) -> None:
    assert needle in only(socket_bot.ask(text))["text"]


def test_socket_mode_acks_every_envelope_at_once(socket_bot: Any) -> None:
    sent = [socket_bot.command(t) for t in ("Kelly", "latest", "help", "subscriptions")]
    for s in sent:
        assert s.elapsed < 1.0
        socket_bot.rx.wait(s.response_url, 1)
    assert socket_bot.fake.socket.unacked() == []


def test_url_that_never_answers_is_acked_at_once(bot: Any, site: Any) -> None:
    sent = bot.command(site.url(f"/hang/{bot.mode}.html"))
    assert sent.elapsed < 3.0
    first, second = bot.rx.wait(sent.response_url, 2, timeout=15)
    assert first["text"].startswith("Fetching")
    assert second["text"].startswith("I could not brief") and "did not answer" in second["text"]


def test_brief_url_over_both_transports(bot: Any, site: Any) -> None:
    sent = bot.command(site.url(f"/news/kelly-tokyo.html?via={bot.mode}"))
    _, second = bot.rx.wait(sent.response_url, 2, timeout=20)
    assert second["blocks"][0]["type"] == "header"
    assert "Kelly" in second["text"]


class RecordingScheduler:
    """Stands in for the scheduler (issue 6): records what the Slack app asks of it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def schedule_subscription(self, team_id: str, channel_id: str, cron: str, tz: str) -> None:
        self.calls.append(("schedule", team_id, channel_id, cron, tz))

    def unschedule_subscription(self, team_id: str, channel_id: str) -> None:
        self.calls.append(("unschedule", team_id, channel_id))

    def stop(self) -> None:
        self.calls.append(("stop",))


def test_subscribe_and_unsubscribe_call_the_scheduler(http_bot: Any, http_ctx: Any) -> None:
    sched = RecordingScheduler()
    http_ctx.scheduler = sched
    try:
        only(http_bot.ask("subscribe weekdays 08:00 Asia/Tokyo", channel_id="CSCHED"))
        only(http_bot.ask("unsubscribe", channel_id="CSCHED"))
        only(http_bot.ask("unsubscribe", channel_id="CSCHED"))  # nothing to unschedule
    finally:
        http_ctx.scheduler = None
    assert sched.calls == [
        ("schedule", "T0FAKE", "CSCHED", "0 8 * * 1-5", "Asia/Tokyo"),
        ("unschedule", "T0FAKE", "CSCHED"),
    ]


def test_subscribe_with_digest_options(http_bot: Any, http_ctx: Any) -> None:
    from briefings.store.channels import Channels

    ch = "COPTIONS"
    only(http_bot.ask("follow Kelly", channel_id=ch))
    msg = only(
        http_bot.ask(
            "subscribe daily 07:00 only followed always keywords nuclear, Korea", channel_id=ch
        )
    )
    lines = msg["text"].splitlines()
    assert lines[0] == "This channel's digest is now posted daily at 07:00 (UTC)."
    assert "from now on" in lines[1]
    assert lines[2:5] == [
        "Only stories about the officials this channel follows (*James Kelly*).",
        "Only stories mentioning: nuclear, Korea.",
        "When nothing is new, a short notice is posted.",
    ]
    assert lines[5].startswith("Each digest is a thread")
    sub = Channels(http_ctx.store).subscription("T0FAKE", ch)
    assert sub is not None
    assert (sub.only_followed, sub.keywords, sub.notify_empty) == (True, ("nuclear", "Korea"), True)
    assert (
        only(http_bot.ask("subscriptions", channel_id=ch))["text"].splitlines()[1:]
        == (msg["text"].splitlines()[2:])
    )
