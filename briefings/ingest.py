"""Articles in, stored facts out: dedupe first, extract only what changed.

Every article is on its own: one that cannot be extracted or stored is named in
the report and the rest proceed. Passing database errors are retried with
backoff (`store.retrying`); a concurrent ingest that stored the same article
first makes this one report it unchanged.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Protocol

from .limits import cap_length
from .models import Article, Extraction
from .store import SaveOutcome, Store, retrying
from .store.repository import article_key
from .store.visibility import SHARED, Audience

log = logging.getLogger("briefings.ingest")


class Extractor(Protocol):
    """What ingest needs of an extractor: `extract.Extractor` in this process,
    `bounded.BoundedExtractor` in a child process under time and memory limits, or
    `workers.ExtractionPool` on N processes."""

    version: str

    def extract(self, article: Article) -> Extraction: ...

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.unchanged + self.updated + self.failed

    def add(self, outcome: SaveOutcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def fail(self, article: Article, what: str, exc: BaseException) -> None:
        self.failed += 1
        self.errors.append(f"{_name(article)}: {what} ({_reason(exc)})")


def _name(article: Article) -> str:
    return article.origin or article.url or article.id


def _reason(exc: BaseException) -> str:
    """One line, without the SQL statement SQLAlchemy appends to its messages."""
    text = str(getattr(exc, "orig", None) or exc) or exc.__class__.__name__
    return text.split("\n", 1)[0][:300]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _fed(source: Iterator[Article], pending: deque[Article]) -> Iterator[Article]:
    """`source`, noting each article handed to the extractor and not yet paired."""
    for art in source:
        pending.append(art)
        yield art


def _extracted(
    extractor: Extractor,
    todo: Iterable[Article],
    report: IngestReport,
    progress: Callable[[int], None],
) -> Iterator[tuple[Article, Extraction]]:
    """Each article with its facts, in order, from one stream through the extractor
    (an `ExtractionPool` keeps all its processes busy while the caller stores what
    comes back). If the stream breaks, the articles in flight are extracted one by
    one, so only the article at fault is reported failed, and the stream resumes."""
    source = iter(todo)
    while True:
        pending: deque[Article] = deque()
        try:
            for ex in extractor.extract_many(_fed(source, pending)):
                yield pending.popleft(), ex
            return
        except Exception:
            log.info("extraction failed with %d article(s) in flight; one by one", len(pending))
            if not pending:  # it failed before taking one: the next goes alone, so
                nxt = next(source, None)  # every round makes progress
                if nxt is None:
                    return
                pending.append(nxt)
        for art in pending:
            try:
                ex = extractor.extract(art)
            except Exception as exc:
                log.warning("could not extract %s", _name(art), exc_info=True)
                report.fail(art, "could not be extracted", exc)
                progress(1)
                continue
            yield art, ex


def ingest(
    articles: Iterable[Article],
    extractor: Extractor,
    store: Store,
    *,
    batch_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
    audience: Audience = SHARED,
) -> IngestReport:
    """Store each article with its facts; unchanged articles are not re-extracted.

    Texts over `limits.MAX_ARTICLE_CHARS` are cut first (the briefing says so).
    This process is the only writer: with an `ExtractionPool` the parsing runs on
    its processes while the results are stored here, in input order. An
    interruption (Ctrl-C) between articles leaves every stored article whole: each
    is saved in its own transaction.

    Every article, new or already stored, is recorded as having reached `audience`
    (the shared corpus unless told otherwise: a channel's feed, `/brief <url>`).
    """
    report = IngestReport()

    def progress(n: int) -> None:
        if on_progress:
            on_progress(n)

    def todo() -> Iterator[Article]:
        for batch in _batches(articles, batch_size):
            for raw in batch:
                art = cap_length(raw)
                try:
                    known = retrying(partial(store.classify, art, extractor.version))
                except Exception as exc:
                    report.fail(art, "could not be checked against the database", exc)
                    progress(1)
                    continue
                if known is SaveOutcome.UNCHANGED:
                    try:
                        retrying(partial(store.share_key, article_key(art), audience))
                    except Exception as exc:
                        report.fail(art, "could not be recorded for this channel", exc)
                        progress(1)
                        continue
                    report.unchanged += 1
                    progress(1)
                else:
                    yield art

    for art, ex in _extracted(extractor, todo(), report, progress):
        try:
            outcome, article_id = retrying(partial(store.save, art, ex, audience))
        except Exception as exc:  # one bad row must not lose the batch
            log.warning("could not store %s", _name(art), exc_info=True)
            report.fail(art, "could not be stored", exc)
        else:
            report.add(outcome)
            report.article_ids.append(article_id)
        progress(1)
    return report
