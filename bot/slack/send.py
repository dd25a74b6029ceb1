"""Sending answers: through `respond()` (response_url) or the Web API."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond

log = logging.getLogger("briefbot.slack")


def reply(
    respond: Respond,
    message: dict[str, Any],
    *,
    response_type: str = "ephemeral",
    replace_original: bool | None = None,
    delete_original: bool | None = None,
) -> bool:
    """Send `message` to the interaction's response_url; False (logged) if it failed."""
    try:
        resp = respond(
            text=message.get("text") or "",
            blocks=message.get("blocks"),
            response_type=response_type,
            replace_original=replace_original,
            delete_original=delete_original,
        )
    except Exception as exc:  # network errors: the user can retry; never crash the pool
        log.warning("response_url send failed: %s", exc.__class__.__name__)
        return False
    status = getattr(resp, "status_code", 200)
    if status != 200:
        log.warning("response_url answered %s", status)
        return False
    return True
