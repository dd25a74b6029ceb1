"""Pure parsing of the `/brief` text."""

from __future__ import annotations

import pytest

from bot.slack import commands as c
from briefings.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", c.Help()),
        ("help", c.Help()),
        ("  HELP ", c.Help()),
        ("ping", c.Ping()),
        ("latest", c.Latest()),
        ("latest 3", c.Latest(3)),
        ("Kelly", c.Official("Kelly")),
        ("James  Kelly", c.Official("James Kelly")),
        ('"Yoriko Kawaguchi"', c.Official("Yoriko Kawaguchi")),
        ("https://example.com/a?b=1", c.BriefUrl("https://example.com/a?b=1")),
        ("<https://example.com/a|example.com/a>", c.BriefUrl("https://example.com/a")),
        ("unsubscribe", c.Unsubscribe()),
        ("subscriptions", c.Subscriptions()),
        ("follow James Kelly", c.Follow("James Kelly")),
        ("unfollow Kelly", c.Unfollow("Kelly")),
        ("following", c.Following()),
        ("sources", c.SourcesList()),
        ("sources list", c.SourcesList()),
        ("sources add https://example.com/rss", c.SourcesAdd("https://example.com/rss")),
        ("sources remove <https://example.com/rss>", c.SourcesRemove("https://example.com/rss")),
    ],
)
def test_parse(text: str, expected: object) -> None:
    assert c.parse(text) == expected


def test_subscribe() -> None:
    cmd = c.parse("subscribe weekdays 08:00 Asia/Tokyo")
    assert isinstance(cmd, c.Subscribe)
    assert (cmd.schedule.cron, cmd.schedule.timezone) == ("0 8 * * 1-5", "Asia/Tokyo")
    cmd = c.parse("subscribe daily 07:00", default_timezone="Europe/London")
    assert isinstance(cmd, c.Subscribe) and cmd.schedule.timezone == "Europe/London"


@pytest.mark.parametrize(
    ("text", "needle", "usage"),
    [
        ("subscibe daily 08:00", "I don't know `subscibe`; did you mean `subscribe`?", "subscribe"),
        ("folow Kelly", "did you mean `follow`?", "/brief follow"),
        ("--verbose", "I don't know `--verbose`", "/brief help"),
        ("latest 9", "`9` is not a number from 1 to 5", "/brief latest"),
        ("ftp://example.com/a", "Only http:// and https:// links", "/brief <article URL>"),
        ("https://", "is not a web address", "/brief <article URL>"),
        ("https://example.com/a more", "takes no text after the link", "/brief <article URL>"),
        ("follow", "`follow` needs an official's name", "/brief follow"),
        ("unfollow", "`unfollow` needs an official's name", "/brief unfollow"),
        ("following Kelly", "`following` takes no arguments", "/brief following"),
        ("unsubscribe now", "`unsubscribe` takes no arguments", "/brief unsubscribe"),
        ("subscriptions all", "`subscriptions` takes no", "/brief subscriptions"),
        ("sources add", "`sources` needs a feed URL", "/brief sources"),
        ("sources add file:///etc/passwd", "Only http:// and https://", "/brief sources"),
        ("sources purge", "`sources` takes `add <feed URL>`", "/brief sources"),
        ("subscribe daily 25:00", "`25:00` is not a time", "/brief subscribe"),
        ("subscribe weekdays 08:00 Asia/Tokio", "`Asia/Tokio` is not a timezone", "subscribe"),
    ],
)
def test_errors_are_one_line_with_usage(text: str, needle: str, usage: str) -> None:
    with pytest.raises(UsageError) as info:
        c.parse(text)
    msg = str(info.value)
    assert needle in msg, msg
    assert usage in msg
    assert "\n" not in msg


def test_names_are_not_taken_for_typos() -> None:
    for name in ("Kelly", "Blair", "Straw", "Abe", "Fukuda", "Kawaguchi", "Helen Clark"):
        assert c.parse(name) == c.Official(name)


def test_slack_escapes_are_undone() -> None:
    assert c.parse("https://x.example/a?b=1&amp;c=2") == c.BriefUrl("https://x.example/a?b=1&c=2")
    assert c.parse("<https://x.example/a?b=1&amp;c=2|x.example>") == c.BriefUrl(
        "https://x.example/a?b=1&c=2"
    )
    assert c.parse("follow Ben &amp; Jerry") == c.Follow("Ben & Jerry")


def test_user_text_cannot_inject_into_error_messages() -> None:
    for text in ("--<!channel>", "latest <@U123>", "subscribe daily `x` <!here>"):
        with pytest.raises(UsageError) as info:
            c.parse(text)
        msg = str(info.value)
        assert "<!" not in msg and "<@" not in msg, msg
    with pytest.raises(UsageError) as info:
        c.parse("--" + "x" * 5000)
    assert len(str(info.value)) < 600


def test_subscribe_options() -> None:
    cmd = c.parse("subscribe daily 08:00 Asia/Tokyo only followed always keywords nuclear, trade")
    assert isinstance(cmd, c.Subscribe)
    assert cmd.schedule.cron == "0 8 * * *" and cmd.schedule.timezone == "Asia/Tokyo"
    assert cmd.only_followed and cmd.notify_empty
    assert cmd.keywords == ("nuclear", "trade")
    cmd = c.parse("subscribe hourly ONLY  FOLLOWED")
    assert isinstance(cmd, c.Subscribe) and cmd.only_followed and not cmd.notify_empty
    assert cmd.schedule.cron == "0 * * * *"
    plain = c.parse("subscribe weekdays 07:30")
    assert isinstance(plain, c.Subscribe)
    assert (plain.only_followed, plain.keywords, plain.notify_empty) == (False, (), False)
    with pytest.raises(UsageError, match="`keywords` needs"):
        c.parse("subscribe daily 08:00 keywords , ,")
