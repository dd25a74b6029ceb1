"""Listeners, one folder per kind (bolt-python's starter layout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import actions, commands, events

if TYPE_CHECKING:
    from slack_bolt import App

    from ...context import AppContext


def register(app: App, ctx: AppContext) -> None:
    events.register(app, ctx)  # first: its middleware drops retried events
    commands.register(app, ctx)
    actions.register(app, ctx)
