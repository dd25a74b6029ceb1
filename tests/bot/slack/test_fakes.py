"""The fakes themselves: token checks, Block Kit validation, faults, rate limits."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes import APP_TOKEN, BOT_TOKEN, FakeSlack, blocks_errors, message_errors


@pytest.fixture
def fake(fake_slack: FakeSlack) -> FakeSlack:
    fake_slack.reset()
    return fake_slack


def client(fake: FakeSlack, token: str = BOT_TOKEN) -> WebClient:
    return WebClient(token=token, base_url=fake.api_url, timeout=3, retry_handlers=[])


def test_tokens_are_checked(fake: FakeSlack) -> None:
    assert client(fake).auth_test()["team_id"] == "T0FAKE"
    with pytest.raises(SlackApiError) as info:
        client(fake, "xoxb-wrong").auth_test()
    assert info.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError):
        client(fake).apps_connections_open(app_token=BOT_TOKEN)
    assert httpx.post(fake.api_url + "auth.test").json()["error"] == "not_authed"
    assert client(fake).apps_connections_open(app_token=APP_TOKEN)["url"].startswith("ws://")


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_messages_are_validated(fake: FakeSlack) -> None:
    c = client(fake)
    with pytest.raises(SlackApiError) as info:
        c.chat_postMessage(channel="C1", blocks=[{"type": "divider"}])  # no text fallback
    assert "missing text fallback" in info.value.response["errors"]
    too_many = [{"type": "divider"}] * 51
    with pytest.raises(SlackApiError):
        c.chat_postMessage(channel="C1", text="x", blocks=too_many)
    assert len(fake.invalid) == 2
    fake.invalid.clear()
    ok = c.chat_postMessage(channel="C1", text="hello")
    assert ok["ts"] and fake.posts("C1")[0].params["text"] == "hello"


@pytest.mark.parametrize(
    ("blocks", "needle"),
    [
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "limit 150"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3001}}], "limit 3000"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": ""}}], "non-empty"),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}], "1..10"),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "b" * 76},
                            "action_id": "a",
                            "value": "v",
                        }
                    ],
                }
            ],
            "limit 75",
        ),
        ([{"type": "carousel"}], "unknown block type"),
        (
            [{"type": "divider", "block_id": "x"}, {"type": "divider", "block_id": "x"}],
            "duplicate block_id",
        ),
    ],
)
def test_blockkit_limits(blocks: list[dict[str, Any]], needle: str) -> None:
    assert any(needle in e for e in blocks_errors(blocks)), blocks_errors(blocks)
    assert message_errors({"text": "t", "blocks": blocks})


def test_faults(fake: FakeSlack) -> None:
    c = client(fake)
    fake.fail("chat.postMessage", status=429, retry_after=2)
    with pytest.raises(SlackApiError) as info:
        c.chat_postMessage(channel="C1", text="x")
    assert info.value.response.status_code == 429
    assert info.value.response.headers["Retry-After"] == "2"
    fake.fail("chat.postMessage", status=500)
    with pytest.raises(SlackApiError):
        c.chat_postMessage(channel="C1", text="x")
    fake.fail("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as info:
        c.chat_postMessage(channel="C1", text="x")
    assert info.value.response["error"] == "channel_not_found"
    fake.hang("auth.test", seconds=5)
    t0 = time.monotonic()
    with pytest.raises(TimeoutError):
        WebClient(token=BOT_TOKEN, base_url=fake.api_url, timeout=1, retry_handlers=[]).auth_test()
    assert time.monotonic() - t0 < 3
    assert fake.rate_limited == 1


def test_channel_and_workspace_rate_limits(fake: FakeSlack) -> None:
    c = client(fake)
    fake.channel_interval = 1.0
    c.chat_postMessage(channel="C1", text="1")
    with pytest.raises(SlackApiError) as info:
        c.chat_postMessage(channel="C1", text="2")
    assert info.value.response.status_code == 429
    c.chat_postMessage(channel="C2", text="other channel")
    fake.channel_interval = 0
    fake.workspace_per_minute = 3
    c.chat_postMessage(channel="C3", text="3")
    with pytest.raises(SlackApiError):
        c.chat_postMessage(channel="C4", text="4")
    assert len(fake.posts()) == 3 and fake.rate_limited == 2
    assert len(fake.wait_for_posts(3, timeout=1)) == 3
