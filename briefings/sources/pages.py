"""Fetched article pages -> `Article`: main text, title, date, canonical URL.

Parsing only; no network here. rel=canonical is honoured when it points into the
same site as the fetched page (a page cannot claim to be another site's article,
which would let anyone overwrite that article's stored facts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..html import PageText, canonical_link, drop_headline, extract_page, parse_tree
from ..loaders import parse_date, text_id
from ..models import Article
from ..text import first_sentence, normalise_text
from ..urls import canonical_url, same_site
from .fetch import Fetched
from .wording import FetchFailure

__all__ = ["PageHints", "canonical_link", "html_to_text", "page_to_article"]

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


def _source(page: PageText, url: str, hints: PageHints) -> str | None:
    """The page's own site name; trafilatura falls back to the host name, and then
    the feed's title (if the page came from a feed) names the source better."""
    site = page.sitename
    netloc = urlsplit(url).netloc
    if site is None or site in (netloc, urlsplit(url).hostname, page.hostname):
        return hints.source or site or urlsplit(url).hostname
    return site


def page_to_article(fetched: Fetched, hints: PageHints | None = None) -> Article:
    """The article on a fetched page; raises `FetchFailure("no_text")` if there is none."""
    hints = hints or PageHints()
    if fetched.content_type == "text/plain":
        return _plain_article(fetched, hints)
    html = fetched.text()
    tree = parse_tree(html)
    url = choose_url(fetched.final_url, canonical_link(tree, fetched.final_url))
    page = extract_page(html, url, tree=tree)
    if page is None:
        raise FetchFailure("no_text", url=fetched.url)
    title = page.title or hints.title or first_sentence(page.text)
    return Article(
        id=url or text_id(page.text),
        title=title,
        text=drop_headline(page.text, title),
        published=parse_date(page.date) or hints.published,
        url=url,
        source=_source(page, url, hints),
        origin=fetched.url,
    )
