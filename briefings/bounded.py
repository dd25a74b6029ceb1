"""Extraction in a separate process, with a time and a memory limit per article.

Articles from untrusted URLs are extracted here, so a hostile or pathological
page can neither hold the GIL that acknowledges Slack requests nor grow the
bot's memory: the child process parses one article at a time; when an article
takes longer than `time_limit` seconds or the child's resident memory passes
`memory_limit_mb`, the child is killed (and restarted for the next article)
and that article fails with an `ExtractionError` naming the limit.

`BoundedExtractor` has the `Extractor` interface `ingest` uses (`version`,
`extract`, `extract_many`).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from .errors import ExtractionError
from .extract import EXTRACTOR_VERSION
from .models import Article, Extraction

log = logging.getLogger("briefings.bounded")

START_TIMEOUT = 120.0  # seconds for the child to load the spaCy pipeline
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    """The child: load the pipeline once, then extract each article sent."""
    from .extract import Extractor
    from .nlp import load_pipeline

    extractor = Extractor(load_pipeline())
    conn.send(("ready", extractor.version))
    while True:
        try:
            article = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", extractor.extract(article)))
        except Exception as exc:
            conn.send(("error", f"{exc.__class__.__name__}: {exc}"))


def _rss_mb(pid: int) -> float:
    """Resident memory of `pid` in MB (0 when unknown: not Linux, or already gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


class BoundedExtractor:
    """One child process extracting one article at a time, under both limits."""

    def __init__(self, *, time_limit: float = 60.0, memory_limit_mb: int = 1024) -> None:
        self.time_limit = time_limit
        self.memory_limit_mb = memory_limit_mb
        self.version = EXTRACTOR_VERSION
        self._mp = mp.get_context("spawn")  # never fork a process full of threads
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None
        self.restarts = 0

    # -- the child ------------------------------------------------------------

    def _start(self) -> Connection:
        parent, child = self._mp.Pipe()
        proc = self._mp.Process(target=_serve, args=(child,), name="briefbot-extract", daemon=True)
        proc.start()
        child.close()
        if not parent.poll(START_TIMEOUT):
            proc.kill()
            raise ExtractionError("the extraction process did not start")
        kind, version = parent.recv()
        if kind != "ready":  # pragma: no cover - defensive
            proc.kill()
            raise ExtractionError("the extraction process did not start")
        self.version = version
        self._proc, self._conn = proc, parent
        return parent

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None
        self.restarts += 1

    def warm(self) -> None:
        """Start the child now (it takes seconds to load the pipeline)."""
        with self._lock:
            if self._conn is None:
                self._start()

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                self._kill()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    # -- the Extractor interface ------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        with self._lock:
            conn = self._conn if self._conn is not None else self._start()
            conn.send(article)
            deadline = time.monotonic() + self.time_limit
            while not conn.poll(0.05):
                pid = self._proc.pid
                if not self._proc.is_alive():
                    self._kill()
                    raise ExtractionError("the extraction process died on this article")
                if time.monotonic() > deadline:
                    self._kill()
                    raise ExtractionError(
                        f"extraction took longer than {self.time_limit:g} s and was stopped"
                    )
                if _rss_mb(pid) > self.memory_limit_mb:
                    self._kill()
                    raise ExtractionError(
                        f"extraction needed more than {self.memory_limit_mb} MB and was stopped"
                    )
            kind, value = conn.recv()
        if kind == "ok":
            return value
        raise ExtractionError(str(value))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            yield self.extract(article)


class BoundedPool:
    """`workers` bounded child processes: each article goes to an idle one, so as many
    callers (the extraction queue's threads) extract at once, each article still
    under both limits. Children start on first use."""

    def __init__(self, workers: int, *, time_limit: float = 60.0, memory_limit_mb: int = 1024):
        self.time_limit = time_limit
        self.version = EXTRACTOR_VERSION
        self._all = [
            BoundedExtractor(time_limit=time_limit, memory_limit_mb=memory_limit_mb)
            for _ in range(max(1, workers))
        ]
        self._idle: queue.SimpleQueue[BoundedExtractor] = queue.SimpleQueue()
        for child in self._all:
            self._idle.put(child)

    @property
    def workers(self) -> int:
        return len(self._all)

    def extract(self, article: Article) -> Extraction:
        # An idle child comes back within one article's limit (or its start-up).
        try:
            child = self._idle.get(timeout=self.time_limit + START_TIMEOUT)
        except queue.Empty:
            raise ExtractionError("every extraction process stayed busy") from None
        try:
            return child.extract(article)
        finally:
            self._idle.put(child)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            yield self.extract(article)

    def warm(self) -> None:
        for child in self._all:
            child.warm()

    def close(self) -> None:
        for child in self._all:
            child.close()
