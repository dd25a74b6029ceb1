"""`Fetcher`: articles and feeds from URLs, on top of the checked `Downloader`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from ..errors import FetchError
from ..models import Article
from .feeds import (
    EntryError,
    FeedEntry,
    FeedRequest,
    FeedResult,
    entry_article,
    looks_like_feed,
    parse_feed,
)
from .fetch import ACCEPT_ANY, ACCEPT_FEED, ACCEPT_PAGE, Downloader, Fetched, FetchPolicy
from .pages import PageHints, page_to_article
from .safety import Resolver
from .wording import FetchFailure

__all__ = ["Fetcher", "SkipEntry"]

# Given an entry, True if the caller already has it (its page is then not fetched).
SkipEntry = Callable[[FeedEntry], bool]
T = TypeVar("T")


def _kind(exc: FetchError) -> str:
    return str(getattr(exc, "kind", "network"))


class Fetcher:
    """Fetches articles and feeds under one `FetchPolicy`; use as `async with Fetcher(...)`.

    All fetches made through one instance share its connection pool, its
    per-host limits and spacing, and its global in-flight limit. Meant to live
    for one command or one polling round, inside one event loop.

    Parsing (feedparser, lxml, trafilatura) runs on one worker thread, so a
    large page never stalls the event loop and the other fetches' timers.
    """

    def __init__(self, policy: FetchPolicy | None = None, *, resolver: Resolver | None = None):
        self.policy = policy or FetchPolicy()
        self.downloader = Downloader(self.policy, resolver=resolver)
        self._parser = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefbot-parse")
        self._pages: dict[str, asyncio.Future[Article]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for task in self._pages.values():
            task.cancel()
        await asyncio.gather(*self._pages.values(), return_exceptions=True)
        await self.downloader.aclose()
        self._parser.shutdown(wait=False, cancel_futures=True)

    async def _parse(self, fn: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._parser, fn, *args)

    async def fetch_article(self, url: str, hints: PageHints | None = None) -> Article:
        """The article at `url`. Raises `FetchError` with a user-facing message."""
        fetched = await self.downloader.get(url, accept=ACCEPT_PAGE)
        if looks_like_feed(fetched.content_type, fetched.body):
            raise FetchFailure("is_feed", url=url)
        return await self._parse(page_to_article, fetched, hints)

    async def fetch_feed(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        skip: SkipEntry | None = None,
    ) -> FeedResult:
        """Poll one feed (conditional GET). Entries whose text is only a teaser get
        their page fetched; entries `skip` accepts are left out. A failing entry
        lands in `errors`; a failing feed raises `FetchError`."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        fetched = await self.downloader.get(url, headers=headers, accept=ACCEPT_FEED)
        if fetched.not_modified:
            return FeedResult(
                url=url,
                status="not_modified",
                etag=fetched.headers.get("etag") or etag,
                last_modified=fetched.headers.get("last-modified") or last_modified,
                final_url=fetched.final_url,
                http_status=304,
            )
        return await self._feed_result(url, fetched, skip)

    async def fetch_any(self, url: str, *, skip: SkipEntry | None = None) -> Article | FeedResult:
        """An article page or a whole feed, told apart by the content fetched."""
        fetched = await self.downloader.get(url, accept=ACCEPT_ANY)
        if looks_like_feed(fetched.content_type, fetched.body):
            return await self._feed_result(url, fetched, skip)
        return await self._parse(page_to_article, fetched, None)

    async def poll(
        self, feeds: Iterable[FeedRequest], *, skip: SkipEntry | None = None
    ) -> list[FeedResult]:
        """Poll many feeds concurrently; a failing feed becomes a `status="error"` result."""
        requests = list(feeds)
        return list(await asyncio.gather(*(self._poll_one(r, skip) for r in requests)))

    async def _poll_one(self, req: FeedRequest, skip: SkipEntry | None) -> FeedResult:
        try:
            return await self.fetch_feed(req.url, req.etag, req.last_modified, skip=skip)
        except FetchError as exc:
            return FeedResult(
                url=req.url,
                status="error",
                etag=req.etag,
                last_modified=req.last_modified,
                error=str(exc),
                error_kind=_kind(exc),
            )

    async def _feed_result(self, url: str, fetched: Fetched, skip: SkipEntry | None) -> FeedResult:
        parsed = await self._parse(
            partial(
                parse_feed,
                fetched.body,
                url=fetched.final_url,
                content_type=fetched.content_type,
                max_entries=self.policy.max_feed_entries,
            )
        )
        articles: list[Article | None] = []
        skipped: list[FeedEntry] = []
        errors = list(parsed.errors)
        pending: list[tuple[int, FeedEntry]] = []
        links: set[str] = set()
        for entry in parsed.entries:
            if entry.link is not None:
                if entry.link in links:
                    continue  # the same article listed twice in one feed
                links.add(entry.link)
            if skip is not None and skip(entry):
                skipped.append(entry)
            elif entry.is_teaser and entry.link:
                pending.append((len(articles), entry))
                articles.append(None)
            else:
                articles.append(entry_article(entry, feed_url=url, feed_title=parsed.title))
        outcomes = await asyncio.gather(
            *(self._entry_page(entry, parsed.title) for _, entry in pending)
        )
        for (slot, _entry), outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, EntryError):
                errors.append(outcome)
            else:
                articles[slot] = outcome
        return FeedResult(
            url=url,
            status="ok",
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
            final_url=fetched.final_url,
            http_status=fetched.status,
            title=parsed.title,
            entries=parsed.entries,
            articles=tuple(a for a in articles if a is not None),
            skipped=tuple(skipped),
            errors=tuple(sorted(errors, key=lambda e: e.n)),
        )

    async def _entry_page(self, entry: FeedEntry, feed_title: str | None) -> Article | EntryError:
        assert entry.link is not None
        hints = PageHints(title=entry.title, published=entry.published, source=feed_title)
        # Feeds polled together often link the same article: fetch it once.
        task = self._pages.get(entry.link)
        if task is None:
            task = asyncio.ensure_future(self.fetch_article(entry.link, hints))
            self._pages[entry.link] = task
        try:
            return await asyncio.shield(task)
        except FetchError as exc:
            return EntryError(entry.n, entry.link, _kind(exc), str(exc))
