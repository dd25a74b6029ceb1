"""Install by OAuth, over real HTTP: the bot (uvicorn) and the fake Slack (its authorize
page and Web API), on SQLite and PostgreSQL.

Two workspaces install through /slack/install -> the fake's authorize page ->
/slack/oauth_redirect; each gets its own bot token; a signed `/brief` from each is
answered with that workspace's token; uninstalling one forgets it and stops its
digests while the other's go on. A rotating token is refreshed (by Bolt for requests,
by `bot.installs` for scheduled posts) and the fresh one is used.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from bot.context import AppContext
from bot.installs import Installs
from bot.scheduler import build_scheduling
from bot.scheduler.delivery import Outcome
from bot.settings import load_settings
from bot.slack.http import HttpServer
from briefings.store.alerts import Alerts
from briefings.store.channels import Channels
from briefings.store.teams import installed_teams
from tests.fakes import FakeSlack, ResponseReceiver
from tests.fakes import slack_requests as sr
from tests.fakes.slack_api import CLIENT_ID, CLIENT_SECRET

from .conftest import make_context


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OAuthBot:
    ctx: AppContext
    server: HttpServer
    fake: FakeSlack
    rx: ResponseReceiver
    http: httpx.Client

    def install(self, team: str) -> httpx.Response:
        """What a person's browser does: start, allow on Slack (the fake), come back."""
        start = self.http.get("/slack/install")
        assert start.status_code == 302, start.text
        authorize = start.headers["location"]
        assert authorize.startswith(self.ctx.settings.slack_authorize_url)
        with httpx.Client(timeout=10) as browser:
            allowed = browser.get(f"{authorize}&team={team}")
        assert allowed.status_code == 302
        back = allowed.headers["location"]
        assert back.startswith(str(self.ctx.settings.slack_redirect_uri))
        parts = urlsplit(back)
        # The state cookie is `Secure` (production is https): send it as a browser would.
        cookie = start.headers["set-cookie"].split(";", 1)[0]
        return self.http.get(f"{parts.path}?{parts.query}", headers={"Cookie": cookie})

    def command(self, text: str, team: str, channel: str) -> str:
        url = self.rx.new_url()
        body = sr.command_body(text, url, team_id=team, channel_id=channel)
        r = self.http.post("/slack/events", content=body, headers=sr.signed_headers(body))
        assert r.status_code == 200, r.text
        return url

    def event(self, event: dict[str, Any], team: str) -> None:
        body = json.dumps(sr.event_payload(event, team_id=team)).encode()
        headers = sr.signed_headers(body, content_type="application/json")
        r = self.http.post("/slack/events", content=body, headers=headers)
        assert r.status_code == 200, r.text


@pytest.fixture
def oauth_bot(db_url: str, nlp: Any, slack_responses: ResponseReceiver) -> Iterator[OAuthBot]:
    fake = FakeSlack().start()
    port = _free_port()
    settings = load_settings(
        env_file=None,
        slack_bot_token=None,
        slack_app_token=None,
        slack_signing_secret=sr.SIGNING_SECRET,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_redirect_uri=f"http://127.0.0.1:{port}/slack/oauth_redirect",
        slack_authorize_url=f"http://127.0.0.1:{fake.port}/oauth/v2/authorize",
        slack_api_url=fake.api_url,
        database_url=db_url,
        briefbot_timezone="UTC",
        briefbot_workers=2,
        host="127.0.0.1",
    )
    assert settings.oauth and settings.mode == "http"
    ctx = make_context(settings, nlp)
    server = HttpServer(ctx, host="127.0.0.1", port=port).start()
    http = httpx.Client(base_url=server.url, timeout=10)
    try:
        yield OAuthBot(ctx, server, fake, slack_responses, http)
    finally:
        http.close()
        server.stop()
        ctx.close()
        fake.stop()


def _posts_by_token(fake: FakeSlack, channel: str) -> set[str | None]:
    return {c.token for c in fake.posts(channel)}


