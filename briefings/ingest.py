"""Articles in, stored facts out: dedupe first, extract only what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .extract import Extractor
from .models import Article, Extraction
from .store import SaveOutcome, Store


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


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    articles: Iterable[Article],
    extractor: Extractor,
    store: Store,
    *,
    batch_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store each article with its facts; unchanged articles are not re-extracted."""
    report = IngestReport()
    for batch in _batches(articles, batch_size):
        todo: list[Article] = []
        for art in batch:
            if store.classify(art, extractor.version) is SaveOutcome.UNCHANGED:
                report.unchanged += 1
            else:
                todo.append(art)
        extractions: Iterable[Extraction] = extractor.extract_many(todo) if todo else ()
        for art, ex in zip(todo, extractions, strict=True):
            try:
                outcome, article_id = store.save(art, ex)
            except Exception as exc:  # one bad row must not lose the batch
                report.failed += 1
                report.errors.append(f"{art.origin or art.id}: could not be stored ({exc})")
                continue
            report.add(outcome)
            report.article_ids.append(article_id)
        if on_progress:
            on_progress(len(batch))
    return report
