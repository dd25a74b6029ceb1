"""Fixtures for the extraction tests; the pipeline itself is the session-wide
`nlp` fixture of tests/conftest.py (loaded once per test session)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from briefings.extract import extract_doc
from briefings.extract.boilerplate import mask_noise
from briefings.models import Article, Extraction

Run = Callable[..., Extraction]


@pytest.fixture(scope="session")
def run(nlp) -> Run:  # type: ignore[no-untyped-def]
    """Extract facts from a made-up text: run("Kelly met Abe.", published=date)."""

    def _run(text: str, published: dt.date | None = None, title: str = "") -> Extraction:
        article = Article(id="test", title=title, text=text, published=published)
        return extract_doc(nlp(mask_noise(text)), article)  # parsed as the Extractor does

    return _run


def pairs(extraction: Extraction) -> set[frozenset[str]]:
    """Meeting participants as unordered pairs of last names."""
    out: set[frozenset[str]] = set()
    for m in extraction.meetings:
        names = [p.split()[-1] for p in m.participants]
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                out.add(frozenset((a, b)))
    return out


def stops(extraction: Extraction) -> dict[str, list[str]]:
    return {i.who: [s.place for s in i.stops] for i in extraction.next_stops}
