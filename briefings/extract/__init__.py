"""Facts from articles: officials, meetings, agreements and next stops.

`extract_doc` is a pure function of a parsed `Doc`; `Extractor` batches
articles through `nlp.pipe` so a whole corpus is parsed in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..models import Article, Evidence, Extraction, Meeting, Official

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "0.1-baseline"

__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract_doc"]


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Baseline: people named in the same sentence as a meeting word met."""
    officials: dict[str, Official] = {}
    meetings: list[Meeting] = []
    for sent in doc.sents:
        people = [e.text for e in sent.ents if e.label_ == "PERSON"]
        for p in people:
            officials.setdefault(p, Official(name=p))
        lemmas = {t.lemma_.lower() for t in sent}
        if len(set(people)) >= 2 and lemmas & {"meet", "talk", "meeting", "summit"}:
            ev = Evidence(sent.text, sent.start_char, sent.end_char)
            meetings.append(Meeting(tuple(dict.fromkeys(people)), evidence=(ev,)))
    return Extraction(
        article_id=article.id,
        extractor_version=EXTRACTOR_VERSION,
        officials=tuple(officials.values()),
        meetings=tuple(meetings),
    )


class Extractor:
    """Runs the pipeline over many articles and extracts each."""

    def __init__(self, nlp: Language, *, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.version = EXTRACTOR_VERSION

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield extract_doc(doc, article)
