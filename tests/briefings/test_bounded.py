"""Extraction in a child process under a time and a memory limit (real spaCy, real
processes): same facts as in-process, limits enforced, the child restarted after."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefings.bounded import BoundedExtractor, _rss_mb
from briefings.errors import ExtractionError
from briefings.ingest import ingest
from briefings.limits import MAX_ARTICLE_CHARS
from briefings.models import Article
from briefings.store import Store
from tests.briefings.factories import seed_article


def _long() -> Article:
    seed = seed_article()
    paras = [f"Paragraph {i}. {seed.text}" for i in range(MAX_ARTICLE_CHARS // len(seed.text))]
    return dataclasses.replace(seed, id="long", origin="long.txt", text="\n\n".join(paras))


@pytest.fixture(scope="module")
def bounded() -> Iterator[BoundedExtractor]:
    ex = BoundedExtractor(time_limit=120, memory_limit_mb=4096)
    ex.warm()
    yield ex
    ex.close()


def test_same_facts_as_in_process(bounded: BoundedExtractor, extractor) -> None:
    art = seed_article()
    assert bounded.extract(art) == extractor.extract(art)
    assert bounded.version == extractor.version


def test_time_limit_stops_the_article_and_the_next_one_works(bounded: BoundedExtractor) -> None:
    bounded.time_limit = 0.3
    try:
        with pytest.raises(ExtractionError, match=r"longer than 0\.3 s"):
            bounded.extract(_long())
    finally:
        bounded.time_limit = 120
    assert bounded.pid is None  # killed
    assert bounded.extract(seed_article()).meetings  # a new child answers


def test_memory_limit_stops_the_article(bounded: BoundedExtractor) -> None:
    bounded.warm()
    assert bounded.pid is not None
    base = _rss_mb(bounded.pid)
    assert base > 50  # the pipeline is loaded
    bounded.memory_limit_mb = int(base + 30)
    try:
        with pytest.raises(ExtractionError, match=r"more than \d+ MB"):
            bounded.extract(_long())
    finally:
        bounded.memory_limit_mb = 4096
    assert bounded.extract(seed_article()).officials


def test_ingest_names_the_article_over_a_limit_and_stores_the_rest(
    bounded: BoundedExtractor, tmp_path: Path
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    goods = [
        dataclasses.replace(
            seed_article(),
            id=f"s{i}",
            origin=f"s{i}.txt",
            text=seed_article().text + f"\nStory {i}.",
        )
        for i in range(3)
    ]
    # A seed-sized article takes ~0.1 s and the 50,000-character one ~1.8 s on this
    # machine (with the faster matching): 0.5 s leaves both a wide margin.
    bounded.time_limit = 0.5
    try:
        report = ingest([goods[0], _long(), *goods[1:]], bounded, store)
    finally:
        bounded.time_limit = 120
    assert (report.new, report.failed) == (3, 1), report.errors
    assert report.errors[0].startswith("long.txt: could not be extracted (extraction took longer")
    store.close()


def _cpu_ticks(pid: int | None) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_a_pool_extracts_on_several_children_at_once_each_bounded(extractor) -> None:
    """The extraction queue's pool: two threads get two different children, each
    giving the in-process facts; the limit still stops one article alone."""
    import threading

    from briefings.bounded import BoundedPool

    pool = BoundedPool(2, time_limit=120, memory_limit_mb=4096)
    try:
        pool.warm()
        pids = {c.pid for c in pool._all}
        assert len(pids) == 2 and None not in pids
        arts = [dataclasses.replace(seed_article(), id=f"s{i}") for i in range(4)]
        before = {pid: _cpu_ticks(pid) for pid in pids}
        got: dict[str, object] = {}

        def work(a: Article) -> None:
            got[a.id] = pool.extract(a)

        threads = [threading.Thread(target=work, args=(a,)) for a in arts]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        assert len(got) == 4
        # Both children parsed (their CPU time grew), not one of them four times.
        assert all(_cpu_ticks(pid) > before[pid] for pid in pids)
        want = extractor.extract(seed_article())
        assert all(dataclasses.replace(x, article_id=want.article_id) == want for x in got.values())
        for child in pool._all:
            child.time_limit = 0.3
        with pytest.raises(ExtractionError, match=r"longer than 0\.3 s"):
            pool.extract(_long())
    finally:
        pool.close()
