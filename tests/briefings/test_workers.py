"""The extraction pool: real worker processes with their own pipelines."""

from __future__ import annotations

import os

import pytest

from briefings.errors import ExtractionError
from briefings.loaders import load_paths
from briefings.models import Article, Extraction
from briefings.workers import ExtractionPool, default_workers
from tests.support import SEEDS, shared_path


def _articles() -> list[Article]:
    report = load_paths([shared_path("corpus", "diplomacy")])
    assert not report.failures
    return report.articles[:40]


def _title_and_meetings(article: Article, extraction: Extraction) -> str:
    """A transform run in the worker (module level, so it pickles)."""
    return f"{article.id}:{len(extraction.meetings)}"


def _die(article: Article, extraction: Extraction) -> str:
    os._exit(3)  # a worker crashing (out of memory, a segfault in a C extension...)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_workers_give_what_one_process_gives(nlp, extractor, method: str) -> None:  # type: ignore[no-untyped-def]
    articles = _articles()
    expected = [x.to_json() for x in extractor.extract_many(articles)]
    with ExtractionPool(2, nlp=nlp, start_method=method) as pool:
        got = [x.to_json() for x in pool.extract_many(articles)]
    assert got == expected
    assert any(x["meetings"] for x in got)  # the corpus has facts: the check is not vacuous


def test_one_worker_runs_in_this_process(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    articles = load_paths([SEEDS]).articles
    pool = ExtractionPool(1, nlp=nlp)
    assert pool._pool is None
    assert [x.to_json() for x in pool.extract_many(articles)] == [
        x.to_json() for x in extractor.extract_many(articles)
    ]
    assert pool.version == extractor.version


def test_map_runs_the_transform_in_the_workers_in_order(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    articles = _articles()
    expected = [
        _title_and_meetings(a, x)
        for a, x in zip(articles, extractor.extract_many(articles), strict=True)
    ]
    with ExtractionPool(2, nlp=nlp, start_method="fork", batch_size=3) as pool:
        assert list(pool.map(articles, _title_and_meetings)) == expected


def test_a_dead_worker_is_a_clear_error(nlp) -> None:  # type: ignore[no-untyped-def]
    with (
        ExtractionPool(2, nlp=nlp, start_method="fork") as pool,
        pytest.raises(ExtractionError, match="worker process died"),
    ):
        list(pool.map(load_paths([SEEDS]).articles, _die))


def test_a_closed_pool_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    pool = ExtractionPool(2, nlp=nlp, start_method="fork")
    pool.close()
    with pytest.raises(ExtractionError, match="stopped"):
        list(pool.extract_many(load_paths([SEEDS]).articles))


def test_default_is_the_cores_this_process_may_use() -> None:
    assert default_workers() == len(os.sched_getaffinity(0))