def _wait(cond: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_two_workspaces_install_answer_with_their_own_tokens_and_uninstall(
    oauth_bot: OAuthBot,
) -> None:
    bot, fake, store = oauth_bot, oauth_bot.fake, oauth_bot.ctx.store
    for team in ("T1", "T2"):
        done = bot.install(team)
        assert done.status_code == 200, done.text
    (t1,), (t2,) = fake.tokens_of("T1"), fake.tokens_of("T2")
    assert t1 != t2
    assert installed_teams(store) == ["T1", "T2"]
    installs = bot.ctx.tokens
    assert isinstance(installs, Installs)
    assert (installs.token("T1"), installs.token("T2"), installs.token("T9")) == (t1, t2, None)
    # oauth.v2.access went to SLACK_API_URL with the app's credentials.
    assert len(fake.calls_to("oauth.v2.access")) == 2

    # A signed /brief from each workspace: posted with that workspace's token.
    for team, channel in (("T1", "C1"), ("T2", "C2")):
        url = bot.command("catch up 1", team, channel)
        (answer,) = bot.rx.wait(url, 1, timeout=20)
        assert answer["text"].startswith("Posted the latest"), answer
    assert _posts_by_token(fake, "C1") == {t1}
    assert _posts_by_token(fake, "C2") == {t2}

    # Both subscribe (the notice of an empty digest makes every digest a post).
    for team, channel in (("T1", "C1"), ("T2", "C2")):
        url = bot.command("subscribe daily 08:00 always", team, channel)
        bot.rx.wait(url, 1, timeout=20)
    channels = Channels(store)
    assert [s.team_id for s in channels.subscriptions()] == ["T1", "T2"]
    channels.follow("T1", "channel", "C1", "James Kelly")
    channels.add_feed("T1", "C1", "http://127.0.0.1:9/feed.xml", added_by="U0ALICE")
    Alerts(store).set_enabled("T1", "U0ALICE", False)

    # T1 uninstalls: Slack revokes its token and sends app_uninstalled.
    fake.revoke(t1)
    bot.event({"type": "app_uninstalled"}, "T1")
    _wait(lambda: channels.subscriptions("T1") == [])
    assert installed_teams(store) == ["T2"]
    assert channels.follows("T1", "channel", "C1") == []
    assert channels.feeds("T1") == []
    assert Alerts(store).enabled("T1", "U0ALICE")  # the row is gone: back to the default

    # Digests: T1's stops, T2's goes on with T2's token.
    svc = build_scheduling(bot.ctx)
    assert svc.delivery is not None
    slot = dt.datetime.now(dt.UTC).replace(microsecond=0)
    before = len(fake.calls_to("chat.postMessage"))
    assert svc.delivery.deliver("T1", "C1", slot) is Outcome.UNSUBSCRIBED
    assert svc.fire_digest("T1", "C1") is None
    assert svc.delivery.deliver("T2", "C2", slot) is Outcome.POSTED
    new = fake.calls_to("chat.postMessage")[before:]
    assert [(c.params["channel"], c.token) for c in new] == [("C2", t2)]


def test_a_rotating_token_is_refreshed_and_the_fresh_one_used(oauth_bot: OAuthBot) -> None:
    bot, fake = oauth_bot, oauth_bot.fake
    fake.rotation = True
    fake.expires_in = 60  # within Bolt's 120-minute margin: refreshed at every use
    assert bot.install("T3").status_code == 200
    (first,) = fake.tokens_of("T3")

    url = bot.command("catch up 1", "T3", "C3")
    bot.rx.wait(url, 1, timeout=20)
    tokens = fake.tokens_of("T3")
    assert len(tokens) >= 2 and first in fake.revoked
    assert _posts_by_token(fake, "C3") == {tokens[-1]}  # Bolt refreshed, then posted

    # A scheduled post refreshes through bot.installs and uses the newest token.
    installs = bot.ctx.tokens
    assert isinstance(installs, Installs)
    token = installs.token("T3")
    assert token == fake.tokens_of("T3")[-1] and token not in fake.revoked
    refreshes = [c for c in fake.calls_to("oauth.v2.access") if c.params.get("refresh_token")]
    assert len(refreshes) >= 2


def test_install_without_state_cookie_is_refused(oauth_bot: OAuthBot) -> None:
    """A redirect that did not start here (no state cookie) installs nothing."""
    bot = oauth_bot
    start = bot.http.get("/slack/install")
    with httpx.Client(timeout=10) as browser:
        allowed = browser.get(start.headers["location"] + "&team=T7")
    parts = urlsplit(allowed.headers["location"])
    with httpx.Client(base_url=bot.server.url, timeout=10) as stranger:
        r = stranger.get(f"{parts.path}?{parts.query}")
    assert r.status_code == 400
    assert installed_teams(bot.ctx.store) == []
    assert bot.fake.calls_to("oauth.v2.access") == []
