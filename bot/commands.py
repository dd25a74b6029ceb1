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
from briefings.digest import build_digest, mark_delivered
from briefings.dossier import lookup
from briefings.errors import BriefingError, FetchError
from briefings.render.escape import FORMATTING
from briefings.render.terminal import render
from briefings.store.visibility import SHARED

from . import wording as w
from .context import AppContext
from .fetching import local_hint
from .slack import answers as a
from .slack import commands as c
from .slack.catchup import EPOCH

# The console is the operator's: it reads every article (as the CLI does), and what
# it briefs joins the shared corpus (as `briefbot ingest` would).
CONSOLE_TEAM, CONSOLE_CHANNEL, CONSOLE_USER = "local", "console", "console"

WORD_JOINER = "\u2060"
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")
_USER = re.compile(r"<@([A-Z0-9]+)>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_EMPHASIS = re.compile(r"(?<!\w)[*_](\S[^*_\n]*?\S|\S)[*_](?!\w)")


# The look-alikes that keep article text from formatting in Slack, back to themselves.
_UNFORMAT = str.maketrans({v: k for k, v in FORMATTING.items()})


def _link_text(m: re.Match[str]) -> str:
    url = m.group(1).replace("&amp;", "&")
    label = (m.group(2) or "").replace(WORD_JOINER, "").replace("&amp;", "&")
    return url if not label or label == url else f"{label} ({url})"


def plain(mrkdwn: str) -> str:
    """Slack mrkdwn to terminal text: no link or mention markup left, escapes undone,
    emphasis dropped, the invisible joiners that defuse links in Slack removed."""
    text = _LINK.sub(_link_text, mrkdwn)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _USER.sub(r"@\1", text)
    text = _SPECIAL.sub(r"@\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = text.replace(WORD_JOINER, "").translate(_UNFORMAT)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _error(exc: BriefingError) -> str:
    return plain(str(exc)) + local_hint(exc.__cause__ or exc)


def answer_console_line(ctx: AppContext, line: str) -> Any:
    """A rich renderable (or plain text) answering one console line. A bad line gets
    its one-line explanation, never a traceback."""
    text = line.strip()
    if not text.startswith("/brief"):
        word = text.split()[0] if text else ""
        return escape(f"unknown command {word!r}; type /brief help")
    try:
        cmd = c.parse(
            text[len("/brief") :].strip(), default_timezone=ctx.settings.briefbot_timezone
        )
        return _answer(ctx, cmd)
    except BriefingError as exc:
        return escape(_error(exc))


def _answer(ctx: AppContext, cmd: Any) -> Any:
    if isinstance(cmd, c.Official):
        return render(lookup(ctx.store, cmd.query))
    if isinstance(cmd, c.Latest):
        briefings = latest_briefings(ctx.store, cmd.count)
        if not briefings:
            return "no briefings yet"
        return Group(*(render(b) for b in briefings))
    if isinstance(cmd, c.BriefUrl):
        try:
            aid = a.stored_or_fetched(ctx, cmd.url, SHARED)
        except FetchError as exc:
            return escape(f"{cmd.url}: {exc}{local_hint(exc)}")
        got = ctx.store.get_article(aid) if aid is not None else None
        if got is None or got[1] is None:
            return escape(f"{cmd.url}: could not be briefed")
        return render(compose_briefing(got[0], got[1], article_id=aid))
    if isinstance(cmd, c.CatchUp):  # the terminal is the console's channel
        digest = build_digest(
            ctx.store,
            team_id=CONSOLE_TEAM,
            channel_id=CONSOLE_CHANNEL,
            since=EPOCH,
            max_stories=cmd.count,
        )
        if not digest.stories:
            return escape(plain(w.say("catch_up_none")))
        mark_delivered(ctx.store, CONSOLE_TEAM, CONSOLE_CHANNEL, digest.article_ids)
        return render(digest)
    who = a.Asker(CONSOLE_TEAM, CONSOLE_CHANNEL, CONSOLE_USER)
    return escape(plain(a.answer(ctx, cmd, who).get("text", "")))
