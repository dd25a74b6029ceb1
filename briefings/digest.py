"""A channel's digest: the briefings new since its previous digest, clustered.

Articles already delivered to the channel (table `delivered_articles`) never
come back. Several articles about one event become one story with "N sources":
articles are clustered when their text is an exact or near duplicate (MinHash
estimate of word-shingle Jaccard) or when their facts overlap (a shared pair of
meeting participants or agreement parties, plus the same place or dates within
a few days). Stories are newest first and split into messages of at most
`limit_per_message` stories.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from .compose import Briefing, SourceRef, compose_briefing
from .models import Article, Extraction
from .people import first_names_compatible, is_name_form, name_key
from .store import Store, deliveries
from .store import queries as q
from .text import fold

__all__ = [
    "Digest",
    "DigestMessage",
    "Story",
    "build_digest",
    "cluster",
    "mark_delivered",
]

MAX_ARTICLES = 300
MAX_STORIES = 50
NEAR_DUPLICATE = 0.6  # estimated Jaccard of word 4-shingles
DATE_WINDOW = dt.timedelta(days=3)
_PERMS = 128
_SHINGLE = 4


@dataclass(frozen=True, slots=True)
class Story:
    """One event: the briefing of its most informative article, and every source."""

    briefing: Briefing
    sources: tuple[SourceRef, ...]

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(s.article_id for s in self.sources if s.article_id is not None)

    @property
    def n_sources(self) -> int:
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class DigestMessage:
    """One Slack message's worth of stories (`index` counts from 1)."""

    index: int
    total: int
    stories: tuple[Story, ...]
    team_id: str = ""
    channel_id: str = ""
    # Stories left for the next digest (set on the last message only).
    more: int = 0


@dataclass(frozen=True, slots=True)
class Digest:
    team_id: str
    channel_id: str
    since: dt.datetime | None
    stories: tuple[Story, ...] = ()
    limit_per_message: int = 10
    # Every article this digest covers, including clustered duplicates and
    # articles without facts: pass these to `mark_delivered` once posted.
    article_ids: tuple[int, ...] = ()
    # Stories left out beyond MAX_STORIES (they stay undelivered for next time).
    more: int = 0
    # Articles with no facts that were skipped (still marked delivered).
    skipped: int = 0
    filters: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.stories

    @property
    def messages(self) -> tuple[DigestMessage, ...]:
        n = max(1, min(self.limit_per_message, 10))
        chunks = [self.stories[i : i + n] for i in range(0, len(self.stories), n)]
        return tuple(
            DigestMessage(
                i + 1,
                len(chunks),
                tuple(c),
                self.team_id,
                self.channel_id,
                self.more if i == len(chunks) - 1 else 0,
            )
            for i, c in enumerate(chunks)
        )


# -- features for clustering ----------------------------------------------------


@dataclass(slots=True)
class _Item:
    article_id: int
    article: Article
    extraction: Extraction
    text_hash: str
    briefing: Briefing
    pairs: set[tuple[str, str]] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)
    trips: dict[str, set[str]] = field(default_factory=dict)
    signature: np.ndarray | None = None


# Many channels due at once (every "daily 08:00" subscription) are planned from
# the same new articles: each article's briefing, clustering features and MinHash
# signature depend only on its stored row, so they are made once and shared
# (read-only) by every channel's digest. The key holds every input they are made
# from, so an updated article or re-extraction is never served stale.
MAX_CACHED_ITEMS = 2048
_ITEMS: OrderedDict[tuple[Any, ...], _Item] = OrderedDict()
_ITEMS_LOCK = threading.Lock()


def _item(r: q.StoredArticle) -> _Item:
    info = r.info
    key = (
        info.id,
        info.title,
        info.source,
        info.published,
        info.url,
        info.ext_id,
        r.origin,
        r.text_hash,
        json.dumps(r.data, separators=(",", ":")) if r.data else None,
    )
    with _ITEMS_LOCK:
        hit = _ITEMS.get(key)
        if hit is not None:
            _ITEMS.move_to_end(key)
            return hit
    article = Article(
        id=info.ext_id or str(info.id),
        title=info.title,
        text=r.text,
        published=info.published,
        url=info.url,
        source=info.source,
        origin=r.origin,
    )
    ex = (
        Extraction.from_json(r.data)
        if r.data
        else Extraction(article_id=article.id, extractor_version="")
    )
    item = _Item(
        info.id, article, ex, r.text_hash, compose_briefing(article, ex, article_id=info.id)
    )
    _features(item)
    item.signature = minhash(article.text)
    item.signature.setflags(write=False)
    with _ITEMS_LOCK:
        _ITEMS[key] = item
        while len(_ITEMS) > MAX_CACHED_ITEMS:
            _ITEMS.popitem(last=False)
    return item


