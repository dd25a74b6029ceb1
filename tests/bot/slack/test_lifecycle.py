"""Lifecycle events, signed and sent over HTTP to the running bot (single-workspace token
mode; the OAuth side is in test_oauth.py), on SQLite and PostgreSQL: a channel archived
or deleted or the bot removed from it pauses that channel's digest and tells the
subscriber once; tokens_revoked removes the installation's schedules; app_uninstalled
forgets the workspace."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from bot.context import AppContext, build_context
from bot.slack.http import HttpServer
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels
from tests.fakes import FakeSlack
from tests.fakes import slack_requests as sr

from .conftest import make_settings

TEAM = "T0FAKE"


@dataclass
class Bot:
    ctx: AppContext
    fake: FakeSlack
    http: httpx.Client

    def event(self, event: dict[str, Any]) -> None:
        body = json.dumps(sr.event_payload(event)).encode()
        headers = sr.signed_headers(body, content_type="application/json")
        r = self.http.post("/slack/events", content=body, headers=headers)
        assert r.status_code == 200, r.text

    def dms(self) -> list[str]:
        return [
            str(c.params["text"]) for c in self.fake.posts() if c.params["channel"] == "D0ALICE"
        ]


@pytest.fixture
def bot(db_url: str, tmp_path: Any) -> Iterator[Bot]:
    fake = FakeSlack().start()
    settings = make_settings(fake, tmp_path / "unused.db").model_copy(
        update={"database_url": db_url}
    )
    ctx = build_context(settings)
    server = HttpServer(ctx, host="127.0.0.1", port=0).start()
    http = httpx.Client(base_url=server.url, timeout=10)
    try:
        yield Bot(ctx, fake, http)
    finally:
        http.close()
        server.stop()
        ctx.close()
        fake.stop()


def _subscribe(ctx: AppContext, channel: str) -> None:
    Channels(ctx.store).subscribe(
        TEAM,
        channel,
        schedule="daily 08:00",
        cron="0 8 * * *",
        timezone="UTC",
        created_by=sr.USER_ID,
    )


def _until(cond: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _paused(ctx: AppContext, channel: str) -> bool:
    sub = Channels(ctx.store).subscription(TEAM, channel)
    return sub is not None and sub.paused


@pytest.mark.parametrize(
    ("event", "words"),
    [
        ({"type": "channel_archive", "channel": "C1", "user": "U2"}, "archived"),
        ({"type": "channel_deleted", "channel": "C1"}, "no longer exists"),
        ({"type": "group_archive", "channel": "C1"}, "archived"),
        ({"type": "group_deleted", "channel": "C1"}, "no longer exists"),
        ({"type": "channel_left", "channel": "C1", "actor_id": "U2"}, "/invite"),
        ({"type": "group_left", "channel": "C1", "actor_id": "U2"}, "/invite"),
        (
            {"type": "member_left_channel", "user": "U0BOT", "channel": "C1", "team": TEAM},
            "/invite",
        ),
    ],
    ids=lambda v: v["type"] if isinstance(v, dict) else "",
)
def test_channel_gone_pauses_the_digest_and_tells_once(
    bot: Bot, event: dict[str, Any], words: str
) -> None:
    _subscribe(bot.ctx, "C1")
    _subscribe(bot.ctx, "C2")
    bot.event(event)
    _until(lambda: len(bot.dms()) == 1)
    assert _paused(bot.ctx, "C1") and not _paused(bot.ctx, "C2")
    (dm,) = bot.dms()
    assert "<#C1>" in dm and words in dm
    bot.event(event)  # the same thing again (a new event id): nobody is told twice
    time.sleep(0.5)
    assert len(bot.dms()) == 1


def test_someone_else_leaving_changes_nothing(bot: Bot) -> None:
    _subscribe(bot.ctx, "C1")
    bot.event({"type": "member_left_channel", "user": "U2", "channel": "C1", "team": TEAM})
    bot.event({"type": "channel_archive", "channel": "C9"})  # a channel with no digest
    time.sleep(0.5)
    assert not _paused(bot.ctx, "C1")
    assert bot.dms() == []


def test_tokens_revoked_removes_the_schedules(bot: Bot) -> None:
    _subscribe(bot.ctx, "C1")
    channels = Channels(bot.ctx.store)
    channels.follow(TEAM, "channel", "C1", "James Kelly")
    bot.event({"type": "tokens_revoked", "tokens": {"oauth": ["U2"]}})  # a user's: no change
    time.sleep(0.5)
    assert channels.subscription(TEAM, "C1") is not None
    bot.event({"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}})
    _until(lambda: channels.subscriptions(TEAM) == [])
    assert [f.name for f in channels.follows(TEAM, "channel", "C1")] == ["James Kelly"]


def test_app_uninstalled_forgets_the_workspace(bot: Bot) -> None:
    _subscribe(bot.ctx, "C1")
    channels = Channels(bot.ctx.store)
    channels.follow(TEAM, "channel", "C1", "James Kelly")
    channels.follow(TEAM, "user", sr.USER_ID, "James Kelly")
    channels.add_feed(TEAM, "C1", "http://127.0.0.1:9/feed.xml")
    channels.subscribe(
        "T2", "C5", schedule="daily 08:00", cron="0 8 * * *", timezone="UTC", created_by="U5"
    )
    Alerts(bot.ctx.store).mute(TEAM, sr.USER_ID, "James Kelly")
    bot.event({"type": "app_uninstalled"})
    _until(lambda: channels.subscriptions(TEAM) == [])
    assert channels.follows(TEAM, "channel", "C1") == []
    assert channels.follows(TEAM, "user", sr.USER_ID) == []
    assert channels.feeds(TEAM) == []
    assert Alerts(bot.ctx.store).muted(TEAM, sr.USER_ID) == []
    assert [s.team_id for s in channels.subscriptions()] == ["T2"]  # another workspace's


def test_token_mode_has_no_install_pages(bot: Bot) -> None:
    """Single-workspace token mode is unchanged: no OAuth routes answer."""
    assert bot.http.get("/slack/install").status_code == 404
    assert bot.http.get("/slack/oauth_redirect?code=x&state=y").status_code == 404


def test_bolt_does_not_switch_to_oauth_behind_the_settings(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bolt turns OAuth on by itself when SLACK_CLIENT_ID/SECRET are in the environment;
    with a bot token the settings say single-workspace mode, and that is what runs."""
    from bot.slack.app import build_app, shutdown

    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "s")
    app = build_app(bot.ctx)
    try:
        assert app.oauth_flow is None
        assert app.client.token == bot.ctx.settings.slack_bot_token.get_secret_value()
    finally:
        shutdown(app)
    import os

    assert os.environ["SLACK_CLIENT_ID"] == "1.2"  # put back
