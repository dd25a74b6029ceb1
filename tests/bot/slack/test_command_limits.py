"""Over-long input is refused at the edge with a clear message, never "Something went
wrong"; a cron expression that never fires is refused (sent to the running bot)."""

from __future__ import annotations

from typing import Any

import pytest

from briefings.store.channels import Channels


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("subscribe daily 08:00 " + "Europe/" + "x" * 300, "not a timezone I know"),
        ("follow " + "Kelly " * 60, "name is too long (359 characters; at most 200)"),
        (
            "sources add https://news.example/" + "feed/" * 500,
            "address is too long (2,521 characters; at most 2,000)",
        ),
        ('subscribe cron "0 8 31 2 *"', "it never fires"),
    ],
)
def test_refused_with_a_clear_message(http_bot: Any, http_ctx: Any, text: str, expect: str) -> None:
    (answer,) = http_bot.ask(text, channel_id="CLIMITS")
    assert expect in answer["text"]
    assert "Something went wrong" not in answer["text"]
    ch = Channels(http_ctx.store)
    assert ch.subscription("T0FAKE", "CLIMITS") is None