def _canon(ex: Extraction) -> dict[str, str]:
    """Any form of a name in the extraction -> the official's key (else the name's key)."""
    out: dict[str, str] = {}
    for off in ex.officials:
        k = name_key(off.name)
        for form in (off.name, *off.aliases):
            if form == off.name or is_name_form(form):
                out.setdefault(name_key(form), k)
    return out


def _features(item: _Item) -> None:
    ex = item.extraction
    canon = _canon(ex)

    def key(name: str) -> str:
        k = name_key(name)
        return canon.get(k, k)

    groups: list[Sequence[str]] = [m.participants for m in ex.meetings]
    groups += [a.parties for a in ex.agreements]
    people = set(canon.values())
    for g in groups:
        keys = sorted({key(p) for p in g if key(p)})
        for a, b in combinations(keys, 2):
            # Country-only pairs ("EU", "US") recur in unrelated stories: a pair
            # identifies an event only when it names at least one person.
            if a in people or b in people:
                item.pairs.add((a, b))
    for m in ex.meetings:
        if m.place:
            item.places.add(fold(m.place))
        if m.date:
            item.dates.add(m.date)
    for it in ex.next_stops:
        stops = item.trips.setdefault(key(it.who), set())
        for st in it.stops:
            stops.add(fold(st.place))
            if st.date:
                item.dates.add(st.date)
    if item.article.published:
        item.dates.add(item.article.published)


