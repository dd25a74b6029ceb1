"""The answer cache: invalidated by any article change; one computation per key at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bot.slack.cache import AnswerCache
from briefings.models import Article, Extraction
from briefings.store import Store


def _save(store: Store, n: int) -> None:
    art = Article(id=f"a{n}", title=f"Story {n}", text=f"Story number {n} happened.")
    store.save(art, Extraction(article_id=art.id, extractor_version="test"))


def test_invalidated_when_articles_change(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    cache = AnswerCache(store)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("kelly", compute) == 1
    assert cache.get("kelly", compute) == 1
    _save(store, 1)
    assert cache.get("kelly", compute) == 2
    assert cache.get("blair", compute) == 3
    assert (cache.hits, cache.misses) == (1, 3)
    store.close()


def test_single_flight(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'c.db'}")
    cache = AnswerCache(store)
    started = threading.Event()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return "dossier"

    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["dossier"] * 8
    assert len(calls) == 1
    store.close()
