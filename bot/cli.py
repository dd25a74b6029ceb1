"""The `briefbot` command line: ingest, brief, ask, digest, sources, run."""

from __future__ import annotations

import gc
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from briefings.errors import BriefingError
from briefings.loaders import LoadReport, load_paths
from briefings.models import Article, Extraction

if TYPE_CHECKING:
    from briefings.workers import ExtractionPool

    from .context import AppContext
    from .settings import Settings

# Imports are made where a command needs them, so `brief` and `ingest` start
# without the Slack, web or scheduling stack (and `brief` without SQLAlchemy).

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="briefbot: diplomacy news in, short traceable briefings out.",
)
sources_app = typer.Typer(help="Manage the RSS/Atom feeds polled for new articles.")
app.add_typer(sources_app, name="sources")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_PARTIAL = 1  # some inputs failed, the rest were processed
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Extraction processes (default: one per core).",
        show_default=False,
    ),
]


def one_line(exc: BaseException) -> str:
    """The first line of an error (drivers add hints and links on further lines)."""
    from rich.markup import escape

    return escape(str(exc).strip().split("\n", 1)[0])


def _settings() -> Settings:
    from .settings import load_settings

    try:
        return load_settings()
    except BriefingError as exc:
        err.print(f"[red]error:[/] {one_line(exc)}")
        raise typer.Exit(EXIT_USAGE) from None


