"""Buttons: Show sources, Follow <official>, Share in channel; App Home controls and
the digest settings modal."""

from __future__ import annotations

from concurrent.futures import Executor
from typing import TYPE_CHECKING

from .buttons import register_buttons
from .home_controls import register_home_controls

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext


def register(app: App, ctx: AppContext, pool: Executor) -> None:
    register_buttons(app, ctx, pool)
    register_home_controls(app, ctx, pool)
