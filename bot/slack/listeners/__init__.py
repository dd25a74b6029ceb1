"""Listeners, one folder per kind (bolt-python's starter layout).

Every listener acknowledges at once and hands its work to the bounded answer
pool (`deferred.deferred`).
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import TYPE_CHECKING

from . import actions, commands, events, shortcuts

if TYPE_CHECKING:
    from slack_bolt import App

    from ...context import AppContext


def register(app: App, ctx: AppContext, pool: Executor) -> None:
    events.register(app, ctx, pool)  # first: its middleware drops retried events
    commands.register(app, ctx, pool)
    actions.register(app, ctx, pool)
    shortcuts.register(app, ctx, pool)
