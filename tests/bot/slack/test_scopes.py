"""Least privilege: the manifest asks for exactly the scopes the code needs.

The code is scanned for the Web API methods it calls (`client.chat_postMessage(...)`
and the like); each must be declared in `bot.manifest.METHOD_SCOPES`, and every bot
scope in the manifest must be needed by a declared method, an event the bot listens
to, or a listed feature. A new call without its scope, or a scope nothing uses, fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.web.base_client import BaseClient

from bot.manifest import (
    BOT_SCOPES,
    EVENT_SCOPES,
    FEATURE_SCOPES,
    METHOD_SCOPES,
    OPTIONAL_SCOPES,
    build_manifest,
)

BOT = Path(__file__).resolve().parents[3] / "bot"
API = {n for n in dir(WebClient) if not n.startswith("_") and n not in dir(BaseClient)}


def _called_methods() -> dict[str, set[str]]:
    """Web API method -> the files calling it."""
    found: dict[str, set[str]] = {}
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                if name in API:
                    method = name.replace("_", ".")
                    found.setdefault(method, set()).add(str(path.relative_to(BOT.parent)))
    return found


def test_every_method_the_code_calls_is_declared_with_its_scopes() -> None:
    called = _called_methods()
    assert "chat.postMessage" in called and "users.conversations" in called  # the scan works
    undeclared = {m: sorted(f) for m, f in called.items() if m not in METHOD_SCOPES}
    assert undeclared == {}, "declare these in bot.manifest.METHOD_SCOPES"
    unused = set(METHOD_SCOPES) - set(called)
    assert unused == set(), "no longer called: drop them from METHOD_SCOPES"


def test_every_scope_is_needed_and_every_need_is_granted() -> None:
    needed = {s for scopes in METHOD_SCOPES.values() for s in scopes}
    needed |= {s for scopes in EVENT_SCOPES.values() for s in scopes}
    needed |= set(FEATURE_SCOPES)
    assert set(BOT_SCOPES) == needed
    assert len(BOT_SCOPES) == len(set(BOT_SCOPES))
    assert set(OPTIONAL_SCOPES) <= needed
    # The audit: users:read was never used (no users.* call but users.conversations,
    # which needs channels:read/groups:read, as the channel events do).
    assert "users:read" not in BOT_SCOPES


def test_the_manifest_subscribes_to_every_event_with_a_listener() -> None:
    data = build_manifest(http_url="https://bot.example.org")
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert set(events) == set(EVENT_SCOPES)
    assert {"app_uninstalled", "tokens_revoked", "channel_archive", "group_left"} <= set(events)
    assert data["oauth_config"]["redirect_urls"] == ["https://bot.example.org/slack/oauth_redirect"]
    assert data["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
