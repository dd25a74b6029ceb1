"""Extraction on N worker processes, results in input order.

Parsing is CPU-bound and the GIL keeps threads on one core, so each worker is a
process with its own pipeline (loaded once per process, or inherited through
`fork`). The calling process keeps the only store connection that writes: the
workers never see the database. Articles travel in chunks of half the pipeline's
batch size: spaCy's analyses do not depend on how documents are batched (the
tests compare pool and one process byte for byte), and small chunks leave little
work to one worker alone at the end. At most `2 * workers` chunks are in flight,
so memory stays bounded whatever the input.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ExtractionError
from .models import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from .extract import Extractor

__all__ = ["ExtractionPool", "Extracts", "default_workers"]

log = logging.getLogger("briefbot.workers")

Transform = Callable[[Article, Extraction], Any]

# A chunk taking longer than this means a stuck worker, not a long article.
CHUNK_TIMEOUT = 600.0


class Extracts(Protocol):
    """What ingest needs: an `Extractor` or an `ExtractionPool`."""

    version: str

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# -- inside a worker process ---------------------------------------------------

# The worker's extractor: set by `_init`, or inherited from the parent with fork.
_EXTRACTOR: Extractor | None = None


def _init(batch_size: int) -> None:
    global _EXTRACTOR
    # Ctrl-C goes to the whole process group; the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _EXTRACTOR is None:
        from .extract import Extractor
        from .nlp import load_pipeline

        _EXTRACTOR = Extractor(load_pipeline(), batch_size=batch_size)


def _run(extractor: Extracts, chunk: list[Article], transform: Transform | None) -> list[Any]:
    out: list[Any] = []
    for article, extraction in zip(chunk, extractor.extract_many(chunk), strict=True):
        out.append(transform(article, extraction) if transform else extraction)
    return out


def _run_chunk(chunk: list[Article], transform: Transform | None) -> list[Any]:
    assert _EXTRACTOR is not None, "worker not initialised"
    return _run(_EXTRACTOR, chunk, transform)


# -- in the calling process ----------------------------------------------------


class ExtractionPool:
    """Extracts articles on `workers` processes (in this process when workers == 1).

    `extract_many` and `map` yield in input order, byte for byte what one process
    gives. Call `close()` (or use `with`) to stop the workers.
    """

    BATCH_SIZE = 16  # articles per nlp.pipe batch in one process

    def __init__(
        self,
        workers: int,
        *,
        nlp: Language | None = None,
        batch_size: int = BATCH_SIZE,
        start_method: str | None = None,
    ) -> None:
        from .extract import EXTRACTOR_VERSION, Extractor

        self.workers = max(1, int(workers))
        self.batch_size = batch_size
        # Articles per chunk sent to a worker (one process reads them in batches).
        self.chunk_size = batch_size if self.workers == 1 else max(1, batch_size // 2)
        self.version = EXTRACTOR_VERSION
        self._local: Extractor | None = None
        self._pool: ProcessPoolExecutor | None = None
        if self.workers == 1:
            from .nlp import load_pipeline

            self._local = Extractor(
                nlp if nlp is not None else load_pipeline(), batch_size=batch_size
            )
            return
        method = start_method or "spawn"
        if method == "fork" and nlp is not None:
            # Children inherit the loaded pipeline (copy-on-write) instead of loading it.
            global _EXTRACTOR
            _EXTRACTOR = Extractor(nlp, batch_size=batch_size)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init,
            initargs=(batch_size,),
        )

    # Extractor's interface, so ingest takes either.
    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        return self.map(articles)

    def map(self, articles: Iterable[Article], transform: Transform | None = None) -> Iterator[Any]:
        """`transform(article, extraction)` of each article, in order; run in the worker,
        so its result (e.g. JSON text) is made in parallel too. It must be picklable
        (a module-level function)."""
        chunks = _chunks(articles, self.chunk_size)
        if self._pool is None:
            if self._local is None:
                raise ExtractionError("the extraction workers were stopped")
            for chunk in chunks:
                yield from _run(self._local, chunk, transform)
            return
        pending: deque[Future[list[Any]]] = deque()
        try:
            for chunk in chunks:
                pending.append(self._pool.submit(_run_chunk, chunk, transform))
                if len(pending) >= 2 * self.workers:
                    yield from self._result(pending.popleft())
            while pending:
                yield from self._result(pending.popleft())
        finally:
            for f in pending:
                f.cancel()

    def _result(self, future: Future[list[Any]]) -> list[Any]:
        try:
            return future.result(timeout=CHUNK_TIMEOUT)
        except BrokenProcessPool as exc:
            raise ExtractionError(f"an extraction worker process died ({exc})") from exc
        except TimeoutError as exc:
            self.close(kill=True)
            raise ExtractionError(
                f"an extraction worker gave no result in {CHUNK_TIMEOUT:.0f} s"
            ) from exc

    def warm(self) -> None:
        """Start the workers and load their pipelines now, so no user waits for it."""
        if self._pool is not None:
            futures = [self._pool.submit(_run_chunk, [], None) for _ in range(self.workers)]
            for f in futures:
                self._result(f)

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers; `kill` ends running chunks at once (Ctrl-C, timeouts)."""
        pool, self._pool = self._pool, None
        if pool is None:
            self._local = None
            return
        if kill:
            # ProcessPoolExecutor has no terminate(); its process table is the only handle.
            for p in list(getattr(pool, "_processes", {}).values()):
                p.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.close(kill=exc_type is not None)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk
