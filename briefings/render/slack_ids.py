"""Every identifier and limit that Slack and briefbot must agree on, in one place.

Renderers build buttons with these ids and listeners register for the same ones,
so a renamed action cannot leave a button without a listener. This module is plain
data (it lives under `briefings/` because the renderers may not import `bot/`).
No callback ids yet: briefbot opens no modals and has no shortcuts.
"""

from __future__ import annotations

from typing import Final

# -- the slash command and the events (must match manifest.yml) --------------------
COMMAND: Final = "/brief"
EVENT_APP_HOME_OPENED: Final = "app_home_opened"
EVENT_LINK_SHARED: Final = "link_shared"

# -- button action ids (action_id -> what the value carries) ---------------------------
ACTION_SHOW_SOURCES: Final = "show_sources"  # the stored article id, as a decimal string
ACTION_FOLLOW: Final = "follow_official"  # the official's full name
ACTION_SHARE: Final = "share_in_channel"  # "<kind>:<argument>", one of the kinds below

# What a Share button's value stands for: "briefing:<article id>", "dossier:<query>",
# "latest:<count>".
SHARE_BRIEFING: Final = "briefing"
SHARE_DOSSIER: Final = "dossier"
SHARE_LATEST: Final = "latest"

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
