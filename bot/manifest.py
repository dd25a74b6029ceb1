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

HEADER = """\
# Slack app manifest for briefbot, printed by `briefbot manifest` (do not edit by hand:
# regenerate it). Create the app at https://api.slack.com/apps -> Create New App ->
# From an app manifest.
#
# Socket Mode (this file): create an app-level token with connections:write and set
# SLACK_APP_TOKEN and SLACK_BOT_TOKEN. HTTP mode: `briefbot manifest --http
# https://your.host` prints the manifest with every request URL filled in (set
# SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET). Links of the news sites listed in
# BRIEFBOT_UNFURL_DOMAINS are unfurled; `briefbot manifest` copies that setting.
"""

BOT_SCOPES = (
    "app_mentions:read",  # @briefbot mentions
    "commands",  # /brief and the message shortcut
    "chat:write",
    "chat:write.public",  # digests in public channels the bot was not invited to
    "im:write",  # alerts by direct message
    "links:read",
    "links:write",  # unfurls
    "channels:read",
    "groups:read",  # which channels a user is in (App Home)
    "channels:history",
    "groups:history",
    "users:read",
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
    events: dict[str, Any] = {
        "bot_events": [ids.EVENT_APP_HOME_OPENED, ids.EVENT_APP_MENTION, ids.EVENT_LINK_SHARED]
    }
    interactivity: dict[str, Any] = {"is_enabled": True}
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
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
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
