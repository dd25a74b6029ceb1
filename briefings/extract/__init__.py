"""Facts from articles: officials, meetings, agreements and next stops.

`extract_doc` is a pure function of a parsed `Doc`; `Extractor` batches
articles through `nlp.pipe` so a whole corpus is parsed in one pass.

Modules: `boilerplate` (site text dropped first), `coref` (names, aliases,
pronouns), `context` (per-document helpers), `officials`, `meetings`,
`agreements`, `stops`, `dates` (relative dates), `rules` (pipeline additions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..models import Agreement, Article, Extraction, Itinerary, Meeting
from .agreements import drop_bare_signings, extract_agreements, link_parties
from .boilerplate import mask_noise
from .context import DocContext
from .dates import precision
from .disputes import extract_disputes
from .frames import event_frames, frame_meetings, merge_restatements, together_meetings
from .linker import LinkModel, default_model, link
from .meetings import drop_own_sides, extract_meetings
from .officials import PersonInfo, build_officials, collect_titles
from .stops import extract_next_stops

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "2.14"

__all__ = ["EXTRACTOR_VERSION", "Extractor", "build_context", "extract_doc"]

_PLACE_LABELS = frozenset({"GPE"})


@dataclass(frozen=True, slots=True)
class RuleFacts:
    """What the hand-written constructions found, before the link model."""

    meetings: list[Meeting]
    agreements: list[Agreement]
    next_stops: list[Itinerary]
    info: dict[str, PersonInfo]


def build_context(doc: Doc, article: Article) -> tuple[DocContext, RuleFacts, dict[str, str]]:
    """The document context, the rules' facts and each person's title."""
    ctx = DocContext(doc, article)
    info = collect_titles(ctx)
    frames = event_frames(ctx)
    meetings = frame_meetings(ctx, frames, extract_meetings(ctx, frames))
    meetings += _new_pairs(meetings, together_meetings(ctx))
    meetings = drop_own_sides(ctx, meetings)
    # Agreement rules may refer back to the people of a meeting ("the two leaders
    # agreed"): handed over explicitly, in a copy of the context.
    actx = ctx.with_groups((m.evidence[0].start, m.participants) for m in meetings if m.evidence)
    agreements = _with_disputes(extract_agreements(actx), extract_disputes(actx))
    anchors = [(m.evidence[0].start, m.participants) for m in meetings if m.evidence]
    agreements = drop_bare_signings(merge_restatements(ctx, link_parties(agreements, anchors)))
    next_stops = extract_next_stops(ctx, frames)
    titles = {n: p.title.text for n, p in info.items() if p.title is not None}
    return ctx, RuleFacts(meetings, agreements, next_stops, info), titles


_INTENT = frozenset(
    ["to", "will", "would", "shall", "should", "can", "could", "may", "might", "must"]
)


def text_form(doc: Doc, a: Agreement) -> str | None:
    """How the agreement's text reads after its parties, from the parse rather than
    from spelling: "to" ("take up the issue", after "agreed to"), "verb" ("signed a
    deal"), "that" (the clause after "agreed that") or "other" ("a trade deal")."""
    if not a.evidence or not a.text:
        return None
    ev = a.evidence[0]
    # The text is the article's own words: find where it starts in its sentence.
    words = a.text.split()
    at = -1
    sentence = doc.text[ev.start : ev.end + 1]  # `Doc.text` is rebuilt on each call
    for k in (len(words), 3, 1):
        probe = " ".join(words[:k])
        found = re.search(r"(?<!\w)" + re.escape(probe), sentence)
        if found:
            at = ev.start + found.start()
            break
    span = doc.char_span(at, at + 1, alignment_mode="expand") if at >= 0 else None
    if span is None:
        return None
    first = span[0]
    while first.dep_ in ("aux", "auxpass") and first.i + 1 < len(doc):
        first = doc[first.i + 1]  # "have agreed to meet again"
    if first.lemma_ == "agree" and first.i + 1 < len(doc):
        nxt = doc[first.i + 1]
        first = doc[first.i + 2] if nxt.lower_ == "to" and first.i + 2 < len(doc) else nxt
    before = doc[first.i - 1] if first.i > 0 else None
    if first.lower_ == "to" and first.i + 1 < len(doc) and doc[first.i + 1].tag_ == "VB":
        return "to"
    if first.tag_ == "VB" or (before is not None and before.lower_ in _INTENT):
        return "to"  # "agreed to quadruple the fee", "will continue ..."
    if first.tag_ in ("VBD", "VBN") and first.pos_ in ("VERB", "AUX"):
        return "verb"
    if before is not None and before.lower_ == "that":
        return "that"
    return "other"


def _new_pairs(have: list[Meeting], more: list[Meeting]) -> list[Meeting]:
    """Meetings of `more` that link at least one pair `have` does not."""
    known = {frozenset((a, b)) for m in have for a in m.participants for b in m.participants}
    return [
        m
        for m in more
        if any(
            frozenset((a, b)) not in known for a in m.participants for b in m.participants if a != b
        )
    ]


def _with_disputes(rules: list[Agreement], disputes: list[Agreement]) -> list[Agreement]:
    """Disputes found by nouns and negations, where the rules found nothing of the same
    polarity in that sentence."""
    told = {(e.start, a.polarity) for a in rules for e in a.evidence}
    out = list(rules)
    for d in disputes:
        if (d.evidence[0].start, d.polarity) in told or any(_restated(d, a) for a in out):
            continue
        out.append(d)
    return out


def _restated(a: Agreement, b: Agreement) -> bool:
    """One clause read twice: "failed to resolve their dispute over X" and "their
    dispute over X" (same sentence, sides and polarity)."""
    return (
        a.polarity == b.polarity
        and a.evidence[0].start == b.evidence[0].start
        and set(a.parties) == set(b.parties)
        and (a.text in b.text or b.text in a.text)
    )


_DEFAULT = object()


def extract_doc(
    doc: Doc, article: Article, model: LinkModel | object | None = _DEFAULT
) -> Extraction:
    """All facts of one parsed article, each with its evidence sentence.

    `model` is the trained link model (the committed one by default; None for the
    rules alone)."""
    ctx, rules, titles = build_context(doc, article)
    info = rules.info
    meetings, agreements, next_stops = rules.meetings, rules.agreements, rules.next_stops
    chosen = default_model() if model is _DEFAULT else model
    if isinstance(chosen, LinkModel):
        meetings, agreements, next_stops = link(
            ctx, chosen, meetings, agreements, next_stops, titles
        )
    actors: set[str] = set()
    for m in meetings:
        actors.update(m.participants)
    for a in agreements:
        actors.update(a.parties)
    actors.update(i.who for i in next_stops)
    officials = build_officials(ctx, info, actors)
    places = tuple(
        dict.fromkeys(
            ctx.entity_text(e.root) or e.text
            for s in ctx.sents
            for e in ctx.sent_ents.get(s.start, ())
            if e.label_ in _PLACE_LABELS
        )
    )
    agreements = [replace(a, form=text_form(doc, a)) for a in agreements]
    # How precise each date is, decided here once: the composer shows it as it is.
    meetings = [replace(m, precision=precision(m.when)) if m.when else m for m in meetings]
    next_stops = [
        replace(
            i,
            stops=tuple(replace(x, precision=precision(x.when)) if x.when else x for x in i.stops),
        )
        for i in next_stops
    ]
    return Extraction(
        article_id=article.id,
        extractor_version=EXTRACTOR_VERSION,
        officials=tuple(officials),
        meetings=tuple(meetings),
        agreements=tuple(agreements),
        next_stops=tuple(next_stops),
        places=places,
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
        # The parser sees the text with site furniture blanked (same length, same offsets).
        pairs = ((mask_noise(a.text), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield extract_doc(doc, article)
