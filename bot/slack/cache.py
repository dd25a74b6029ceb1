"""A small answer cache: per store, invalidated whenever articles change, with
single-flight (concurrent misses for one key wait for one computation)."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

from briefings.store import Store

MAX_ENTRIES = 1024


class AnswerCache:
    def __init__(self, store: Store, max_entries: int = MAX_ENTRIES) -> None:
        self._store = weakref.ref(store)
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._inflight: dict[tuple[Any, ...], Future[Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        store = self._store()
        if store is None:
            return compute()
        full = (key, store.data_version())
        with self._lock:
            if full in self._entries:
                self._entries.move_to_end(full)
                self.hits += 1
                return self._entries[full]
            fut = self._inflight.get(full)
            owner = fut is None
            if fut is None:
                fut = Future()
                self._inflight[full] = fut
                self.misses += 1
        if not owner:
            return fut.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                self._inflight.pop(full, None)
            fut.set_exception(exc)
            raise
        with self._lock:
            self._inflight.pop(full, None)
            self._entries[full] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        fut.set_result(value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_CACHES: weakref.WeakKeyDictionary[Store, AnswerCache] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def answer_cache(store: Store) -> AnswerCache:
    with _LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = AnswerCache(store)
        return cache