def _pairs_match(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    if a & b:
        return True
    # "Kelly"/"James Kelly" in one article, "J Kelly" in another: compatible names.
    for x1, x2 in a:
        for y1, y2 in b:
            if (first_names_compatible(x1, y1) and first_names_compatible(x2, y2)) or (
                first_names_compatible(x1, y2) and first_names_compatible(x2, y1)
            ):
                return True
    return False


def _dates_close(a: set[dt.date], b: set[dt.date]) -> bool:
    return any(abs(x - y) <= DATE_WINDOW for x in a for y in b)


def _trips_overlap(x: _Item, y: _Item, shared: int = 2) -> bool:
    """The same traveller going to at least `shared` of the same places: one trip."""
    for who_x, stops_x in x.trips.items():
        for who_y, stops_y in y.trips.items():
            if first_names_compatible(who_x, who_y) and len(stops_x & stops_y) >= shared:
                return True
    return False


def _facts_overlap(x: _Item, y: _Item) -> bool:
    if x.trips and y.trips and _trips_overlap(x, y):
        return True
    if not x.pairs or not y.pairs or not _pairs_match(x.pairs, y.pairs):
        return False
    # The same people met and the same place or days, or the same onward stop of
    # one of them (undated reports of one visit: "... then goes on to Manchester").
    return (
        bool(x.places & y.places)
        or _dates_close(x.dates, y.dates)
        or (bool(x.trips and y.trips) and _trips_overlap(x, y, shared=1))
    )


_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _shingles(text: str) -> np.ndarray:
    words = _WORD.findall(fold(text))
    if len(words) < _SHINGLE:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
    return np.fromiter(
        (hash(g) & 0xFFFFFFFFFFFFFFFF for g in grams), dtype=np.uint64, count=len(grams)
    )


_RNG = np.random.default_rng(20031201)
_A = _RNG.integers(1, 2**63 - 1, size=_PERMS, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63 - 1, size=_PERMS, dtype=np.uint64)


def minhash(text: str) -> np.ndarray:
    """A MinHash signature of the text's word 4-shingles (multiply-shift hashing)."""
    sh = _shingles(text)
    if sh.size == 0:
        return np.full(_PERMS, np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        hashed = (sh[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(11)
    return np.asarray(hashed.min(axis=0), dtype=np.uint64)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.mean(sig_a == sig_b))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(items: Sequence[_Item]) -> list[list[int]]:
    """Groups of indexes into `items` that report the same event (input order kept)."""
    n = len(items)
    uf = _UnionFind(n)
    by_hash: dict[str, int] = {}
    for i, it in enumerate(items):
        if it.text_hash in by_hash:
            uf.union(by_hash[it.text_hash], i)
        else:
            by_hash[it.text_hash] = i
    if n > 1:
        sigs = np.stack(
            [it.signature if it.signature is not None else minhash(it.article.text) for it in items]
        )
        for i in range(n):
            sims = (sigs[i + 1 :] == sigs[i]).mean(axis=1)
            for k in np.nonzero(sims >= NEAR_DUPLICATE)[0].tolist():
                uf.union(i, i + 1 + int(k))
        for a, b in combinations(range(n), 2):
            if uf.find(a) != uf.find(b) and _facts_overlap(items[a], items[b]):
                uf.union(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


# -- filters -------------------------------------------------------------------------


def _matches_followed(official_keys: Iterable[str], followed: Sequence[str]) -> bool:
    keys = [name_key(k.split("#", 1)[0]) for k in official_keys]
    for f in followed:
        fk = name_key(f)
        if not fk:
            continue
        for k in keys:
            # Following "Blair" matches any Blair; "Tony Blair" never matches "Ian Blair".
            if k and (k == fk or first_names_compatible(fk, k)):
                return True
    return False


def _matches_keywords(article: Article, keywords: Sequence[str], extra: str = "") -> bool:
    hay = fold(f"{article.title}\n{article.text}\n{extra}")
    for kw in keywords:
        k = fold(kw).strip()
        if k and re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", hay):
            return True
    return False


# -- the digest ----------------------------------------------------------------------


def _weight(b: Briefing) -> tuple[int, int]:
    return (len(b.lines), b.words)


def build_digest(
    store: Store,
    *,
    team_id: str,
    channel_id: str,
    since: dt.datetime | None = None,
    followed: Sequence[str] = (),
    keywords: Sequence[str] = (),
    limit_per_message: int = 10,
    max_stories: int = MAX_STORIES,
    max_articles: int = MAX_ARTICLES,
) -> Digest:
    """All briefings new to the channel since its previous digest, clustered, newest first.

    `since` defaults to the channel subscription's `last_digest_at`. With
    `followed` or `keywords`, only stories mentioning a followed official or
    containing a keyword are kept.
    """
    if since is None:
        since = q.previous_digest_at(store, team_id, channel_id)
    rows = q.new_articles(
        store, team_id=team_id, channel_id=channel_id, since=since, limit=max_articles
    )
    followers = q.article_officials(store, [r.info.id for r in rows]) if followed else {}
    items: list[_Item] = []
    covered: list[int] = []
    skipped = 0
    for r in rows:
        item = _item(r)
        briefing, ex, article = item.briefing, item.extraction, item.article
        if followed or keywords:
            ok = bool(followed) and (
                _matches_followed(followers.get(r.info.id, ()), followed)
                or _matches_followed([o.name for o in ex.officials], followed)
            )
            lines = "\n".join(ln.text for ln in briefing.lines)
            ok = ok or (bool(keywords) and _matches_keywords(article, keywords, lines))
            if not ok:
                continue  # not for this channel; left undelivered
        covered.append(r.info.id)
        items.append(item)
    stories: list[Story] = []
    for group in cluster(items):
        members = [items[i] for i in group]  # newest first (query order)
        best = max(members, key=lambda it: _weight(it.briefing))
        if best.briefing.is_empty:
            # No facts anywhere in the cluster: nothing to brief (still delivered).
            skipped += len(members)
            continue
        sources = tuple(it.briefing.source for it in members)
        stories.append(Story(best.briefing, sources))
    more = max(len(stories) - max_stories, 0)
    kept = stories[:max_stories]
    if more:
        dropped = {aid for s in stories[max_stories:] for aid in s.article_ids}
        covered = [a for a in covered if a not in dropped]
    filters = tuple(f"follows {f}" for f in followed) + tuple(f"keyword {k}" for k in keywords)
    return Digest(
        team_id=team_id,
        channel_id=channel_id,
        since=since,
        stories=tuple(kept),
        limit_per_message=limit_per_message,
        article_ids=tuple(covered),
        more=more,
        skipped=skipped,
        filters=filters,
    )


def mark_delivered(store: Store, team_id: str, channel_id: str, article_ids: Sequence[int]) -> int:
    """Record that the channel received these articles; returns how many were new."""
    return deliveries.mark_delivered(store, team_id, channel_id, article_ids)
