"""Article pages: text, title, date, canonical URL, character sets, hostile text."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.errors import FetchError
from briefings.models import Article
from briefings.sources import Fetcher, FetchPolicy, fetch_article_sync
from briefings.sources.pages import html_to_text
from tests.briefings.sources.helpers import LOCAL, run
from tests.briefings.sources.server import LocalServer, page_html

TEXT = (
    "Foreign ministers of the two countries met in Vienna on Monday.\n"
    "They agreed to reopen their embassies and to resume direct flights.\n"
    "The talks, the first in six years, lasted more than five hours, officials said.\n"
    "Both sides said the next round would take place in Ankara in the spring."
)


def fetch_article(url: str, policy: FetchPolicy = LOCAL) -> Article:
    async def go() -> Article:
        async with Fetcher(policy) as f:
            return await f.fetch_article(url)

    return run(go())


def test_article_fields(server: LocalServer) -> None:
    url = server.add("/p/basic.html", page_html("Ministers meet", TEXT, published="2024-03-04"))
    a = fetch_article(url + "?utm_source=slack&utm_medium=x&id=7#comments")
    assert a.title == "Ministers meet"
    assert a.published == dt.date(2024, 3, 4)
    assert a.url == url + "?id=7"  # tracking parameters and fragment gone
    assert a.id == a.url
    assert a.origin == url + "?utm_source=slack&utm_medium=x&id=7#comments"
    assert a.source == f"127.0.0.1:{server.port}"
    assert "resume direct flights" in a.text
    assert "Home" not in a.text and "Copyright" not in a.text  # boilerplate dropped
    assert a.text.count("\n") >= 3  # paragraphs kept


def test_rel_canonical_is_honoured(server: LocalServer) -> None:
    canonical = server.url("/news/2024/ministers-meet")
    url = server.add(
        "/amp/ministers?output=amp",
        page_html("Ministers meet", TEXT, canonical="/news/2024/ministers-meet?utm_campaign=a"),
    )
    a = fetch_article(url)
    assert a.url == canonical
    assert a.id == canonical


def test_cross_site_canonical_is_ignored(server: LocalServer) -> None:
    """A page cannot claim to be another site's article (it would overwrite its facts)."""
    url = server.add(
        "/p/impostor.html",
        page_html("Impostor", TEXT, canonical="https://www.bbc.co.uk/news/world-123"),
    )
    assert fetch_article(url).url == url


@pytest.mark.parametrize(
    ("charset", "meta_style", "header", "text"),
    [
        (
            "windows-1251",
            "charset",
            "text/html",
            "Министры иностранных дел встретились в Вене в понедельник.\n" * 4,
        ),
        (
            "iso-8859-1",
            "http-equiv",
            "text/html",
            "Le ministre français a rencontré son homologue à Genève.\n" * 4,
        ),
        ("koi8-r", None, "text/html; charset=koi8-r", "Переговоры в Женеве продолжатся.\n" * 4),
        (
            "windows-1252",
            "charset",
            "text/html; charset=windows-1252",
            "Señor Pérez met the “envoy” in Zürich — talks continue.\n" * 4,
        ),
    ],
)
def test_non_utf8_pages(
    server: LocalServer, charset: str, meta_style: str | None, header: str, text: str
) -> None:
    html = page_html("Title", text, charset=charset if meta_style else None,
                     meta_style=meta_style or "charset")  # fmt: skip
    path = f"/charset/{charset}"
    url = server.add(path, html.encode(charset), content_type=header)
    a = fetch_article(url)
    first = text.split("\n", 1)[0]
    assert first in a.text
    assert "\ufffd" not in a.text


def test_header_charset_beats_meta(server: LocalServer) -> None:
    text = "Встреча министров прошла в Вене.\n" * 4
    html = page_html("Заголовок", text, charset="utf-8")  # meta lies
    url = server.add(
        "/charset/lying-meta", html.encode("cp1251"), content_type="text/html; charset=cp1251"
    )
    a = fetch_article(url)
    assert "Встреча министров" in a.text
    assert a.title == "Заголовок"


def test_hostile_page_text_is_preserved_as_text(server: LocalServer) -> None:
    hostile = (
        "Breaking: <!channel> <!here> <!everyone> please read.\n"
        "Ping <@U024BE7LH> and <#C024BE7LR|general> now, or click <https://evil.example|here>.\n"
        "Ministers met in Oslo and agreed to talk again @channel @here.\n"
        "```code``` *bold* _it_ ~strike~ &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    url = server.add("/p/hostile.html", page_html("<!channel> Hostile <@U024BE7LH>", hostile))
    a = fetch_article(url)
    assert "<!channel> <!here> <!everyone>" in a.text
    assert "<@U024BE7LH>" in a.text
    assert "<https://evil.example|here>" in a.text
    assert "@channel @here" in a.text
    assert "<script>alert(1)</script>" in a.text  # text, not markup
    assert a.title == "<!channel> Hostile <@U024BE7LH>"


def test_plain_text_page(server: LocalServer) -> None:
    url = server.add("/p/plain.txt", TEXT, content_type="text/plain; charset=utf-8")
    a = fetch_article(url)
    assert a.text == TEXT
    assert a.title == "Foreign ministers of the two countries met in Vienna on Monday."


def test_page_without_text(server: LocalServer) -> None:
    url = server.add("/p/blank.html", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(FetchError, match="no article text was found on that page"):
        fetch_article(url)


def test_corpus_pages(server: LocalServer, corpus_articles: list[Article]) -> None:
    for i, art in enumerate(corpus_articles[:5]):
        url = server.add(f"/corpus/page-{i}.html", page_html(art.title, art.text))
        got = fetch_article(url)
        assert got.title == art.title
        # trafilatura keeps every paragraph of a clean article page
        assert got.text.split("\n")[0] == art.text.split("\n")[0]
        assert len(got.text) >= 0.95 * len(art.text)


def test_sync_wrapper(server: LocalServer) -> None:
    url = server.add("/p/sync.html", page_html("Sync", TEXT))
    assert fetch_article_sync(url, LOCAL).title == "Sync"
    with pytest.raises(FetchError, match="own machine"):
        fetch_article_sync(url)  # default policy: loopback refused


def test_html_to_text() -> None:
    assert html_to_text("<p>One</p><p>Two<br>Three</p>") == "One\nTwo\nThree"
    assert html_to_text("a &amp; b &lt;!here&gt;") == "a & b <!here>"
    assert html_to_text("<div>x<script>evil()</script></div>") == "x"
    assert html_to_text("") == ""
