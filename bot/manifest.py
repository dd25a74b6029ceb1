"""The Slack app manifest, built from code so it always matches the listeners.

`briefbot manifest` prints it for Socket Mode; `briefbot manifest --http URL` for
HTTP mode, with every request URL (command, events, interactivity, shortcut) filled
in. Unfurl domains come from BRIEFBOT_UNFURL_DOMAINS, the same setting the bot
reads, so the two can never disagree. `manifest.yml` in the repository is this
output for Socket Mode with no unfurl domains (a test keeps them equal).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import yaml

from briefings.errors import UsageError
from briefings.render import slack_ids as ids

EVENTS_PATH = "/slack/events"
REDIRECT_PATH = "/slack/oauth_redirect"  # install by OAuth: Slack sends the installer back

HEADER = """\
# Slack app manifest for briefbot, printed by `briefbot manifest` (do not edit by hand:
# regenerate it). Create the app at https://api.slack.com/apps -> Create New App ->
# From an app manifest.
#
# Socket Mode (this file): create an app-level token with connections:write and set
# SLACK_APP_TOKEN and SLACK_BOT_TOKEN. HTTP mode: `briefbot manifest --http
# https://your.host` prints the manifest with every request URL filled in (set
# SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or for many workspaces SLACK_CLIENT_ID,
# SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET and SLACK_REDIRECT_URI: see docs/slack.md).
# Links of the news sites listed in BRIEFBOT_UNFURL_DOMAINS are unfurled; `briefbot
# manifest` copies that setting.
"""

# Least privilege: every bot scope is here because of a Web API method the code calls,
# an event it listens to, or a feature (tests/bot/slack/test_scopes.py scans the code
# for the methods and checks both directions).
METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "auth.test": (),
    "chat.postMessage": ("chat:write",),
    "chat.unfurl": ("links:write",),
    "conversations.open": ("im:write",),  # alert and "digest paused" DMs
    "users.conversations": ("channels:read", "groups:read"),  # a user's channels (App Home)
    "views.open": (),
    "views.publish": (),
    # The duplicate-post check after a crash: optional; without them a stale claim is
    # judged from the database record (logged once).
    "conversations.history": ("channels:history", "groups:history"),
    "conversations.replies": ("channels:history", "groups:history"),
}
OPTIONAL_SCOPES = ("channels:history", "groups:history")
FEATURE_SCOPES: dict[str, str] = {
    "commands": "/brief and the message shortcut",
    "chat:write.public": "digests in public channels the bot was not invited to",
}
EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    ids.EVENT_APP_HOME_OPENED: (),
    ids.EVENT_APP_MENTION: ("app_mentions:read",),
    ids.EVENT_LINK_SHARED: ("links:read",),
    ids.EVENT_APP_UNINSTALLED: (),
    ids.EVENT_TOKENS_REVOKED: (),
    "channel_archive": ("channels:read",),
    "channel_deleted": ("channels:read",),
    "channel_left": ("channels:read",),
    "group_archive": ("groups:read",),
    "group_deleted": ("groups:read",),
    "group_left": ("groups:read",),
    ids.EVENT_MEMBER_LEFT_CHANNEL: ("channels:read", "groups:read"),
}

BOT_SCOPES = (
    "app_mentions:read",
    "commands",
    "chat:write",
    "chat:write.public",
    "im:write",
    "links:read",
    "links:write",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
)


def check_base_url(url: str) -> str:
    """The public https base URL for HTTP mode, without a trailing slash."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise UsageError(
            f"--http needs the bot's public https base URL (e.g. https://bot.example.org): {url!r}"
        )
    return url.strip().rstrip("/")


def build_manifest(
    *, unfurl_domains: tuple[str, ...] = (), http_url: str | None = None
) -> dict[str, Any]:
    """The manifest as a dict; `http_url` (checked with `check_base_url`) selects HTTP mode."""
    request_url = f"{check_base_url(http_url)}{EVENTS_PATH}" if http_url else None
    with_url: dict[str, str] = {"url": request_url} if request_url else {}
    command: dict[str, Any] = {
        "command": ids.COMMAND,
        **with_url,
        "description": "Diplomacy briefings, dossiers and channel digests",
        "usage_hint": (
            "<official> | <article URL> | latest | subscribe daily 08:00 | follow me <official>"
            " | help"
        ),
        "should_escape": False,
    }
    features: dict[str, Any] = {
        # The Messages tab carries the alerts (direct messages from the bot); people
        # read them there but talk to the bot with /brief, so it is read-only.
        "app_home": {
            "home_tab_enabled": True,
            "messages_tab_enabled": True,
            "messages_tab_read_only_enabled": True,
        },
        "bot_user": {"display_name": "briefbot", "always_online": True},
        "shortcuts": [
            {
                "name": "Brief this link",
                "type": "message",
                "callback_id": ids.SHORTCUT_BRIEF_LINK,
                "description": "A briefing of the article linked in this message, just for you",
            }
        ],
        "slash_commands": [command],
    }
    if unfurl_domains:
        features["unfurl_domains"] = list(unfurl_domains)
    events: dict[str, Any] = {"bot_events": list(EVENT_SCOPES)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    oauth_config: dict[str, Any] = {"scopes": {"bot": list(BOT_SCOPES)}}
    if http_url:  # install by OAuth lands here (SLACK_REDIRECT_URI)
        oauth_config = {"redirect_urls": [f"{check_base_url(http_url)}{REDIRECT_PATH}"]}
        oauth_config["scopes"] = {"bot": list(BOT_SCOPES)}
    if request_url:
        events = {"request_url": request_url, **events}
        interactivity["request_url"] = request_url
    return {
        "display_information": {
            "name": "briefbot",
            "description": "Short, traceable briefings on diplomacy news.",
            "long_description": (
                "briefbot turns news articles into short briefings: who met whom, what was "
                "agreed, where officials go next. Ask /brief <official> for a dossier across "
                "all articles, /brief <article URL> to brief one article, and subscribe a "
                "channel to a digest. No language model: every fact links to the sentence "
                "it came from."
            ),
            "background_color": "#1d3557",
        },
        "features": features,
        "oauth_config": oauth_config,
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": request_url is None,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(manifest: dict[str, Any]) -> str:
    body = yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body
