"""`/brief <official>`: an official's dossier across all stored articles.

`lookup` answers a free-text query with one of three neutral structures:

- `Dossier`: the official, latest title, recent meetings, agreements and
  disagreements, and the latest itinerary, newest first, each with its source;
- `Candidates`: the query fits several officials equally well (listed with titles);
- `Unknown`: nobody matches; the closest known officials are suggested.

Matching folds case and accents, drops honorifics and leading titles, and
tolerates small typos (rapidfuzz). The officials index is cached per Store and
rebuilt only when officials change.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from .compose import SHOW_CONFIDENCE, UNCONFIRMED, SourceRef, agreement_form, when_display
from .models import Evidence
from .people import (
    clean_name,
    family_name_first,
    first_names_compatible,
    is_name_form,
    name_key,
)
from .store import Store
from .store import queries as q
from .store.visibility import EVERYTHING, Visibility
from .text import fold

__all__ = [
    "Candidates",
    "Dossier",
    "DossierAnswer",
    "DossierFact",
    "OfficialRef",
    "Unknown",
    "known_officials",
    "lookup",
]

MAX_MEETINGS = 5
MAX_AGREEMENTS = 4
MAX_CANDIDATES = 6
MAX_SUGGESTIONS = 3
MAX_MENTIONS = 3
# A bare surname goes straight to the dossier when one official is this many
# times more present than the next one with that name (the others are listed).
DOMINANCE = 3
FUZZY_ACCEPT = 85.0
FUZZY_CANDIDATE = 72.0
# Suggestions for an unknown name: plain edit similarity (WRatio's partial matching
# suggested unrelated people: "Nobody Here" -> Peres, Rice, Merkel).
FUZZY_SUGGEST = 64.0
# Loose candidates are listed only when this close to the best one's score.
FUZZY_SPREAD = 5.0
MAX_QUERY_CHARS = 200


@dataclass(frozen=True, slots=True)
class OfficialRef:
    id: int
    name: str
    title: str | None = None
    affiliation: str | None = None
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class DossierFact:
    """One meeting, agreement/disagreement or stop, with its evidence and source."""

    kind: str  # "meeting" | "agreed" | "disagreed" | "stop"
    text: str  # a short neutral phrase, e.g. "with Yasuo Fukuda in Tokyo"
    when: str | None
    evidence: Evidence
    source: SourceRef
    others: tuple[str, ...] = ()
    place: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Dossier:
    query: str
    official: OfficialRef
    title: str | None
    articles: int
    meetings: tuple[DossierFact, ...] = ()
    more_meetings: int = 0
    agreements: tuple[DossierFact, ...] = ()
    more_agreements: int = 0
    itinerary: tuple[DossierFact, ...] = ()
    # Other officials the query could also mean (shown as "Also: ...").
    also: tuple[OfficialRef, ...] = ()
    # Set when the query was matched loosely ("Kely" -> "James Kelly").
    note: str | None = None
    # With no facts: the newest articles that mention the official (so the answer
    # still says where they appear).
    mentions: tuple[SourceRef, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.meetings or self.agreements or self.itinerary)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(f.evidence for f in (*self.meetings, *self.agreements, *self.itinerary))


@dataclass(frozen=True, slots=True)
class Candidates:
    query: str
    candidates: tuple[OfficialRef, ...]
    # True when the candidates come from a loose (typo-tolerant) match.
    fuzzy: bool = False


@dataclass(frozen=True, slots=True)
class Unknown:
    query: str
    suggestions: tuple[OfficialRef, ...] = ()


DossierAnswer = Dossier | Candidates | Unknown


# -- the officials index ------------------------------------------------------


@dataclass(slots=True)
class _Index:
    refs: dict[int, OfficialRef] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    exact: dict[str, set[int]] = field(default_factory=dict)
    by_surname: dict[str, set[int]] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    choice_ids: list[set[int]] = field(default_factory=list)


_CACHE: weakref.WeakKeyDictionary[Store, tuple[tuple[Any, ...], _Index]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def _build_index(store: q.Source) -> _Index:
    idx = _Index()
    by_choice: dict[str, set[int]] = {}
    for o in q.load_officials(store):
        full = name_key(o.name)
        key = o.key.split("#", 1)[0]
        if len(key.split()) > len(full.split()):
            full = key
        idx.refs[o.id] = OfficialRef(o.id, clean_name(o.name), o.title, o.affiliation, o.mentions)
        idx.keys[o.id] = full
        german = name_key(_umlauts(o.name))  # "Schröder" is also "schroeder"
        german = german if german != name_key(o.name) and len(german.split()) > 1 else ""
        for form in {full, key, german, *o.aliases}:
            if form and is_name_form(form):
                idx.exact.setdefault(form, set()).add(o.id)
                by_choice.setdefault(form, set()).add(o.id)
        surs = {full.rsplit(" ", 1)[-1] if full else o.surname}
        if german:
            surs.add(german.rsplit(" ", 1)[-1])
        if full and family_name_first(clean_name(o.name)):
            surs.add(full.split()[0])  # "Wen" for Wen Jiabao
        for sur in surs - {""}:
            idx.by_surname.setdefault(sur, set()).add(o.id)
            by_choice.setdefault(sur, set()).add(o.id)
    idx.choices = list(by_choice)
    idx.choice_ids = [by_choice[c] for c in idx.choices]
    return idx


def _index(store: Store, conn: q.Source | None = None) -> _Index:
    sig = q.index_signature(conn if conn is not None else store)
    with _LOCK:
        hit = _CACHE.get(store)
        if hit is not None and hit[0] == sig:
            return hit[1]
    idx = _build_index(conn if conn is not None else store)
    with _LOCK:
        _CACHE[store] = (sig, idx)
    return idx


# -- matching -------------------------------------------------------------------


def _ranked(idx: _Index, ids: set[int], walls: _Walls | None = None) -> list[OfficialRef]:
    refs = [idx.refs[i] for i in ids if i in idx.refs]
    if walls is not None:
        refs = walls.refs(refs)
    # A surname-only official ("Howard", not known by first name) is a fallback only.
    full = [r for r in refs if len(idx.keys.get(r.id, "").split()) > 1]
    refs = full or refs
    return sorted(refs, key=lambda r: (-r.mentions, r.name))


def _direct(idx: _Index, key: str) -> set[int]:
    ids = set(idx.exact.get(key, ()))
    words = key.split()
    if len(words) == 1:
        ids |= idx.by_surname.get(key, set())
    elif not ids:
        for oid in idx.by_surname.get(words[-1], ()):
            if first_names_compatible(key, idx.keys[oid]):
                ids.add(oid)
    return ids


def _fuzzy(
    idx: _Index, key: str, cutoff: float, scorer: Any = fuzz.ratio, limit: int = 20
) -> list[tuple[OfficialRef, float]]:
    if not idx.choices:
        return []
    hits = process.extract(
        key, idx.choices, scorer=scorer, limit=limit, score_cutoff=cutoff, processor=None
    )
    best: dict[int, float] = {}
    for _choice, score, pos in hits:
        for oid in idx.choice_ids[pos]:
            best[oid] = max(best.get(oid, 0.0), float(score))
    refs = [(idx.refs[i], s) for i, s in best.items()]
    return sorted(refs, key=lambda p: (-p[1], -p[0].mentions, p[0].name))


def _decide(
    store: q.Source,
    query: str,
    refs: list[OfficialRef],
    note: str | None = None,
    vis: Visibility = EVERYTHING,
) -> DossierAnswer:
    walls = _Walls(store, vis)
    if len(refs) == 1:
        return _dossier(store, query, refs[0], (), note, vis)
    top, second = refs[0], refs[1]
    if top.mentions >= DOMINANCE * max(second.mentions, 1) and top.mentions >= 2:
        also = walls.titled(tuple(refs[1:MAX_CANDIDATES]))
        return _dossier(store, query, top, also, note, vis)
    return Candidates(query, walls.titled(tuple(refs[:MAX_CANDIDATES])), fuzzy=note is not None)


def lookup(store: Store, query: str, vis: Visibility = EVERYTHING) -> DossierAnswer:
    """Answer `/brief <query>`: a dossier, the candidates, or "unknown" with suggestions,
    from the articles `vis` may see: an official named only in articles it may not see
    is unknown (and never suggested)."""
    query = " ".join(str(query).split())[:MAX_QUERY_CHARS]
    key = name_key(query)
    if not key:
        return Unknown(query)
    with q.reading(store) as conn:
        return _lookup(store, conn, query, key, vis)


class _Walls:
    """The officials index seen through a `Visibility`: ids filtered to the officials
    named in a visible article, refs re-counted from those articles (one grouped
    query), and the refs an answer shows re-titled from them (the stored title and
    count may come from articles the asker may not see)."""

    def __init__(self, conn: q.Source, vis: Visibility) -> None:
        self.conn = conn
        self.vis = vis

    def refs(self, refs: list[OfficialRef]) -> list[OfficialRef]:
        """The visible ones of `refs` (in order), with their visible mention counts."""
        if self.vis.everything:
            return refs
        counts = q.visible_mentions(self.conn, [r.id for r in refs], self.vis)
        return [OfficialRef(r.id, r.name, None, None, counts[r.id]) for r in refs if r.id in counts]

    def titled(self, refs: tuple[OfficialRef, ...]) -> tuple[OfficialRef, ...]:
        """Refs to show, titled from the visible articles."""
        if self.vis.everything:
            return refs
        out = []
        for r in refs:
            title, affiliation, _n = q.latest_title(self.conn, r.id, self.vis, r.mentions)
            out.append(OfficialRef(r.id, r.name, title, affiliation, r.mentions))
        return tuple(out)


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def _umlauts(name: str) -> str:
    """The German transliteration ("Schröder" -> "Schroeder"): either spelling finds
    the other."""
    return name.translate(_UMLAUTS)


def _lookup(
    store: Store, conn: q.Source, query: str, key: str, vis: Visibility = EVERYTHING
) -> DossierAnswer:
    idx = _index(store, conn)
    walls = _Walls(conn, vis)
    ranked = _ranked(idx, _direct(idx, key), walls)
    german = name_key(_umlauts(query))
    if not ranked and german != key:
        ranked = _ranked(idx, _direct(idx, german), walls)
    if ranked:
        return _decide(conn, query, ranked, vis=vis)
    loose = _fuzzy(idx, key, FUZZY_CANDIDATE, limit=20 if vis.everything else 60)
    if not vis.everything:
        weighed = {r.id: r for r in walls.refs([r for r, _ in loose])}
        loose = [(weighed[r.id], sc) for r, sc in loose if r.id in weighed]
    if loose:
        top_score = loose[0][1]
        close = [r for r, s in loose if s >= top_score - 3]
        if top_score >= FUZZY_ACCEPT:
            close = sorted(close, key=lambda r: (-r.mentions, r.name))
            note = f"No official is named “{query}”; showing the closest match, {close[0].name}."
            if len(close) == 1:
                return _dossier(conn, query, close[0], (), note, vis)
            return _decide(conn, query, close, note, vis)
        # Only the near-best guesses: "Blare" lists the Blairs, not Clarke.
        near = [r for r, s in loose if s >= top_score - FUZZY_SPREAD]
        return Candidates(query, walls.titled(tuple(near[:MAX_CANDIDATES])), fuzzy=True)
    return Unknown(query, _suggest(idx, key, walls))


def _suggest(idx: _Index, key: str, walls: _Walls) -> tuple[OfficialRef, ...]:
    hits = _fuzzy(idx, key, FUZZY_SUGGEST, scorer=fuzz.ratio, limit=10)
    return walls.titled(tuple(walls.refs([r for r, _ in hits])[:MAX_SUGGESTIONS]))


def known_officials(
    store: Store, prefix: str = "", limit: int = 20, vis: Visibility = EVERYTHING
) -> list[OfficialRef]:
    """Officials whose name or surname starts with `prefix`, most mentioned first (of
    those `vis` may see)."""
    idx = _index(store)
    p = fold(prefix).strip()
    refs = [
        r
        for oid, r in idx.refs.items()
        if not p or idx.keys[oid].startswith(p) or idx.keys[oid].rsplit(" ", 1)[-1].startswith(p)
    ]
    if not vis.everything:
        keep = q.visible_officials(store, [r.id for r in refs], vis)
        refs = [r for r in refs if r.id in keep]
    return sorted(refs, key=lambda r: (-r.mentions, r.name))[: max(limit, 0)]


# -- the dossier ----------------------------------------------------------------


def _src(a: q.ArticleInfo) -> SourceRef:
    return SourceRef(
        article_id=a.id,
        title=a.title,
        source=a.source,
        published=a.published,
        url=a.url,
        ext_id=a.ext_id,
        origin=a.origin,
        title_derived=a.title_derived,
    )


def _ev(f: q.FactRow) -> Evidence:
    return Evidence(f.sentence, f.start, f.end)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _meeting_fact(f: q.FactRow) -> DossierFact | None:
    # The place is never one of the people met ("met Baghdad in Baghdad").
    others = tuple(o for o in f.others if not f.place or name_key(o) != name_key(f.place))
    if not others:
        return None
    text = ("met " if f.status == "held" else "to meet ") + _join(list(others))
    if f.place:
        text += f" in {f.place}"
    when = when_display(f.when_text, f.date, f.article.published, f.precision)
    return DossierFact(
        "meeting", _marked(text, f), when, _ev(f), _src(f.article), others, f.place, f.status
    )


def _marked(text: str, f: q.FactRow) -> str:
    """Facts the extractor is unsure of are shown, but marked: a dossier gathers
    everything known of a person, a briefing only what is fairly sure."""
    if f.confidence is not None and f.confidence < SHOW_CONFIDENCE:
        return f"{text} ({UNCONFIRMED})"
    return text


def _agreement_fact(f: q.FactRow) -> DossierFact:
    kind = "disagreed" if f.status == "disagreed" else "agreed"
    others = _join(list(f.others))
    form, rest = agreement_form(f.text or "", [f.sentence])
    if f.form in ("to", "verb", "that", "other"):
        form = f.form  # type: ignore[assignment]  # the extractor read it from the parse
    if kind == "agreed" and form == "to":
        text = f"agreed with {others} to {rest}" if others else f"agreed to {rest}"
    elif form == "verb" and not others:
        text = rest  # "signed a deal", "rejected the offer"
    elif kind == "agreed" and form == "that":
        text = f"agreed{f' with {others}' if others else ''} that {rest}"
    else:
        verb = "divided" if kind == "disagreed" else "agreed"
        text = f"{verb}{f' with {others}' if others else ''}: {rest}"
    return DossierFact(kind, _marked(text, f), None, _ev(f), _src(f.article), f.others, None, kind)


def _dedupe(facts: list[DossierFact]) -> list[DossierFact]:
    """The same meeting reported by several articles is listed once (newest source).

    Reports of one meeting agree on who and when; one may name the place and another
    not ("met Blair (Monday)" and "met Blair in Downing Street (Monday)"): the one
    naming the place is kept, in the newer one's position.
    """
    out: list[DossierFact] = []
    index: dict[tuple[Any, ...], list[int]] = {}
    for f in facts:
        k = (
            f.kind,
            f.status,
            tuple(sorted(fold(o) for o in f.others)),
            f.when or "",
            f.text if f.kind != "meeting" else "",
        )
        place = fold(f.place or "")
        same = [i for i in index.get(k, ()) if fold(out[i].place or "") in {place, ""} or not place]
        if same:
            i = same[0]
            if place and not out[i].place:
                out[i] = f
            continue
        index.setdefault(k, []).append(len(out))
        out.append(f)
    return out


def _dossier(
    store: q.Source,
    query: str,
    ref: OfficialRef,
    also: tuple[OfficialRef, ...],
    note: str | None,
    vis: Visibility = EVERYTHING,
) -> Dossier:
    # Through the walls, `ref.mentions` is already the count of visible articles.
    known = None if vis.everything else ref.mentions
    title, _affiliation, n_articles = q.latest_title(store, ref.id, vis, known)
    mrows, m_total = q.meetings_of(store, ref.id, MAX_MEETINGS * 2, vis)
    meetings = _dedupe([m for m in map(_meeting_fact, mrows) if m is not None])
    dropped_m = len(mrows) - len(meetings)
    arows, a_total = q.agreements_of(store, ref.id, MAX_AGREEMENTS * 2, vis)
    agreements = _dedupe([_agreement_fact(f) for f in arows])
    dropped_a = len(arows) - len(agreements)
    stops: list[DossierFact] = []
    previous: str | None = None
    for f in q.latest_itinerary(store, ref.id, vis):
        when = when_display(f.when_text, f.date, f.article.published, f.precision)
        # A run of stops on one day names the day once, at its first stop.
        shown = when if when != previous else None
        previous = when or previous
        stops.append(
            DossierFact(
                "stop", _marked(f.place or "", f), shown, _ev(f), _src(f.article), place=f.place
            )
        )
    mentions: tuple[SourceRef, ...] = ()
    if not (meetings or agreements or stops):
        mentions = tuple(_src(a) for a in q.latest_articles(store, ref.id, MAX_MENTIONS, vis))
    return Dossier(
        query=query,
        official=ref,
        title=title or ref.title,
        articles=n_articles,
        meetings=tuple(meetings[:MAX_MEETINGS]),
        more_meetings=max(m_total - dropped_m - MAX_MEETINGS, 0),
        agreements=tuple(agreements[:MAX_AGREEMENTS]),
        more_agreements=max(a_total - dropped_a - MAX_AGREEMENTS, 0),
        itinerary=tuple(stops),
        also=also,
        note=note,
        mentions=mentions,
    )