@contextmanager
def _context(settings: Settings | None = None, *, quiet: bool = True) -> Iterator[AppContext]:
    """The start-up context; `quiet` keeps INFO logs off a command's output."""
    from .context import build_context
    from .logformat import setup_logging

    settings = settings or _settings()
    level = settings.log_level
    setup_logging("WARNING" if quiet and level == "INFO" else level, settings.briefbot_log_format)
    try:
        ctx = build_context(settings)
    except BriefingError as exc:
        err.print(f"[red]error:[/] {one_line(exc)}", markup=True, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        yield ctx
    finally:
        ctx.close()


def _is_url(arg: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", arg))


def _load(inputs: list[str], settings: Settings) -> LoadReport:
    """Files, folders and URLs to articles; failures are reported, not raised."""
    files = [i for i in inputs if not _is_url(i)]
    report = load_paths(files)
    urls = [i for i in inputs if _is_url(i)]
    if urls:
        from .fetching import fetch_inputs

        fetched = fetch_inputs(urls, settings)
        report.articles.extend(fetched.articles)
        report.failures.extend(fetched.failures)
    return report


def _report_failures(report: LoadReport) -> None:
    from rich.markup import escape

    for f in report.failures:
        err.print(f"[yellow]skipped[/] {escape(f.reason)}")


def _pool(workers: int | None, n_articles: int) -> ExtractionPool:
    """Extraction workers for `n_articles`: one per core unless told, never more than
    there are batches to share out. Forked after the pipeline is loaded here, so
    each worker starts at once and shares the model's memory with this process."""
    from briefings.nlp import load_pipeline
    from briefings.workers import ExtractionPool, default_workers

    pool_size = ExtractionPool.BATCH_SIZE
    n = min(workers or default_workers(), max(1, -(-n_articles // pool_size)))
    _keep_freed_memory()
    nlp = load_pipeline()
    # Modules and the model live as long as the process: out of the collector's sight,
    # full collections stop re-walking them, and forked workers do not dirty their pages.
    gc.freeze()
    # Parsing allocates millions of short-lived objects: collecting the young generation
    # every 700 allocations cost about 2% of a run; every 50,000 costs under 1%.
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    pool = ExtractionPool(n, nlp=nlp, start_method="fork")
    pool.warm()  # fork now, while this process runs no other thread
    return pool


def _keep_freed_memory() -> None:
    """glibc returns freed heap to the system and maps large arrays afresh each time,
    so every batch the parser allocates is faulted in page by page again: 300,000
    page faults and a second of system time per 300 articles. A batch job keeps what
    it freed (up to 128 MB) instead; a no-op where the C library has no `mallopt`."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):  # pragma: no cover - not glibc
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    mallopt(m_trim_threshold, 128 * 1024 * 1024)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, article or feed URLs.")],
    workers: WorkersOption = None,
) -> None:
    """Load, extract and store articles; prints how many were new, unchanged, failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from briefings.ingest import ingest as run_ingest
    from briefings.store import retrying

    settings = _settings()
    report = _load(paths, settings)
    _report_failures(report)
    n = len(report.articles)
    show = n >= 20 and out.is_terminal
    # Workers fork before the store is opened, so no child holds a database connection.
    pool = _pool(workers, n)
    with pool, _context(settings) as ctx:
        try:
            with Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                disable=not show,
                transient=True,
            ) as progress:
                task = progress.add_task("extracting", total=n)
                result = run_ingest(
                    report.articles,
                    pool,
                    ctx.store,
                    on_progress=lambda k: progress.advance(task, k),
                )
        except KeyboardInterrupt:
            # Each article is its own transaction: what is stored is whole, the
            # rest is simply not there yet (the next ingest picks it up).
            pool.close(kill=True)
            err.print(
                f"interrupted: {ctx.store.count_articles()} articles stored; "
                "run the same command again to finish"
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
        for e in result.errors:
            err.print(f"[red]failed[/] {e}")
        failed = result.failed + len(report.failures)
        try:
            stored = f" ({retrying(ctx.store.count_articles)} articles stored)"
        except Exception:  # the database went away after the ingest: the counts stand
            stored = ""
        out.print(
            f"{result.new} new, {result.updated} updated, {result.unchanged} unchanged, "
            f"{failed} failed{stored}"
        )
        if failed:
            raise typer.Exit(EXIT_PARTIAL)


def _json_name(article: Article, used: set[str]) -> str:
    origin = article.origin or article.id
    if "#" in origin:  # a line of a .jsonl file
        base = re.sub(r"[^\w.-]+", "_", article.id)[:120]
    elif _is_url(origin):
        base = re.sub(r"[^\w.-]+", "-", origin.split("://", 1)[1]).strip("-")[:120]
    else:
        base = Path(origin).stem
    name, n = f"{base}.json", 2
    while name in used:
        name, n = f"{base}-{n}.json", n + 1
    used.add(name)
    return name


def _json_text(article: Article, extraction: Extraction) -> str:
    """An article's facts as `brief --json` writes them (made in the worker process)."""
    data = extraction.to_json(file=Path(article.origin or article.id).name)
    return json.dumps(data, ensure_ascii=False, indent=2)


@app.command()
def brief(
    paths: Annotated[list[str], typer.Argument(help="Article files, folders or URLs.")],
    as_json: Annotated[bool, typer.Option("--json", help="Emit the facts as JSON.")] = False,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="With --json: write one file per article here.")
    ] = None,
    workers: WorkersOption = None,
) -> None:
    """Brief each article (nothing is stored)."""
    from .logformat import setup_logging  # not .context: no store (SQLAlchemy) to import

    settings = _settings()
    setup_logging("WARNING", settings.briefbot_log_format)
    report = _load(paths, settings)
    _report_failures(report)
    if report.articles:
        try:
            with _pool(workers, len(report.articles)) as pool:
                if as_json:
                    _brief_json(report.articles, pool, out_dir)
                else:
                    from briefings.compose import compose_briefing
                    from briefings.render.terminal import render

                    for article, extraction in zip(
                        report.articles, pool.extract_many(report.articles), strict=True
                    ):
                        out.print(render(compose_briefing(article, extraction)))
                        out.print()
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    if report.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _brief_json(articles: list[Article], pool: ExtractionPool, out_dir: Path | None) -> None:
    """Each article's JSON, made by the workers and written here as it comes."""
    from dataclasses import replace

    used: set[str] = set()
    names = [_json_name(a, used) for a in articles]
    # The "file" key names the input; an article with no origin is named after its output.
    named = [a if a.origin else replace(a, origin=n) for a, n in zip(articles, names, strict=True)]
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in zip(names, pool.map(named, _json_text), strict=True):
        if out_dir:
            (out_dir / name).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    if out_dir:
        err.print(f"wrote {len(articles)} file(s) to {out_dir}")


@app.command()
def ask(
    name: Annotated[str, typer.Argument(help="An official's name, e.g. Kelly.")],
    channel: Annotated[
        str | None, typer.Option(help="Answer as in this channel (default: every article).")
    ] = None,
    team: Annotated[str, typer.Option(help="Workspace (team) id, with --channel.")] = "",
) -> None:
    """What `/brief NAME` would answer (in one channel, with --team and --channel)."""
    from briefings.dossier import lookup
    from briefings.render.terminal import render
    from briefings.store.visibility import EVERYTHING, Visibility

    query = name.strip()
    if not query:
        err.print("[red]error:[/] give a name, e.g. briefbot ask Kelly")
        raise typer.Exit(EXIT_USAGE)
    vis = EVERYTHING if channel is None else Visibility.channel(team, channel)
    with _context() as ctx:
        out.print(render(lookup(ctx.store, query, vis)))


@app.command()
def digest(
    channel: Annotated[str, typer.Option(help="Channel id whose digest to show.")] = "console",
    team: Annotated[str, typer.Option(help="Workspace (team) id.")] = "local",
) -> None:
    """The digest a channel would receive now (nothing is marked as delivered)."""
    from briefings.digest import build_digest
    from briefings.render.terminal import render

    with _context() as ctx:
        out.print(render(build_digest(ctx.store, team_id=team, channel_id=channel)))


CLI_TEAM, CLI_CHANNEL = "", ""  # feeds added here belong to no channel in particular


@sources_app.command("add")
def sources_add(url: Annotated[str, typer.Argument(help="An RSS or Atom feed URL.")]) -> None:
    """Poll this feed for new articles."""
    from rich.markup import escape

    from briefings.sources import check_link
    from briefings.store.channels import Channels

    from .fetching import fetch_policy, local_hint

    with _context() as ctx:
        try:
            canonical = check_link(url, fetch_policy(ctx.settings))
        except BriefingError as exc:
            err.print(f"[red]error:[/] {escape(f'{url}: {exc}{local_hint(exc)}')}")
            raise typer.Exit(EXIT_USAGE) from None
        _, added = Channels(ctx.store).add_feed(CLI_TEAM, CLI_CHANNEL, canonical, added_by="cli")
        out.print(f"{'added' if added else 'already polling'} {canonical}")


@sources_app.command("remove")
def sources_remove(
    url: Annotated[str, typer.Argument(help="The feed URL to stop polling.")],
) -> None:
    """Stop polling a feed."""
    from briefings.sources import canonical_url
    from briefings.store.channels import Channels

    with _context() as ctx:
        channels = Channels(ctx.store)
        removed = any(
            channels.remove_feed(CLI_TEAM, CLI_CHANNEL, u)
            for u in dict.fromkeys((url, canonical_url(url)))
        )
        if not removed:
            err.print(f"[red]error:[/] no feed {url} (see `briefbot sources list`)")
            raise typer.Exit(EXIT_USAGE)
        out.print(f"removed {url}")


@sources_app.command("list")
def sources_list() -> None:
    """Feeds polled, with their last poll and last error."""
    from rich.table import Table

    from briefings.store.channels import Channels

    with _context() as ctx:
        feeds = Channels(ctx.store).feeds()
        if not feeds:
            out.print("no feeds yet; add one with `briefbot sources add URL`")
            return
        table = Table("feed", "channel", "last polled", "last error")
        for f in feeds:
            polled = f.last_polled_at.strftime("%Y-%m-%d %H:%M") if f.last_polled_at else "never"
            where = f"{f.team_id}/{f.channel_id}" if f.channel_id else "(cli)"
            error = f"{f.last_error} ({f.failures} in a row)" if f.failures and f.last_error else ""
            table.add_row(f.title or f.url, where, polled, error)
        out.print(table)


@app.command()
def manifest(
    http: Annotated[
        str | None,
        typer.Option(
            "--http",
            metavar="URL",
            help="HTTP mode: the bot's public base URL; every request URL is filled in.",
        ),
    ] = None,
) -> None:
    """Print the Slack app manifest (Socket Mode, or HTTP mode with --http URL)."""
    from .manifest import build_manifest, manifest_yaml

    settings = _settings()
    try:
        data = build_manifest(unfurl_domains=settings.unfurl_domains, http_url=http)
    except BriefingError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    print(manifest_yaml(data), end="")


@app.command()
def run() -> None:
    """Run the bot: Socket Mode, HTTP mode, or console mode without Slack tokens."""
    settings = _settings()
    if settings.mode != "console" and not settings.oauth:  # OAuth: no token until installed
        from .slack.app import check_token

        # The token is checked before anything starts (one line and exit 2 if bad).
        try:
            check_token(settings)
        except BriefingError as exc:
            err.print(f"[red]error:[/] {one_line(exc)}")
            raise typer.Exit(EXIT_USAGE) from None
    reason = settings.console_reason
    if reason:
        from .wording import say

        err.print(f"[yellow]warning:[/] {say('console_fallback', reason=reason)}")
    with _context(settings, quiet=settings.mode == "console") as ctx:
        if settings.mode == "console":
            from .console import run_console

            code = run_console(ctx, sys.stdin, out)
        else:
            from .scheduler import start_scheduling
            from .slack import run as run_slack

            # Start the extraction process (it loads the pipeline) before serving,
            # so no user waits for it.
            ctx.url_extractor.warm()
            # Leader election decides which replica runs the schedules; every
            # replica works the extraction queue.
            start_scheduling(ctx)
            code = run_slack(ctx)
    raise typer.Exit(code)


def main() -> None:
    logging.captureWarnings(True)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
