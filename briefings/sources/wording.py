"""Every user-facing message of `briefings.sources`, in one place.

Messages are short, name the problem and, where it helps, what to do. They are
`str.format` templates; `say(key, **values)` fills them in. `FetchFailure.kind`
carries the key so callers (store, CLI, Slack) can tell failures apart without
parsing text.
"""

from __future__ import annotations

from typing import Final

from ..errors import FetchError

MESSAGES: Final[dict[str, str]] = {
    # Addresses
    "bad_url": "that is not a web address I can fetch: {url}",
    "not_http": "only http:// and https:// links can be fetched, not {scheme}:",
    "no_host": "that link has no site name in it",
    "credentials": "links with a user name or password in them are not fetched",
    "bad_port": "that link has an invalid port number",
    "dns": "the site {host} could not be found; check the spelling of the link",
    "loopback": (
        "that address ({address}) is the bot's own machine; only public sites can be fetched"
    ),
    "private": "that address ({address}) is on a private network; only public sites can be fetched",
    "link_local": (
        "that address ({address}) is link-local (such as a cloud metadata service); "
        "only public sites can be fetched"
    ),
    "multicast": (
        "that address ({address}) is a multicast address; only public sites can be fetched"
    ),
    "reserved": "that address ({address}) is reserved, not a public site",
    "unspecified": "that address ({address}) is not a real destination",
    "not_public_name": (
        "that site is not on the public internet (it points at this machine or a private "
        "network); only public sites can be fetched"
    ),
    # Connection and timing
    "connect": "could not connect to {host}; the site may be down",
    "connect_timeout": "{host} did not answer within {seconds} s",
    "read_timeout": "the page did not answer within {seconds} s",
    "total_timeout": "the page did not finish loading within {seconds} s",
    "tls": "the secure connection to {host} could not be verified",
    "protocol": "{host} sent a broken response",
    "network": "the page could not be fetched from {host} (network error)",
    # Redirects
    "too_many_redirects": "too many redirects (more than {limit})",
    "redirect_no_location": "the site redirected without saying where to",
    # HTTP status
    "http_404": "the page was not found (404); check the link",
    "http_410": "the page has been removed (410)",
    "http_auth": "the site refused access ({status}); the page may need a login",
    "http_429": "the site asks us to slow down (429); try again later",
    "http_5xx": "the site had an error ({status}); try again later",
    "http_other": "the site answered {status} instead of the page",
    # Body
    "too_large": "the page is {size}; the limit is {limit}",
    "too_large_streamed": "the page is larger than {limit}, the limit; it was not read further",
    "pdf": "that is a PDF, not a web page",
    "image": "that is an image, not a web page",
    "audio": "that is an audio file, not a web page",
    "video": "that is a video, not a web page",
    "archive": "that is an archive file, not a web page",
    "binary": "that is a binary file ({content_type}), not a web page or feed",
    "other_type": "that is {content_type}, not a web page or feed",
    "empty": "the site sent an empty page",
    # Content
    "no_text": "no article text was found on that page",
    "not_feed": "that is not a feed: no RSS or Atom entries could be read",
    "is_feed": "that link is a news feed, not an article page; ingest it to read its entries",
    "entry_empty": "feed entry {n} has neither a link nor any text",
    "entry_no_text": "feed entry {n} ({link}) has no article text",
}


def say(key: str, **values: object) -> str:
    """The message for `key` with `values` filled in."""
    return MESSAGES[key].format(**values)


def size_text(n: int) -> str:
    """Bytes as a short human size: "40 MB", "5 MB", "1.5 MB", "300 KB"."""
    mb = n / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f} MB"
    if mb >= 1:
        text = f"{mb:.1f}".rstrip("0").rstrip(".")
        return f"{text} MB"
    return f"{max(1, round(n / 1024))} KB"


def seconds_text(s: float) -> str:
    """Seconds without a trailing ".0": 10 -> "10", 0.5 -> "0.5"."""
    return f"{s:g}"


class FetchFailure(FetchError):
    """A `FetchError` whose message comes from `MESSAGES[kind]`."""

    def __init__(self, kind: str, *, url: str | None = None, **values: object) -> None:
        if kind == "bad_url":
            values.setdefault("url", url or "")
        super().__init__(say(kind, **values), source=url)
        self.kind = kind
