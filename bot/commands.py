"""`/brief` lines typed in console mode, answered as Slack would answer them."""

from __future__ import annotations

from typing import Any

from .context import AppContext

USAGE = (
    "/brief <official>   dossier of an official (e.g. /brief Kelly)\n"
    "/brief latest       the latest briefings\n"
    "/brief help         this text"
)


def answer_console_line(ctx: AppContext, line: str) -> Any:
    """A rich renderable answering one console line."""
    from briefings.render.terminal import render

    text = line.strip()
    if text.startswith("/brief"):
        text = text[len("/brief") :].strip()
    elif text.startswith("/"):
        return f"unknown command {text.split()[0]!r}; try /brief help"
    if text in ("", "help"):
        return USAGE
    if text == "latest":
        from briefings.compose import compose_briefing

        items = ctx.store.latest(5)
        if not items:
            return "no briefings yet"
        from rich.console import Group

        return Group(*(render(compose_briefing(a, e, article_id=i)) for i, a, e in items if e))
    from briefings.dossier import lookup

    return render(lookup(ctx.store, text))
