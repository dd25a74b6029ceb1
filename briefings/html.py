"""Article pages (HTML) -> main text and metadata, for pages read from disk
(`loaders`) and fetched from the web (`sources.pages`) alike: one trafilatura
configuration, so the same page gives the same text either way. No network here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from .text import normalise_text
from .urls import join_url

__all__ = ["PageText", "canonical_link", "extract_page", "parse_tree"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageText:
    """What trafilatura found on a page; `text` is normalised, without a first line
    that only repeats the headline."""

    text: str
    title: str | None
    date: str | None
    url: str | None  # the page's own idea of its URL (canonical link, og:url)
    sitename: str | None
    hostname: str | None


def parse_tree(html: str) -> Any:
    """The lxml document of a page, or None when there is none."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
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


def _extract(tree: Any, url: str | None, precise: bool) -> dict[str, Any] | None:
    # trafilatura takes ~0.1 s to import; every CLI start imports the loaders.
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


def drop_headline(body: str, title: str) -> str:
    """The body without a leading line that only repeats the headline (the page's <h1>)."""
    first, _, rest = body.partition("\n")
    if rest and first.strip().casefold() == title.strip().casefold():
        return rest
    return body


def extract_page(html: str, url: str | None = None, *, tree: Any = None) -> PageText | None:
    """The main text and metadata of a page, or None when it has no article text.

    Precision first; short pages can fall below its threshold, so once more with
    recall (on a fresh tree: trafilatura prunes the one it is given). `tree`, the
    page already parsed by `parse_tree`, saves parsing it again for the first pass."""
    data: dict[str, Any] | None = None
    for precise in (True, False):
        if tree is None:
            tree = parse_tree(html)
        if tree is None:
            return None
        data = _extract(tree, url, precise)
        if data and (data.get("text") or "").strip():
            break
        tree = None
    body = normalise_text((data or {}).get("text") or "")
    if not body or data is None:
        return None
    title = normalise_text(data.get("title") or "") or None
    return PageText(
        text=drop_headline(body, title) if title else body,
        title=title,
        date=data.get("date"),
        url=data.get("url"),
        sitename=normalise_text(data.get("sitename") or "") or None,
        hostname=data.get("hostname"),
    )
