"""Console mode: no Slack tokens, so the bot talks on the terminal.

It ingests the seeds folder, prints the digest, then answers `/brief ...`
lines read from standard input, the way Slack would, until end of input.
"""

from __future__ import annotations

import logging
from typing import TextIO

from rich.console import Console

from .context import AppContext

log = logging.getLogger("briefbot.console")

PROMPT_HINT = "Type `/brief <official>`, `/brief latest` or `/brief help`; Ctrl-D quits."


def ingest_seeds(ctx: AppContext, console: Console) -> None:
    from briefings.ingest import ingest
    from briefings.loaders import load_paths

    seeds = ctx.settings.briefbot_seeds
    if not seeds.exists():
        console.print(f"[yellow]no seeds folder at {seeds}; starting empty[/]")
        return
    report = load_paths([seeds])
    for f in report.failures:
        console.print(f"[yellow]skipped[/] {f.reason}")
    result = ingest(report.articles, ctx.extractor, ctx.store)
    console.print(
        f"[dim]seeds: {result.new} new, {result.updated} updated, "
        f"{result.unchanged} unchanged, {result.failed + len(report.failures)} failed[/]"
    )


def run_console(ctx: AppContext, stdin: TextIO, console: Console) -> int:
    from .commands import answer_console_line

    ingest_seeds(ctx, console)
    from briefings.digest import build_digest
    from briefings.render.terminal import render

    console.rule("digest")
    console.print(render(build_digest(ctx.store, team_id="local", channel_id="console")))
    console.rule()
    console.print(f"[dim]{PROMPT_HINT}[/]")
    for line in stdin:
        line = line.strip()
        if not line:
            continue
        try:
            console.print(answer_console_line(ctx, line))
        except Exception:  # the console keeps running whatever one command does
            log.exception("command failed: %s", line)
            console.print("[red]that command failed; see the log[/]")
    return 0
