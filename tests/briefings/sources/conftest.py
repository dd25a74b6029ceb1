"""Fixtures for the sources tests: one real local HTTP server for the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefings.models import Article
from tests.briefings.sources.server import LocalServer
from tests.support import shared_path


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def corpus_articles() -> list[Article]:
    from briefings.loaders import load_paths

    folder = shared_path("corpus", "diplomacy")
    articles = load_paths([folder]).articles
    assert len(articles) >= 20
    return articles
