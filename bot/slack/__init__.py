"""The Slack app: `/brief`, App Home, link unfurls and buttons, over Socket Mode or HTTP.

`run(ctx)` is what `briefbot run` calls when Slack tokens are configured.
"""

from __future__ import annotations

from ..context import AppContext
from .http import run_http
from .socket import run_socket

__all__ = ["run"]


def run(ctx: AppContext) -> int:
    """Run the bot in the mode the settings select (socket or http) until stopped."""
    mode = ctx.settings.mode
    if mode == "socket":
        return run_socket(ctx)
    if mode == "http":
        return run_http(ctx)
    raise SystemExit(
        "Slack mode needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET"
    )
