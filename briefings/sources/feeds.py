"""RSS/Atom (and JSON Feed) parsing with feedparser, from bytes already fetched.

Parsing only; `Fetcher` (in `client.py`) does the network part. Never hand
feedparser a URL or a path: it would fetch or open it itself, bypassing every
safety check. It only ever sees a `BytesIO`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from ..loaders import text_id
from ..models import Article
from ..text import first_sentence, normalise_text
from ..urls import canonical_url, join_url
from .pages import html_to_text
from .wording import FetchFailure, say

__all__ = [
    "TEASER_WORDS",
    "EntryError",
    "FeedEntry",
    "FeedRequest",
    "FeedResult",
    "ParsedFeed",
    "entry_article",
    "looks_like_feed",
    "parse_feed",
]

# An entry with fewer words than this is a teaser: its page is fetched.
TEASER_WORDS = 150
_TEASER_END = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\bread more\b.*|\bcontinue reading\b.*|\bmore\s*»)\s*$",
    re.IGNORECASE,
)
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
    }
)
_PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(rb"\s*<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf", b"rdf"})

Status = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as the feed describes it."""

    n: int  # 1-based position in the feed
    guid: str | None
    link: str | None  # absolute and canonical, or None
    title: str | None
    published: dt.date | None
    updated: str | None  # the feed's own updated/published stamp, for change detection
    text: str  # plain text of the entry's content or summary
    is_teaser: bool


@dataclass(frozen=True, slots=True)
class EntryError:
    """An entry that produced no article, and why (a user-facing message)."""

    n: int
    link: str | None
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class FeedRequest:
    """A feed to poll, with the validators saved from the last successful poll."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FeedResult:
    """Everything the store needs to persist after one poll of one feed.

    status: "ok" (entries parsed), "not_modified" (304: nothing to do) or
    "error" (the feed itself failed; `error`/`error_kind` say why). `etag` and
    `last_modified` are the validators to send next time (kept from the
    request when the server sent none or the poll failed).
    """

    url: str
    status: Status
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    title: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    articles: tuple[Article, ...] = ()
    skipped: tuple[FeedEntry, ...] = ()  # entries the caller said it already has
    errors: tuple[EntryError, ...] = ()
    error: str | None = None
    error_kind: str | None = None
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def ok(self) -> bool:
        return self.status != "error"


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]
    errors: tuple[EntryError, ...]


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """Whether a fetched body is a feed (by media type, else by its root element)."""
    if content_type in _FEED_TYPES:
        return True
    if content_type == "application/json":
        return b"jsonfeed.org/version" in body[:2048]
    head = body[:4096].removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while m := _PROLOG.match(head, pos):
        pos = m.end()
    root = _ROOT.match(head, pos)
    return root is not None and root.group(1).lower() in _FEED_ROOTS


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: no feedparser fallback warnings
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _text(value: object, detail: Any) -> str:
    """Plain text of a feed field, parsed as HTML only when the feed says it is HTML."""
    if not isinstance(value, str) or not value:
        return ""
    kind = (detail or {}).get("type") or "text/html"
    return html_to_text(value) if "html" in kind else normalise_text(value)


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or ():
        text = _text(content.get("value"), content)
        if len(text) > len(best):
            best = text
    text = _text(entry.get("summary"), entry.get("summary_detail"))
    if len(text) > len(best):
        best = text
    return best.strip()


def _link(entry: Any, base: str) -> str | None:
    candidates = [entry.get("link")]
    alternates = [lk for lk in entry.get("links") or () if lk.get("rel") == "alternate"]
    candidates += [lk.get("href") for lk in alternates]
    guid = entry.get("id")
    if entry.get("guidislink") or (isinstance(guid, str) and guid.startswith("http")):
        candidates.append(guid)
    for raw in candidates:
        if isinstance(raw, str) and raw.strip():
            absolute = join_url(base, raw)
            if urlsplit(absolute).scheme in ("http", "https"):
                return canonical_url(absolute)
    return None


def is_teaser(text: str) -> bool:
    return len(text.split()) < TEASER_WORDS or bool(_TEASER_END.search(text))


def parse_feed(
    body: bytes, *, url: str, content_type: str | None = None, max_entries: int | None = None
) -> ParsedFeed:
    """Entries of a feed (the first `max_entries`); raises `FetchFailure("not_feed")`
    if `body` is no feed at all."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise FetchFailure("not_feed", url=url)
    feed = parsed.get("feed", {})
    entries: list[FeedEntry] = []
    errors: list[EntryError] = []
    for n, raw in enumerate(parsed.entries[:max_entries], 1):
        try:
            link = _link(raw, url)
            text = _entry_text(raw)
            title = _text(raw.get("title"), raw.get("title_detail")) or None
        except Exception:  # one malformed entry must not sink the feed
            errors.append(EntryError(n, None, "entry_empty", say("entry_empty", n=n)))
            continue
        if not link and not text:
            errors.append(EntryError(n, None, "entry_empty", say("entry_empty", n=n)))
            continue
        entries.append(
            FeedEntry(
                n=n,
                guid=raw.get("id") if isinstance(raw.get("id"), str) else None,
                link=link,
                title=title,
                published=_date(raw),
                updated=dict.get(raw, "updated") or dict.get(raw, "published"),
                text=text,
                is_teaser=is_teaser(text),
            )
        )
    title = _text(feed.get("title"), feed.get("title_detail")) or None
    link = feed.get("link") if isinstance(feed.get("link"), str) else None
    return ParsedFeed(title=title, link=link, entries=tuple(entries), errors=tuple(errors))


def entry_article(entry: FeedEntry, *, feed_url: str, feed_title: str | None) -> Article:
    """An `Article` from an entry that carries its full text (no page fetch needed)."""
    return Article(
        id=entry.link or text_id(entry.text),
        title=entry.title or first_sentence(entry.text),
        text=entry.text,
        published=entry.published,
        url=entry.link,
        source=feed_title or urlsplit(feed_url).hostname,
        origin=entry.link or f"{feed_url}#entry-{entry.n}",
    )
