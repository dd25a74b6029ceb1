"""`briefbot ingest URL` and `briefbot brief URL` against a real local news site."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.test_cli import run
from tests.briefings.sources.server import LocalServer, page_html, rss_feed
from tests.support import SEEDS

SEED = (SEEDS / "kelly-tokyo-2003.txt").read_text()
OTHER = (
    "Foreign Minister Ana Lopez met her Chilean counterpart Mario Rossi in Lima on Monday. "
    "The two ministers agreed to reopen the border crossing. "
    "Lopez will travel to Quito on Thursday before returning to Lima."
)


@pytest.fixture(scope="module")
def site() -> Iterator[LocalServer]:
    server = LocalServer().start()
    server.add("/news/kelly.html", page_html("Kelly in Tokyo", SEED, published="2003-11-10"))
    # A short entry counts as a teaser, so its page is fetched too.
    server.add("/news/lima.html", page_html("Lima talks", OTHER, published="2020-03-02"))
    items = [
        {
            "title": "Kelly in Tokyo",
            "link": "/news/kelly.html",
            "guid": "k",
            "description": "Kelly holds talks in Tokyo …",
        },
        {"title": "Lima talks", "link": "/news/lima.html", "guid": "l", "content": OTHER},
    ]
    server.add("/feed.xml", rss_feed(items), content_type="application/rss+xml")
    yield server
    server.stop()


ALLOW = {"BRIEFBOT_ALLOW_PRIVATE_HOSTS": "true"}


def test_ingest_feed_then_nothing_new(site: LocalServer, tmp_path: Path) -> None:
    first = run(["ingest", site.url("/feed.xml")], tmp_path, **ALLOW)
    assert first.returncode == 0, first.stderr
    assert "2 new" in first.stdout
    again = run(
        ["ingest", site.url("/feed.xml"), site.url("/news/kelly.html?utm_source=x")],
        tmp_path,
        **ALLOW,
    )
    assert "0 new" in again.stdout and "3 unchanged" in again.stdout, again.stdout


def test_brief_url_as_json(site: LocalServer, tmp_path: Path) -> None:
    res = run(
        ["brief", "--json", "--out", str(tmp_path / "o"), site.url("/news/kelly.html")],
        tmp_path,
        **ALLOW,
    )
    assert res.returncode == 0, res.stderr
    (out,) = (tmp_path / "o").glob("*.json")
    data = json.loads(out.read_text())
    assert any(o["name"] == "James Kelly" for o in data["officials"])


def test_private_address_refused_by_default(site: LocalServer, tmp_path: Path) -> None:
    res = run(["ingest", site.url("/feed.xml")], tmp_path)
    assert res.returncode == 1
    assert "127.0.0.1) is the bot's own machine; only public sites can be fetched" in res.stderr
    assert "0 new" in res.stdout
    assert "BRIEFBOT_ALLOW_PRIVATE_HOSTS=true" in res.stderr


def test_sources_add_private_address_names_the_setting(tmp_path: Path) -> None:
    res = run(["sources", "add", "http://127.0.0.1:1/feed.xml"], tmp_path)
    assert res.returncode == 2
    assert "own machine" in res.stderr and "BRIEFBOT_ALLOW_PRIVATE_HOSTS=true" in res.stderr
