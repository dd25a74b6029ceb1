from __future__ import annotations

from concurrent.futures import Executor
from typing import TYPE_CHECKING

from .brief import register_brief

if TYPE_CHECKING:
    from slack_bolt import App

    from ....context import AppContext


def register(app: App, ctx: AppContext, pool: Executor) -> None:
    register_brief(app, ctx, pool)
