"""URLs given on the command line or in Slack, fetched through `briefings.sources`."""

from __future__ import annotations

from collections.abc import Iterable

from briefings.errors import FetchError
from briefings.loaders import LoadFailure, LoadReport
from briefings.models import Article
from briefings.sources import FeedResult, FetchPolicy, fetch_any_sync, fetch_article_sync
from briefings.sources.wording import FetchFailure

from .settings import Settings
from .wording import say

# Refusals that BRIEFBOT_ALLOW_PRIVATE_HOSTS lifts (see briefings.sources.safety).
LOCAL_ADDRESS_KINDS = frozenset(
    {"loopback", "private", "link_local", "multicast", "reserved", "unspecified"}
)


def local_hint(exc: BaseException | None) -> str:
    """For the CLI and console only (the operator can change settings; a Slack user
    cannot): how to allow a refused local address, else ""."""
    if isinstance(exc, FetchFailure) and exc.kind in LOCAL_ADDRESS_KINDS:
        return say("allow_private_hint")
    return ""


def fetch_policy(settings: Settings) -> FetchPolicy:
    timeout = settings.briefbot_fetch_timeout
    return FetchPolicy(
        connect_timeout=min(5.0, timeout),
        read_timeout=timeout,
        total_timeout=max(timeout * 3, 30.0),
        max_bytes=settings.briefbot_max_page_bytes,
        allow_private=settings.briefbot_allow_private_hosts,
    )


def fetch_inputs(urls: Iterable[str], settings: Settings) -> LoadReport:
    """Each URL is an article page or a feed (every entry becomes an article)."""
    report = LoadReport()
    policy = fetch_policy(settings)
    for url in urls:
        try:
            got = fetch_any_sync(url, policy)
        except FetchError as exc:
            report.failures.append(LoadFailure(url, f"{url}: {exc}{local_hint(exc)}"))
            continue
        if isinstance(got, FeedResult):
            if not got.ok:
                report.failures.append(LoadFailure(url, f"{url}: {got.error}"))
            report.articles.extend(got.articles)
            for e in got.errors:
                where = e.link or f"{url} entry {e.n}"
                report.failures.append(LoadFailure(where, f"{where}: {e.message}"))
        else:
            report.articles.append(got)
    return report


def fetch_article(url: str, settings: Settings) -> Article:
    """One article page (for `/brief <url>`); raises FetchError with a user message."""
    return fetch_article_sync(url, fetch_policy(settings))
