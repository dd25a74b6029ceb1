"""Console mode: no Slack tokens, so the bot talks on the terminal.

It ingests the seeds folder, prints the digest, then answers `/brief ...`
lines read from standard input, the way Slack would, until end of input.
"""

from __future__ import annotations

import logging
from typing import Any, TextIO

from rich.console import Console

from briefings.loaders import load_paths
from briefings.render.terminal import render

from .commands import CONSOLE_CHANNEL, CONSOLE_TEAM, answer_console_line
from .context import AppContext
from .scheduler import console_digest_tick, start_console_digests

log = logging.getLogger("briefbot.console")

PROMPT_HINT = "Type `/brief <official>`, `/brief latest` or `/brief help`; Ctrl-D quits."


def ingest_seeds(ctx: AppContext, console: Console) -> None:
    seeds = ctx.settings.briefbot_seeds
    if not seeds.exists():
        console.print(f"[yellow]no seeds folder at {seeds}; starting empty[/]")
        return
    report = load_paths([seeds])
    for f in report.failures:
        console.print(f"[yellow]skipped[/] {f.reason}")
    result = ctx.ingest(report.articles)
    console.print(
        f"[dim]seeds: {result.new} new, {result.updated} updated, "
        f"{result.unchanged} unchanged, {result.failed + len(report.failures)} failed[/]"
    )


def print_digest(console: Console, digest: Any) -> None:
    console.rule("digest")
    console.print(render(digest))
    console.rule()


def run_console(ctx: AppContext, stdin: TextIO, console: Console) -> int:
    ingest_seeds(ctx, console)

    def show(digest: Any) -> None:
        print_digest(console, digest)

    # The same job the schedule runs: prints what is new and marks it delivered.
    if not console_digest_tick(ctx, show, CONSOLE_TEAM, CONSOLE_CHANNEL):
        console.rule("digest")
        console.print("[dim]Nothing new since the last digest. The latest briefings:[/]")
        console.print(answer_console_line(ctx, "/brief latest"))
        console.rule()
    console.print(f"[dim]{PROMPT_HINT}[/]")
    console.print(
        f"[dim]New stories are printed on the schedule "
        f"`{ctx.settings.briefbot_console_digest_cron}` (BRIEFBOT_CONSOLE_DIGEST_CRON).[/]"
    )
    scheduler = start_console_digests(ctx, show)
    try:
        _read_commands(ctx, stdin, console, answer_console_line)
    finally:
        scheduler.shutdown(wait=False)
    return 0


def _read_commands(ctx: AppContext, stdin: TextIO, console: Console, answer: Any) -> None:
    for line in stdin:
        line = line.strip()
        if not line:
            continue
        try:
            console.print(answer(ctx, line))
        except Exception:  # the console keeps running whatever one command does
            log.exception("command failed: %s", line)
            console.print("[red]that command failed; see the log[/]")
