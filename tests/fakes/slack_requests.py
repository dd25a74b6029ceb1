"""What Slack sends to an app: slash commands, button clicks and events, correctly
signed (or deliberately not), with every field Slack includes.

Used by the end-to-end tests and `bench/slack_http.py`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from .slack_api import APP_ID, TEAM_ID

SIGNING_SECRET = "fake-signing-secret-0123456789abcdef"
USER_ID = "U0ALICE"
CHANNEL_ID = "C0NEWS"
_ids = itertools.count(1)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    body: bytes,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: float | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    retry_num: int | None = None,
) -> dict[str, str]:
    ts = str(int(timestamp if timestamp is not None else time.time()))
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


def command_fields(
    text: str,
    response_url: str,
    *,
    command: str = "/brief",
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
) -> dict[str, str]:
    """A slash command's fields, as Slack posts them."""
    n = next(_ids)
    return {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "team_domain": "fake-team",
        "channel_id": channel_id,
        "channel_name": "news",
        "user_id": user_id,
        "user_name": "alice",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{n}.{int(time.time())}.fake",
    }


def command_body(text: str, response_url: str, **kw: Any) -> bytes:
    return urlencode(command_fields(text, response_url, **kw)).encode()


def action_payload(
    action_id: str,
    value: str,
    response_url: str | None,
    *,
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
    container: str = "message",
) -> dict[str, Any]:
    """A `block_actions` payload for a button click on an ephemeral message (or the
    Home tab when container="view": no channel, no response_url)."""
    now = f"{time.time():.6f}"
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user_id, "username": "alice", "name": "alice", "team_id": team_id},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "trigger_id": f"{next(_ids)}.fake",
        "team": {"id": team_id, "domain": "fake-team"},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "button", "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": now,
            }
        ],
    }
    if container == "view":
        payload["container"] = {"type": "view", "view_id": "V0HOME"}
        payload["view"] = {"id": "V0HOME", "type": "home", "blocks": []}
    else:
        payload["container"] = {
            "type": "message",
            "message_ts": now,
            "channel_id": channel_id,
            "is_ephemeral": True,
        }
        payload["channel"] = {"id": channel_id, "name": "news"}
        payload["response_url"] = response_url
    return payload


def action_body(payload: dict[str, Any]) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


def event_payload(
    event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID
) -> dict[str, Any]:
    """An Events API `event_callback` envelope."""
    return {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": "U0BOT",
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-fake-{next(_ids)}",
    }


def home_opened(user_id: str = USER_ID) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }


def link_shared(url: str, *, channel: str = CHANNEL_ID, user_id: str = USER_ID) -> dict[str, Any]:
    from urllib.parse import urlsplit

    return {
        "type": "link_shared",
        "channel": channel,
        "is_bot_user_member": True,
        "user": user_id,
        "message_ts": f"{time.time():.6f}",
        "unfurl_id": f"U{next(_ids)}",
        "source": "conversations_history",
        "links": [{"domain": urlsplit(url).hostname or "", "url": url}],
        "event_ts": f"{time.time():.6f}",
    }


def message_shortcut_payload(
    message_text: str,
    response_url: str,
    *,
    callback_id: str = "brief_this_link",
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
) -> dict[str, Any]:
    """A `message_action` payload: a message shortcut used on a message."""
    ts = f"{time.time():.6f}"
    return {
        "type": "message_action",
        "token": "deprecated-verification-token",
        "action_ts": ts,
        "team": {"id": team_id, "domain": "fake-team"},
        "user": {"id": user_id, "username": "alice", "name": "alice", "team_id": team_id},
        "channel": {"id": channel_id, "name": "news"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": f"{next(_ids)}.fake",
        "response_url": response_url,
        "message_ts": ts,
        "message": {"type": "message", "user": "U0BOB", "ts": ts, "text": message_text},
    }


def app_mention(
    text: str,
    *,
    channel: str = CHANNEL_ID,
    user_id: str = USER_ID,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    ts = f"{time.time():.6f}"
    event = {
        "type": "app_mention",
        "user": user_id,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def view_submission(
    view: dict[str, Any],
    values: dict[str, dict[str, dict[str, Any]]],
    *,
    team_id: str = TEAM_ID,
    user_id: str = USER_ID,
) -> dict[str, Any]:
    """A `view_submission` payload for the modal `view` with the inputs' `values`
    (state.values[block_id][action_id])."""
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "fake-team"},
        "user": {"id": user_id, "username": "alice", "name": "alice", "team_id": team_id},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "trigger_id": f"{next(_ids)}.fake",
        "view": {
            "id": "V0MODAL",
            "team_id": team_id,
            "app_id": APP_ID,
            "bot_id": "B0BOT",
            "hash": "h",
            **view,
            "state": {"values": values},
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
