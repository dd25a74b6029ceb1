"""`briefbot run` as a real process, in each Slack mode, against the fake Slack; it
answers, logs no secret, and stops cleanly on SIGTERM. Also the manifest."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes import APP_TOKEN, BOT_TOKEN, FakeSlack, ResponseReceiver
from tests.fakes import slack_requests as sr

REPO = Path(__file__).resolve().parents[3]
SECRETS = (BOT_TOKEN, APP_TOKEN, sr.SIGNING_SECRET)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(tmp_path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_"))}
    base.update(
        PYTHONPATH=str(REPO),
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}",
        LOG_LEVEL="DEBUG",
        BRIEFBOT_SEEDS=str(REPO / "seeds"),
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=base,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        raise AssertionError(f"did not stop on SIGTERM:\n{out}") from None
    assert proc.returncode == 0, out
    for secret in SECRETS:
        assert secret not in out
    return out


@pytest.mark.slow
def test_run_http_mode(
    tmp_path: Path, fake_slack: FakeSlack, slack_responses: ResponseReceiver
) -> None:
    fake_slack.reset()
    port = _free_port()
    proc = _start(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": sr.SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.api_url,
            "PORT": str(port),
            "HOST": "127.0.0.1",
        },
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError("the HTTP server did not come up")
            time.sleep(0.2)
        url = slack_responses.new_url()
        body = sr.command_body("subscribe weekdays 08:00 Asia/Tokyo", url)
        r = httpx.post(base + "/slack/events", content=body, headers=sr.signed_headers(body))
        assert r.status_code == 200
        (msg,) = slack_responses.wait(url, 1)
        assert msg["text"].splitlines()[0] == (
            "This channel's digest is now posted on weekdays at 08:00 (Asia/Tokyo)."
        )
    finally:
        _stop(proc)


@pytest.mark.slow
def test_run_oauth_mode_installs_a_workspace(
    tmp_path: Path, slack_responses: ResponseReceiver
) -> None:
    """`briefbot run` with client id/secret and no bot token: no token check at start-up,
    an install through the fake's authorize page, then a signed /brief from that
    workspace answered; the client secret and the issued token never reach the log."""
    from tests.fakes.slack_api import CLIENT_ID, CLIENT_SECRET

    fake = FakeSlack().start()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start(
        tmp_path,
        {
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": CLIENT_SECRET,
            "SLACK_SIGNING_SECRET": sr.SIGNING_SECRET,
            "SLACK_REDIRECT_URI": f"{base}/slack/oauth_redirect",
            "SLACK_AUTHORIZE_URL": f"http://127.0.0.1:{fake.port}/oauth/v2/authorize",
            "SLACK_API_URL": fake.api_url,
            "PORT": str(port),
            "HOST": "127.0.0.1",
        },
    )
    out = ""
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError("the HTTP server did not come up")
            time.sleep(0.2)
        start = httpx.get(base + "/slack/install")
        assert start.status_code == 302
        allowed = httpx.get(start.headers["location"] + "&team=T5")
        back = allowed.headers["location"]
        cookie = start.headers["set-cookie"].split(";", 1)[0]
        assert httpx.get(back, headers={"Cookie": cookie}).status_code == 200
        (token,) = fake.tokens_of("T5")
        url = slack_responses.new_url()
        body = sr.command_body("subscribe daily 08:00", url, team_id="T5")
        r = httpx.post(base + "/slack/events", content=body, headers=sr.signed_headers(body))
        assert r.status_code == 200
        (msg,) = slack_responses.wait(url, 1)
        assert msg["text"].startswith("This channel's digest is now posted")
        assert token in {c.token for c in fake.calls_to("auth.test")}  # Bolt's authorize
    finally:
        out = _stop(proc)
        fake.stop()
    assert CLIENT_SECRET not in out and "xoxb-T5" not in out


@pytest.mark.slow
def test_run_socket_mode(
    tmp_path: Path, fake_slack: FakeSlack, slack_responses: ResponseReceiver
) -> None:
    fake_slack.reset()
    sm: Any = fake_slack.socket
    before = sm.accepted
    old = {id(c) for c in sm.connections}
    proc = _start(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": fake_slack.api_url,
        },
    )
    try:
        deadline = time.monotonic() + 30
        while sm.accepted <= before:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError("the bot did not connect over Socket Mode")
            time.sleep(0.1)
        opened = fake_slack.calls_to("apps.connections.open")
        assert opened and opened[-1].token == APP_TOKEN
        url = slack_responses.new_url()
        eid = sm.send("slash_commands", sr.command_fields("help", url))
        sm.wait_ack(eid, timeout=3)
        (msg,) = slack_responses.wait(url, 1)
        assert "/brief <official>" in msg["text"]
    finally:
        _stop(proc)
    deadline = time.monotonic() + 5

    def ours() -> list[Any]:
        return [c for c in sm.connections if id(c) not in old]

    while ours() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ours() == []  # the bot closed its connection on SIGTERM


def test_url_verification_challenge(http_bot: Any) -> None:
    import json

    body = json.dumps({"token": "x", "challenge": "c0ffee", "type": "url_verification"}).encode()
    r = http_bot.post(body, sr.signed_headers(body, content_type="application/json"))
    assert r.status_code == 200
    assert "c0ffee" in r.text


def test_manifest_declares_what_the_bot_uses() -> None:
    import yaml

    from bot.manifest import build_manifest, manifest_yaml

    text = (REPO / "manifest.yml").read_text(encoding="utf-8")
    regenerate = "regenerate it: briefbot manifest > manifest.yml"
    assert text == manifest_yaml(build_manifest()), regenerate
    data = yaml.safe_load(text)
    features, settings = data["features"], data["settings"]
    assert features["slash_commands"][0]["command"] == "/brief"
    assert settings["socket_mode_enabled"] is True
    assert "url" not in features["slash_commands"][0]  # Socket Mode needs no request URLs
    home = features["app_home"]
    # Alerts arrive as direct messages: the Messages tab is on, and read-only.
    assert home["messages_tab_enabled"] is True and home["messages_tab_read_only_enabled"] is True
    assert features["shortcuts"][0]["callback_id"] == "brief_this_link"
    assert features["shortcuts"][0]["type"] == "message"
    assert {"app_home_opened", "app_mention", "link_shared", "app_uninstalled"} <= set(
        settings["event_subscriptions"]["bot_events"]
    )  # the full list and the scopes: test_scopes.py
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    for scope in ("commands", "chat:write", "app_mentions:read", "im:write", "links:write"):
        assert scope in scopes, scope


def test_a_bad_token_stops_start_up_with_one_line(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.reset()
    proc = _start(
        tmp_path,
        {
            "SLACK_BOT_TOKEN": "xoxb-not-the-right-token",
            "SLACK_SIGNING_SECRET": sr.SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.api_url,
            "PORT": str(_free_port()),
            "HOST": "127.0.0.1",
        },
    )
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2, out
    assert out.strip().splitlines() == [
        "error: SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)"
    ]
    assert "xoxb-not-the-right-token" not in out
