from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...home import publish_home as publish

if TYPE_CHECKING:
    from ....context import AppContext


def team_of(body: dict[str, Any]) -> str:
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    return str(team)


def publish_home(ctx: AppContext, client: Any, body: dict[str, Any], event: dict[str, Any]) -> None:
    if event.get("tab", "home") != "home":
        return
    user = str(event.get("user") or "")
    if user:
        publish(ctx, client, team_of(body), user)
