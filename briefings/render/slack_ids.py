"""Every identifier and limit that Slack and briefbot must agree on, in one place.

Renderers build buttons with these ids, listeners register for the same ones and
the app manifest (`briefbot manifest`) is built from them, so a renamed id cannot
leave a button, a shortcut or an event without a listener. This module is plain
data (it lives under `briefings/` because the renderers may not import `bot/`).
"""

from __future__ import annotations

from typing import Final

# -- the slash command, events and shortcuts (the manifest is built from these) --------
COMMAND: Final = "/brief"
EVENT_APP_HOME_OPENED: Final = "app_home_opened"
EVENT_APP_MENTION: Final = "app_mention"
EVENT_LINK_SHARED: Final = "link_shared"
# Lifecycle: the app removed from a workspace, and a channel gone or left (digest paused).
EVENT_APP_UNINSTALLED: Final = "app_uninstalled"
EVENT_TOKENS_REVOKED: Final = "tokens_revoked"
EVENTS_CHANNEL_GONE: Final = (
    "channel_archive",  # channels:read
    "channel_deleted",
    "group_archive",  # groups:read
    "group_deleted",
)
EVENTS_BOT_LEFT: Final = ("channel_left", "group_left")  # the bot removed from a channel
EVENT_MEMBER_LEFT_CHANNEL: Final = "member_left_channel"  # anyone; the bot's own matter
SHORTCUT_BRIEF_LINK: Final = "brief_this_link"  # message shortcut "Brief this link"

# -- button action ids (action_id -> what the value carries) ---------------------------
ACTION_SHOW_SOURCES: Final = "show_sources"  # the stored article id, as a decimal string
ACTION_FOLLOW: Final = "follow_official"  # the official's full name
ACTION_SHARE: Final = "share_in_channel"  # "<kind>:<argument>", one of the kinds below

# What a Share button's value stands for: "briefing:<article id>", "dossier:<query>",
# "latest:<count>".
SHARE_BRIEFING: Final = "briefing"
SHARE_DOSSIER: Final = "dossier"
SHARE_LATEST: Final = "latest"

# -- App Home controls and the digest settings modal ---------------------------------
ACTION_UNFOLLOW: Final = "unfollow_official"  # value: the official's full name
ACTION_SETTINGS: Final = "digest_settings"  # value: the channel id
VIEW_SETTINGS: Final = "digest_settings_modal"  # callback_id; private_metadata: channel id
# The workspace-wide feeds (every channel of the workspace reads them): a Home button
# (value unused) and its modal (one INPUT_FEEDS input).
ACTION_WORKSPACE_FEEDS: Final = "workspace_feeds"
VIEW_WORKSPACE_FEEDS: Final = "workspace_feeds_modal"
# block_id / action_id of the modal's inputs (state.values[block][action])
INPUT_SCHEDULE: Final = "schedule"
INPUT_TIMEZONE: Final = "timezone"
INPUT_KEYWORDS: Final = "keywords"
INPUT_FOLLOWED: Final = "followed"
INPUT_FEEDS: Final = "feeds"
INPUT_OPTIONS: Final = "options"
OPTION_PAUSED: Final = "paused"
OPTION_ONLY_FOLLOWED: Final = "only_followed"
OPTION_FLAT: Final = "flat"

# -- message metadata ------------------------------------------------------------------
# event_type of the metadata each digest part carries ({"slot": "<slot key>"}), so a
# restarted worker can find a part it posted but did not record.
METADATA_DIGEST: Final = "briefbot_digest"

# -- Block Kit limits (Slack's documented maxima, or a margin under them) ---------------
MAX_BLOCKS: Final = 50  # blocks in a message
MAX_VIEW_BLOCKS: Final = 100  # blocks in a Home tab view
MAX_SECTION: Final = 3000
MAX_HEADER: Final = 150
MAX_CONTEXT_ELEMENTS: Final = 10
MAX_CONTEXT_TEXT: Final = 2000
MAX_BUTTON_TEXT: Final = 75
MAX_BUTTON_VALUE: Final = 2000
MAX_ACCESSIBILITY_LABEL: Final = 75  # a button's label for screen readers
MAX_ACTION_ELEMENTS: Final = 25
MAX_FIELDS: Final = 10
MAX_FIELD_TEXT: Final = 2000
MAX_BLOCK_ID: Final = 255
MAX_TOTAL_TEXT: Final = 10_000  # all text of one message's blocks (Slack: about 12,000)
MAX_FALLBACK: Final = 3000  # the message's top-level `text`


def share_value(kind: str, argument: object) -> str:
    """The value of a Share button: `kind` is one of the SHARE_* kinds."""
    return f"{kind}:{argument}"
