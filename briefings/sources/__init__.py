"""Articles and feeds from the web. All of briefbot's network I/O lives in this package.

Async API::

    async with Fetcher(FetchPolicy(allow_private=settings.allow_private_hosts)) as f:
        article = await f.fetch_article(url)
        result = await f.fetch_feed(feed_url, etag=..., last_modified=...)
        thing = await f.fetch_any(url)          # Article | FeedResult
        results = await f.poll([FeedRequest(url, etag, last_modified), ...])

Sync wrappers for the CLI and scheduler: `fetch_article_sync`, `fetch_feed_sync`,
`fetch_any_sync` (these raise), `poll_feed_sync` and `poll_sync` (failing feeds come
back as `status="error"` results). Not for use inside a running event loop.

Every refusal or failure raises `briefings.errors.FetchError` (a `FetchFailure`,
whose `.kind` names the `wording` key) with a short message for the user.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

import anyio

from ..models import Article
from ..urls import canonical_url, is_tracking_param
from .client import Fetcher, SkipEntry
from .feeds import EntryError, FeedEntry, FeedRequest, FeedResult, looks_like_feed
from .fetch import USER_AGENT, Fetched, FetchPolicy
from .pages import PageHints
from .safety import Resolver, SafeNetworkBackend, check_url, is_ip_literal, normalise_host
from .wording import MESSAGES, FetchFailure

__all__ = [
    "MESSAGES",
    "USER_AGENT",
    "EntryError",
    "FeedEntry",
    "FeedRequest",
    "FeedResult",
    "FetchFailure",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "PageHints",
    "Resolver",
    "SkipEntry",
    "canonical_url",
    "check_link",
    "fetch_any_sync",
    "fetch_article_sync",
    "fetch_feed_sync",
    "is_tracking_param",
    "looks_like_feed",
    "poll_feed_sync",
    "poll_sync",
]

T = TypeVar("T")


RESOLVE_TIMEOUT = 3.0  # seconds for the DNS check of `check_link`


def check_link(url: str, policy: FetchPolicy | None = None, *, resolve: bool = True) -> str:
    """Refuse an unfetchable link up front by the rules fetching applies (scheme,
    credentials, private or disguised IP literal and, with `resolve`, a name that
    resolves to a forbidden address); returns the canonical URL with its host
    normalised. A name that does not resolve now is accepted (polling retries it).
    For `briefbot sources add` and `/brief sources add`."""
    policy = policy or FetchPolicy()
    target = check_url(url, policy.address_policy())
    if resolve and not is_ip_literal(target.host):
        backend = SafeNetworkBackend(policy.address_policy())

        async def lookup() -> None:
            with anyio.fail_after(RESOLVE_TIMEOUT):
                await backend.resolve_checked(target.host, target.port)

        try:
            asyncio.run(lookup())
        except FetchFailure as exc:
            if exc.kind != "dns":
                raise
        except TimeoutError:
            pass
    return canonical_url(normalise_host(url))


def _run(policy: FetchPolicy | None, job: Callable[[Fetcher], Awaitable[T]]) -> T:
    async def main() -> T:
        async with Fetcher(policy) as fetcher:
            return await job(fetcher)

    return asyncio.run(main())


def fetch_article_sync(url: str, policy: FetchPolicy | None = None) -> Article:
    """`Fetcher.fetch_article` for synchronous callers (not from inside an event loop)."""
    return _run(policy, lambda f: f.fetch_article(url))


def fetch_feed_sync(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy | None = None,
    *,
    skip: SkipEntry | None = None,
) -> FeedResult:
    """`Fetcher.fetch_feed`: raises `FetchError` if the feed itself fails."""
    return _run(policy, lambda f: f.fetch_feed(url, etag, last_modified, skip=skip))


def fetch_any_sync(
    url: str, policy: FetchPolicy | None = None, *, skip: SkipEntry | None = None
) -> Article | FeedResult:
    """`Fetcher.fetch_any`: an `Article` or a `FeedResult`; raises `FetchError`."""
    return _run(policy, lambda f: f.fetch_any(url, skip=skip))


def poll_feed_sync(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy | None = None,
    *,
    skip: SkipEntry | None = None,
) -> FeedResult:
    """Like `fetch_feed_sync`, but never raises for a failing feed: it returns a
    `status="error"` result (with `error`, `error_kind`, and the validators
    passed in), which is what a scheduler that backs off failing feeds wants."""
    return poll_sync([FeedRequest(url, etag, last_modified)], policy, skip=skip)[0]


def poll_sync(
    feeds: Iterable[FeedRequest],
    policy: FetchPolicy | None = None,
    *,
    skip: SkipEntry | None = None,
) -> list[FeedResult]:
    requests = list(feeds)
    return _run(policy, lambda f: f.poll(requests, skip=skip))
