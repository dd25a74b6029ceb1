"""One page, two ways in: read from disk (`briefings.loaders`) and fetched over HTTP
from a real loopback server (`briefings.sources`), it gives the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.loaders import load_file
from tests.briefings.sources.helpers import LOCAL
from tests.briefings.sources.server import LocalServer, page_html
from tests.briefings.sources.test_pages import fetch_article

LONG = (
    "Foreign ministers of the two countries met in Vienna on Monday.\n"
    "They agreed to reopen their embassies and to resume direct flights.\n"
    "The talks, the first in six years, lasted more than five hours, officials said.\n"
    "Both sides said the next round would take place in Ankara in the spring."
)
SHORT = "The envoy met the prime minister on Friday."
SIDEBAR = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Envoy in Oslo</title></head>"
    "<body><header><a href='/'>Home</a></header>"
    "<aside><h3>Most read</h3><ul><li><a href='/a'>Another story</a></li></ul></aside>"
    "<main><h1>Envoy in Oslo</h1><p>The special envoy arrived in Oslo on Tuesday for "
    "talks with the foreign minister about the ceasefire.</p><p>She will travel on to "
    "Stockholm on Thursday, her office said.</p></main>"
    "<footer>Subscribe to our newsletter. Copyright.</footer></body></html>"
)

PAGES = {
    "long": page_html("Ministers meet", LONG, published="2024-03-04"),
    "short": page_html("Envoy meets premier", SHORT),  # below trafilatura's precision bar
    "sidebar": SIDEBAR,
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_text_from_disk_and_over_http(name: str, server: LocalServer, tmp_path: Path) -> None:
    html = PAGES[name]
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    from_disk = load_file(path)
    assert len(from_disk) == 1

    url = server.add(f"/same/{name}.html", html)
    from_web = fetch_article(url, LOCAL)

    assert from_web.text == from_disk[0].text
    assert from_web.title == from_disk[0].title
    assert from_web.published == from_disk[0].published
    assert from_web.text.strip()  # and there is text at all
