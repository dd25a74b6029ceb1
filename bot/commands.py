"""`/brief` lines typed in console mode, answered as Slack would answer them.

The line is parsed by the same parser as the Slack command; facts (dossiers,
briefings) are rendered for the terminal, the rest is the Slack answer's text.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Group
from rich.markup import escape

from briefings.compose import compose_briefing, latest_briefings
from briefings.dossier import lookup
from briefings.errors import BriefingError
from briefings.render.terminal import render

from .context import AppContext
from .fetching import fetch_article
from .slack import answers as a
from .slack import commands as c

CONSOLE_TEAM, CONSOLE_CHANNEL, CONSOLE_USER = "local", "console", "console"


def _plain(mrkdwn: str) -> str:
    """Slack mrkdwn to terminal text: links and escapes undone, emphasis dropped."""
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", mrkdwn)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?<!\w)[*_](\S[^*_\n]*?\S|\S)[*_](?!\w)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def answer_console_line(ctx: AppContext, line: str) -> Any:
    """A rich renderable (or plain text) answering one console line."""
    text = line.strip()
    if not text.startswith("/brief"):
        word = text.split()[0] if text else ""
        return escape(f"unknown command {word!r}; type /brief help")
    try:
        cmd = c.parse(
            text[len("/brief") :].strip(), default_timezone=ctx.settings.briefbot_timezone
        )
    except BriefingError as exc:
        return escape(_plain(str(exc)))
    if isinstance(cmd, c.Official):
        return render(lookup(ctx.store, cmd.query))
    if isinstance(cmd, c.Latest):
        briefings = latest_briefings(ctx.store, cmd.count)
        if not briefings:
            return "no briefings yet"
        return Group(*(render(b) for b in briefings))
    if isinstance(cmd, c.BriefUrl):
        try:
            article = fetch_article(cmd.url, ctx.settings)
        except BriefingError as exc:
            return escape(f"{cmd.url}: {exc}")
        report = ctx.ingest([article])
        got = ctx.store.get_article(report.article_ids[0]) if report.article_ids else None
        if got is None or got[1] is None:
            return escape(f"{cmd.url}: could not be briefed")
        return render(compose_briefing(got[0], got[1], article_id=report.article_ids[0]))
    who = a.Asker(CONSOLE_TEAM, CONSOLE_CHANNEL, CONSOLE_USER)
    return escape(_plain(a.answer(ctx, cmd, who).get("text", "")))
