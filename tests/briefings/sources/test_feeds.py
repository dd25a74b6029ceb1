"""RSS and Atom feeds: conditional GET, teasers, broken entries, non-feeds, polling."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from briefings.errors import FetchError
from briefings.models import Article
from briefings.sources import (
    FeedEntry,
    FeedRequest,
    FeedResult,
    Fetcher,
    fetch_feed_sync,
    looks_like_feed,
    poll_sync,
)
from briefings.sources.feeds import parse_feed
from tests.briefings.sources.helpers import LOCAL, run
from tests.briefings.sources.server import (
    HTTP_DATE,
    LocalServer,
    atom_feed,
    page_html,
    rss_feed,
    teaser,
)

LONG = "\n".join(
    f"Paragraph {i}: the envoy met the prime minister in Nairobi and both sides agreed "
    "to a ceasefire monitoring mission, officials said after the talks ended late on Friday."
    for i in range(12)
)


def feed(url: str, etag: str | None = None, last_modified: str | None = None) -> FeedResult:
    async def go() -> FeedResult:
        async with Fetcher(LOCAL) as f:
            return await f.fetch_feed(url, etag, last_modified)

    return run(go())


def test_rss_with_full_content_needs_no_page_fetch(server: LocalServer) -> None:
    items = [
        {
            "title": f"Full story {i}",
            "link": f"/rss-full/story-{i}?utm_source=rss",
            "guid": f"urn:full:{i}",
            "pubDate": "Tue, 30 Apr 2024 08:00:00 GMT",
            "description": "Short summary.",
            "content": "".join(f"<p>{p}</p>" for p in LONG.split("\n")),
        }
        for i in range(3)
    ]
    url = server.add(
        "/rss-full.xml", rss_feed(items, title="Full feed"), content_type="application/rss+xml"
    )
    result = feed(url)
    assert result.status == "ok" and result.ok
    assert result.title == "Full feed"
    assert [a.title for a in result.articles] == ["Full story 0", "Full story 1", "Full story 2"]
    a = result.articles[0]
    assert a.url == server.url("/rss-full/story-0")  # absolute, canonical, no utm_*
    assert a.published == dt.date(2024, 4, 30)
    assert a.source == "Full feed"
    assert a.text.startswith("Paragraph 0:") and a.text.count("\n") == 11
    assert all(not e.is_teaser for e in result.entries)
    assert server.count("/rss-full/") == 0


def test_atom_teasers_fetch_their_pages(server: LocalServer) -> None:
    items = []
    for i in range(3):
        path = f"/atom/post-{i}.html"
        server.add(path, page_html(f"Atom post {i}", LONG, published=f"2024-02-0{i + 1}"))
        items.append({"title": f"Atom post {i}", "link": path, "summary": teaser(LONG)})
    url = server.add("/atom.xml", atom_feed(items), content_type="application/atom+xml")
    result = feed(url)
    assert result.status == "ok"
    assert all(e.is_teaser for e in result.entries)
    assert [a.title for a in result.articles] == ["Atom post 0", "Atom post 1", "Atom post 2"]
    assert result.articles[1].published == dt.date(2024, 2, 2)
    assert "Paragraph 11" in result.articles[2].text  # the page, not the teaser
    assert result.articles[0].source == "Test Atom feed"  # the page names no site
    for i in range(3):
        assert server.hits[f"/atom/post-{i}.html"] == 1


def test_conditional_get_returns_not_modified(server: LocalServer) -> None:
    items = [{"title": "Only", "link": "/cond/only", "content": "<p>" + LONG + "</p>"}]
    url = server.add(
        "/cond.xml",
        rss_feed(items),
        content_type="application/rss+xml",
        etag='"v1"',
        last_modified=HTTP_DATE,
    )
    first = feed(url)
    assert first.status == "ok" and first.http_status == 200
    assert (first.etag, first.last_modified) == ('"v1"', HTTP_DATE)
    second = feed(url, first.etag, first.last_modified)
    assert second.status == "not_modified" and second.http_status == 304
    assert second.entries == () and second.articles == ()
    assert (second.etag, second.last_modified) == ('"v1"', HTTP_DATE)
    sent = [s.headers for s in server.seen if s.path == "/cond.xml"][-1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == HTTP_DATE
    # Last-Modified alone is enough too.
    assert feed(url, None, HTTP_DATE).status == "not_modified"
    # A changed feed (other validator) is fetched in full.
    assert feed(url, '"v0"', None).status == "ok"


def test_broken_entries_among_good_ones(server: LocalServer) -> None:
    server.add("/mixed/good-page.html", page_html("Good page", LONG))
    items = [
        {"title": "Good full", "link": "/mixed/full", "content": "<p>" + LONG + "</p>"},
        {"title": "", "description": ""},  # neither link nor text
        {"title": "Gone", "link": "/mixed/missing.html", "description": "Teaser…"},
        {"title": "Intranet", "link": "http://10.0.0.5/secret", "description": "Teaser…"},
        {"title": "Script", "link": "javascript:alert(1)", "description": ""},
        {"title": "PDF", "link": "/mixed/report.pdf", "description": "Teaser…"},
        {"title": "Good teaser", "link": "/mixed/good-page.html", "description": "Teaser…"},
    ]
    server.add("/mixed/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    url = server.add("/mixed.xml", rss_feed(items), content_type="application/rss+xml")
    result = feed(url)
    assert result.status == "ok"
    assert [a.title for a in result.articles] == ["Good full", "Good page"]
    errors = {e.n: e.message for e in result.errors}
    assert errors == {
        2: "feed entry 2 has neither a link nor any text",
        3: "the page was not found (404); check the link",
        4: "that address (10.0.0.5) is on a private network; only public sites can be fetched",
        5: "feed entry 5 has neither a link nor any text",
        6: "that is a PDF, not a web page",
    }
    assert {e.kind for e in result.errors} >= {"http_404", "private", "pdf", "entry_empty"}


def test_malformed_xml_keeps_the_readable_entries(server: LocalServer) -> None:
    body = rss_feed(
        [
            {"title": "First", "link": "/bad-xml/1", "content": "<p>" + LONG + "</p>"},
            {"title": "Second", "link": "/bad-xml/2", "content": "<p>" + LONG + "</p>"},
        ]
    ).replace("</channel></rss>", "<item><title>Broken & <unclosed></item>")
    url = server.add("/bad-xml.xml", body, content_type="application/rss+xml")
    result = feed(url)
    titles = [a.title for a in result.articles]
    assert titles[:2] == ["First", "Second"]


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (page_html("Just a page", LONG), "text/html"),
        ("this is not XML at all {]", "text/plain"),
        ('{"hello": "world"}', "application/json"),
        ("<?xml version='1.0'?><catalog><book>x</book></catalog>", "application/xml"),
    ],
)
def test_not_a_feed(server: LocalServer, body: str, ctype: str) -> None:
    url = server.add(f"/not-feed/{abs(hash(body))}", body, content_type=ctype)
    with pytest.raises(
        FetchError, match="that is not a feed: no RSS or Atom entries could be read"
    ):
        feed(url)


def test_skip_known_entries(server: LocalServer) -> None:
    items = []
    for i in range(3):
        server.add(f"/skip/{i}.html", page_html(f"Skip {i}", LONG))
        items.append({"title": f"Skip {i}", "link": f"/skip/{i}.html", "description": "More…"})
    url = server.add("/skip.xml", rss_feed(items), content_type="application/rss+xml")
    known = {server.url("/skip/0.html"), server.url("/skip/2.html")}

    def skip(entry: FeedEntry) -> bool:
        return entry.link in known

    result = fetch_feed_sync(url, policy=LOCAL, skip=skip)
    assert [a.title for a in result.articles] == ["Skip 1"]
    assert [e.link for e in result.skipped] == sorted(known)
    assert server.hits["/skip/0.html"] == 0 and server.hits["/skip/2.html"] == 0


def test_fetch_any_detects_feeds_and_pages(server: LocalServer) -> None:
    page = server.add("/any/page.html", page_html("A page", LONG))
    items = [{"title": "E", "link": "/any/e", "content": "<p>" + LONG + "</p>"}]
    feed_as_html = server.add("/any/feed", rss_feed(items), content_type="text/html")
    atom = server.add(
        "/any/atom",
        atom_feed([{"title": "A", "link": "/any/page.html", "summary": "Teaser…"}]),
        content_type="application/xml",
    )

    async def go(url: str) -> Article | FeedResult:
        async with Fetcher(LOCAL) as f:
            return await f.fetch_any(url)

    assert isinstance(run(go(page)), Article)

    async def article(url: str) -> Article:
        async with Fetcher(LOCAL) as f:
            return await f.fetch_article(url)

    with pytest.raises(FetchError, match="that link is a news feed, not an article page"):
        run(article(feed_as_html))
    got = run(go(feed_as_html))
    assert isinstance(got, FeedResult) and got.articles[0].title == "E"
    got = run(go(atom))
    assert isinstance(got, FeedResult) and got.articles[0].title == "A page"


def test_poll_many_feeds_failures_are_contained(server: LocalServer) -> None:
    good = server.add(
        "/poll/good.xml",
        rss_feed([{"title": "G", "link": "/poll/g", "content": "<p>" + LONG + "</p>"}]),
        content_type="application/rss+xml",
        etag='"g1"',
    )
    not_modified = server.add(
        "/poll/same.xml",
        rss_feed([{"title": "S", "link": "/poll/s", "content": "<p>" + LONG + "</p>"}]),
        content_type="application/rss+xml",
        etag='"s1"',
    )
    requests = [
        FeedRequest(good),
        FeedRequest(not_modified, etag='"s1"'),
        FeedRequest(server.url("/poll/missing.xml"), etag='"old"', last_modified=HTTP_DATE),
        FeedRequest("http://169.254.169.254/latest/meta-data/"),
    ]
    results = poll_sync(requests, LOCAL)
    assert [r.status for r in results] == ["ok", "not_modified", "error", "error"]
    assert results[0].etag == '"g1"' and results[0].articles[0].title == "G"
    assert results[2].error == "the page was not found (404); check the link"
    assert results[2].error_kind == "http_404"
    assert (results[2].etag, results[2].last_modified) == ('"old"', HTTP_DATE)  # kept
    assert results[3].error_kind == "link_local"


def test_hostile_feed_entries_keep_their_text(server: LocalServer) -> None:
    items = [
        {
            "title": "<!channel> urgent <@U024BE7LH>",
            "link": "/hostile-feed/1",
            "content": "<p>&lt;!here&gt; " + LONG + " &lt;!everyone&gt;</p>",
        }
    ]
    url = server.add("/hostile.xml", rss_feed(items), content_type="application/rss+xml")
    a = feed(url).articles[0]
    assert a.title == "<!channel> urgent <@U024BE7LH>"
    assert a.text.startswith("<!here> ") and a.text.endswith("<!everyone>")


def test_corpus_feed(server: LocalServer, corpus_articles: list[Article]) -> None:
    from tests.briefings.sources.server import add_corpus_site

    [path] = add_corpus_site(server, corpus_articles, feeds=1, per_feed=8, prefix="/corpusfeed")
    result = feed(server.url(path))
    assert result.errors == ()
    assert [a.title for a in result.articles] == [a.title for a in corpus_articles[:8]]
    for got, want in zip(result.articles, corpus_articles[:8], strict=True):
        assert got.text.split("\n")[-1] == want.text.split("\n")[-1]


def test_parse_feed_never_opens_paths_or_urls() -> None:
    """feedparser is only given bytes in a BytesIO, never something it would open."""
    with pytest.raises(FetchError, match="not a feed"):
        parse_feed(b"/etc/passwd", url="http://example.org/feed")
    with pytest.raises(FetchError, match="not a feed"):
        parse_feed(b"http://169.254.169.254/latest/meta-data/", url="http://example.org/f")


def test_looks_like_feed() -> None:
    assert looks_like_feed("application/rss+xml", b"")
    assert looks_like_feed("text/xml", b"<?xml version='1.0'?>\n<rss version='2.0'>")
    assert looks_like_feed("text/html", b"\xef\xbb\xbf  <feed xmlns='http://www.w3.org/2005/Atom'>")
    assert not looks_like_feed("text/html", b"<!DOCTYPE html><html><body>rss</body></html>")
    assert not looks_like_feed("text/html", b"<html><body><feed>x</feed></body></html>")


def test_non_utf8_feed(server: LocalServer) -> None:
    text = "Министры иностранных дел встретились в Вене и договорились продолжить переговоры. "
    body = rss_feed([{"title": "Встреча в Вене", "link": "/cp1251/1", "content": text * 40}])
    body = body.replace('encoding="utf-8"', 'encoding="windows-1251"')
    url = server.add("/cp1251.xml", body.encode("cp1251"), content_type="application/rss+xml")
    a = feed(url).articles[0]
    assert a.title == "Встреча в Вене"
    assert a.text.startswith("Министры иностранных дел")


def test_feed_entry_limit(server: LocalServer) -> None:
    items = [
        {"title": f"N{i}", "link": f"/many/{i}", "content": "<p>" + LONG + "</p>"} for i in range(5)
    ]
    url = server.add("/many.xml", rss_feed(items), content_type="application/rss+xml")

    async def go() -> FeedResult:
        async with Fetcher(dataclasses.replace(LOCAL, max_feed_entries=3)) as f:
            return await f.fetch_feed(url)

    assert [a.title for a in run(go()).articles] == ["N0", "N1", "N2"]


def test_gzipped_chunked_feed(server: LocalServer) -> None:
    items = [{"title": "Zipped", "link": "/gz/1", "content": "<p>" + LONG + "</p>"}]
    url = server.add(
        "/gz.xml", rss_feed(items), content_type="application/rss+xml", gzip=True, chunked=True
    )
    assert [a.title for a in feed(url).articles] == ["Zipped"]


def test_an_article_linked_twice_is_fetched_once(server: LocalServer) -> None:
    server.add("/twice/page.html", page_html("Twice", LONG))
    items = [{"title": "Twice", "link": "/twice/page.html", "description": "Teaser…"}] * 2
    one = server.add("/twice/a.xml", rss_feed(items), content_type="application/rss+xml")
    two = server.add("/twice/b.xml", rss_feed(items[:1]), content_type="application/rss+xml")
    results = poll_sync([FeedRequest(one), FeedRequest(two)], LOCAL)
    assert [[a.title for a in r.articles] for r in results] == [["Twice"], ["Twice"]]
    assert server.hits["/twice/page.html"] == 1


def test_poll_feed_sync_reports_instead_of_raising(server: LocalServer) -> None:
    from briefings.sources import poll_feed_sync

    got = poll_feed_sync(server.url("/nope.xml"), '"e"', HTTP_DATE, LOCAL)
    assert (got.status, got.ok, got.error_kind) == ("error", False, "http_404")
    assert (got.etag, got.last_modified) == ('"e"', HTTP_DATE)
    with pytest.raises(FetchError, match="404"):
        fetch_feed_sync(server.url("/nope.xml"), policy=LOCAL)
