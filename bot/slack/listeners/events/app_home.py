from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError

from ...home import home_view

if TYPE_CHECKING:
    from ....context import AppContext

log = logging.getLogger("briefbot.slack.events")


def team_of(body: dict[str, Any]) -> str:
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    return str(team)


def publish_home(ctx: AppContext, client: Any, body: dict[str, Any], event: dict[str, Any]) -> None:
    if event.get("tab", "home") != "home":
        return
    user = str(event.get("user") or "")
    if not user:
        return
    try:
        client.views_publish(user_id=user, view=home_view(ctx, team_of(body), user))
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))
    except Exception:
        log.exception("App Home failed")
