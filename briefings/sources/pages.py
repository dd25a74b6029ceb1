"""Fetched article pages -> `Article`: main text, title, date, canonical URL.

Parsing only; no network here. rel=canonical is honoured when it points into the
same site as the fetched page (a page cannot claim to be another site's article,
which would let anyone overwrite that article's stored facts).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..loaders import parse_date, text_id
from ..models import Article
from ..text import first_sentence, normalise_text
from ..urls import canonical_url, join_url, same_site
from .fetch import Fetched
from .wording import FetchFailure

__all__ = ["PageHints", "canonical_link", "html_to_text", "page_to_article"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "tr", "table", "section", "article", "header", "footer",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PageHints:
    """What a feed entry already told us about the page, used when the page lacks it."""

    title: str | None = None
    published: dt.date | None = None
    source: str | None = None


def _parse(text: str) -> Any:
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def canonical_link(tree: Any, base_url: str) -> str | None:
    """The absolute href of `<link rel="canonical">`, if any."""
    if tree is None:
        return None
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and href:
            return join_url(base_url, href)
    return None


def choose_url(page_url: str, canonical: str | None) -> str:
    """The canonical form of the page's URL, honouring a same-site rel=canonical."""
    if (
        canonical
        and urlsplit(canonical).scheme in ("http", "https")
        and same_site(canonical, page_url)
    ):
        return canonical_url(canonical)
    return canonical_url(page_url)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), one block per line."""
    if "<" not in fragment and "&" not in fragment:
        return normalise_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalise_text(fragment)
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    for el in root.iter("script", "style"):
        el.drop_tree()
    return normalise_text(root.text_content())


def _plain_article(fetched: Fetched, hints: PageHints) -> Article:
    body = normalise_text(fetched.text())
    if not body:
        raise FetchFailure("no_text", url=fetched.url)
    url = canonical_url(fetched.final_url)
    return Article(
        id=url,
        title=hints.title or first_sentence(body),
        text=body,
        published=hints.published,
        url=url,
        source=hints.source or urlsplit(url).hostname,
        origin=fetched.url,
    )


def _extract(tree: Any, url: str, precise: bool) -> dict[str, Any] | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=precise,
        favor_recall=not precise,
    )
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data


def _drop_headline(body: str, title: str) -> str:
    """The body without a leading line that only repeats the headline (the page's <h1>)."""
    first, _, rest = body.partition("\n")
    if rest and first.strip().casefold() == title.strip().casefold():
        return rest
    return body


def _source(data: dict[str, Any], url: str, hints: PageHints) -> str | None:
    """The page's own site name; trafilatura falls back to the host name, and then
    the feed's title (if the page came from a feed) names the source better."""
    site = normalise_text(data.get("sitename") or "") or None
    netloc = urlsplit(url).netloc
    if site is None or site in (netloc, urlsplit(url).hostname, data.get("hostname")):
        return hints.source or site or urlsplit(url).hostname
    return site


def page_to_article(fetched: Fetched, hints: PageHints | None = None) -> Article:
    """The article on a fetched page; raises `FetchFailure("no_text")` if there is none."""
    hints = hints or PageHints()
    if fetched.content_type == "text/plain":
        return _plain_article(fetched, hints)
    html = fetched.text()
    tree = _parse(html)
    if tree is None:
        raise FetchFailure("no_text", url=fetched.url)
    url = choose_url(fetched.final_url, canonical_link(tree, fetched.final_url))
    data = _extract(tree, url, precise=True)
    if not data or not (data.get("text") or "").strip():
        # Short pages can fall below the precision threshold; try once more, leniently.
        tree = _parse(html)
        data = _extract(tree, url, precise=False) if tree is not None else None
    body = normalise_text((data or {}).get("text") or "")
    if not body or data is None:
        raise FetchFailure("no_text", url=fetched.url)
    title = normalise_text(data.get("title") or "") or hints.title or first_sentence(body)
    body = _drop_headline(body, title)
    return Article(
        id=url or text_id(body),
        title=title,
        text=body,
        published=parse_date(data.get("date")) or hints.published,
        url=url,
        source=_source(data, url, hints),
        origin=fetched.url,
    )
