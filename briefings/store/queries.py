"""Read-only queries for dossiers and digests (kept apart from the repository).

Every function takes a `Store` and returns plain tuples/dataclasses, never ORM
rows, so callers hold no session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..people import clean_name
from ..text import is_derived_title
from .repository import Store
from .schema import (
    AgreementPartyRow,
    AgreementRow,
    ArticleOfficialRow,
    ArticleRow,
    DeliveredArticleRow,
    ExtractionRow,
    MeetingParticipantRow,
    MeetingRow,
    OfficialAliasRow,
    OfficialRow,
    StopRow,
    SubscriptionRow,
)
from .visibility import EVERYTHING, Visibility, visible

__all__ = [
    "ArticleInfo",
    "FactRow",
    "OfficialInfo",
    "agreements_of",
    "article_officials",
    "index_signature",
    "latest_articles",
    "latest_itinerary",
    "latest_title",
    "load_officials",
    "meetings_of",
    "new_articles",
    "previous_digest_at",
    "visible_mentions",
    "visible_officials",
]


@dataclass(frozen=True, slots=True)
class OfficialInfo:
    id: int
    key: str
    name: str
    surname: str
    title: str | None
    affiliation: str | None
    mentions: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: int
    title: str
    source: str | None
    published: dt.date | None
    url: str | None
    ext_id: str | None
    ingested_at: dt.datetime | None = None
    origin: str | None = None
    # The title is the text's opening words (made by the loader), not a headline.
    title_derived: bool = False


@dataclass(frozen=True, slots=True)
class FactRow:
    """A meeting, agreement or stop with its article and the other people in it."""

    id: int
    kind: str  # "meeting" | "agreement" | "stop"
    status: str | None  # meeting status or agreement polarity
    place: str | None
    when_text: str | None
    date: dt.date | None
    text: str | None  # agreement text
    sentence: str
    start: int
    end: int
    article: ArticleInfo
    others: tuple[str, ...] = ()
    seq: int = 0
    # What the extractor decided (NULL for facts stored before it kept them).
    confidence: float | None = None
    precision: str | None = None  # of the date ("day", "week", ...)
    form: str | None = None  # of an agreement's text ("to", "verb", "that", "other")


Source = Store | Connection


@contextmanager
def _session(store: Source) -> Iterator[Connection]:
    """A Core connection (cheaper than an ORM session); reuses one passed in."""
    if isinstance(store, Connection):
        yield store
        return
    with store.engine.connect() as conn:
        yield conn


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    """One connection for several queries (pass it where a Store is expected)."""
    with store.engine.connect() as conn:
        yield conn


def index_signature(store: Source) -> tuple[Any, ...]:
    """Changes whenever an official or alias is added or updated.

    Officials and aliases are never deleted, and every update of an official sets
    its `last_seen`, so three maxima say it; each is one index lookup, where counts
    would scan both tables on every `/brief`."""
    with _session(store) as s:
        row = s.execute(
            select(
                select(func.max(OfficialRow.id)).scalar_subquery(),
                select(func.max(OfficialRow.last_seen)).scalar_subquery(),
                select(func.max(OfficialAliasRow.id)).scalar_subquery(),
            )
        ).one()
    return tuple(row)


def load_officials(store: Source) -> list[OfficialInfo]:
    with _session(store) as s:
        aliases: dict[int, list[str]] = {}
        for oid, alias in s.execute(select(OfficialAliasRow.official_id, OfficialAliasRow.alias)):
            aliases.setdefault(oid, []).append(alias)
        rows = s.execute(
            select(
                OfficialRow.id,
                OfficialRow.key,
                OfficialRow.name,
                OfficialRow.surname,
                OfficialRow.title,
                OfficialRow.affiliation,
                OfficialRow.mentions,
            )
        ).all()
    return [
        OfficialInfo(
            r[0], r[1], r[2], r[3], r[4], r[5], int(r[6] or 0), tuple(aliases.get(r[0], ()))
        )
        for r in rows
    ]


def _article_cols() -> tuple[Any, ...]:
    return (
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.source,
        ArticleRow.published,
        ArticleRow.url,
        ArticleRow.ext_id,
        ArticleRow.ingested_at,
        ArticleRow.origin,
        func.substr(ArticleRow.text, 1, _LEAD_CHARS),
    )


# Enough of the text to recognise a title made from the first sentence (<= 121 chars).
_LEAD_CHARS = 200
_ARTICLE_COLS = 9


def _article(r: Sequence[Any], offset: int) -> ArticleInfo:
    c = r[offset : offset + _ARTICLE_COLS]
    return ArticleInfo(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], is_derived_title(c[1], c[8]))


def _seen(q: Any, vis: Visibility) -> Any:
    """`q` restricted to the articles `vis` may see."""
    cond = visible(ArticleRow.id, vis)
    return q if cond is None else q.where(cond)


def visible_officials(store: Source, official_ids: Iterable[int], vis: Visibility) -> set[int]:
    """Those of `official_ids` named in at least one article `vis` may see."""
    ids = sorted(set(official_ids))
    if vis.everything or not ids:
        return set(ids)
    cond = visible(ArticleOfficialRow.article_id, vis)
    assert cond is not None
    with _session(store) as s:
        rows = s.scalars(
            select(ArticleOfficialRow.official_id)
            .where(ArticleOfficialRow.official_id.in_(ids), cond)
            .distinct()
        )
        return {int(r) for r in rows}


def visible_mentions(store: Source, official_ids: Iterable[int], vis: Visibility) -> dict[int, int]:
    """Official id -> how many articles `vis` may see name them (officials named in
    none are left out): one grouped query over `article_officials`."""
    ids = sorted(set(official_ids))
    if not ids:
        return {}
    q = select(ArticleOfficialRow.official_id, func.count()).where(
        ArticleOfficialRow.official_id.in_(ids)
    )
    cond = visible(ArticleOfficialRow.article_id, vis)
    if cond is not None:
        q = q.where(cond)
    with _session(store) as s:
        rows = s.execute(q.group_by(ArticleOfficialRow.official_id)).all()
    return {int(oid): int(n) for oid, n in rows}


def _newest(date_col: Any) -> tuple[Any, ...]:
    when = (
        ArticleRow.published if date_col is None else func.coalesce(date_col, ArticleRow.published)
    )
    return (when.desc().nulls_last(), ArticleRow.ingested_at.desc(), ArticleRow.id.desc())


def _names_of(
    s: Connection, rows: Sequence[tuple[int, int, str, int | None]], official_id: int
) -> dict[int, list[str]]:
    """Fact id -> the other people's display names (official's name when linked)."""
    ids = {oid for _, _, _, oid in rows if oid is not None}
    names: dict[int, str] = {}
    if ids:
        q = select(OfficialRow.id, OfficialRow.name).where(OfficialRow.id.in_(ids))
        names = {int(i): clean_name(n) for i, n in s.execute(q).all()}
    out: dict[int, list[str]] = {}
    for fact_id, _pos, name, oid in sorted(rows, key=lambda r: (r[0], r[1])):
        if oid == official_id:
            continue
        shown = names.get(oid, name) if oid is not None else name
        lst = out.setdefault(fact_id, [])
        if shown not in lst:
            lst.append(shown)
    return out


def meetings_of(
    store: Source, official_id: int, limit: int, vis: Visibility = EVERYTHING
) -> tuple[list[FactRow], int]:
    """The official's meetings `vis` may see, newest first (at most `limit`), and how
    many there are."""
    with _session(store) as s:
        mids = select(MeetingParticipantRow.meeting_id).where(
            MeetingParticipantRow.official_id == official_id
        )
        counted = select(func.count(func.distinct(MeetingParticipantRow.meeting_id))).where(
            MeetingParticipantRow.official_id == official_id
        )
        seen = visible(MeetingRow.article_id, vis)
        if seen is not None:
            counted = counted.join(
                MeetingRow, MeetingRow.id == MeetingParticipantRow.meeting_id
            ).where(seen)
        total = s.scalar(counted) or 0
        q = (
            select(
                MeetingRow.id,
                MeetingRow.status,
                MeetingRow.place,
                MeetingRow.when_text,
                MeetingRow.date,
                MeetingRow.sentence,
                MeetingRow.start,
                MeetingRow.end,
                *_article_cols(),
                MeetingRow.confidence,
                MeetingRow.date_precision,
            )
            .join(ArticleRow, ArticleRow.id == MeetingRow.article_id)
            .where(MeetingRow.id.in_(mids))
            .order_by(*_newest(MeetingRow.date), MeetingRow.start, MeetingRow.id)
            .limit(limit)
        )
        rows = s.execute(_seen(q, vis)).all()
        others = _others(
            s, MeetingParticipantRow, MeetingParticipantRow.meeting_id, rows, official_id
        )
    facts = [
        FactRow(
            r[0],
            "meeting",
            r[1],
            r[2],
            r[3],
            r[4],
            None,
            r[5],
            r[6],
            r[7],
            _article(r, 8),
            tuple(others.get(r[0], ())),
            confidence=r[-2],
            precision=r[-1],
        )
        for r in rows
    ]
    return facts, int(total)


def _others(
    s: Connection, table: Any, fact_col: Any, rows: Sequence[Any], official_id: int
) -> dict[int, list[str]]:
    """The other people/sides of each fact (participants of meetings, parties of deals)."""
    parts = [
        (int(r[0]), int(r[1]), str(r[2]), r[3])
        for r in s.execute(
            select(fact_col, table.position, table.name, table.official_id).where(
                fact_col.in_([r[0] for r in rows])
            )
        ).all()
    ]
    return _names_of(s, parts, official_id)


def agreements_of(
    store: Source, official_id: int, limit: int, vis: Visibility = EVERYTHING
) -> tuple[list[FactRow], int]:
    with _session(store) as s:
        counted = select(func.count(func.distinct(AgreementPartyRow.agreement_id))).where(
            AgreementPartyRow.official_id == official_id
        )
        seen = visible(AgreementRow.article_id, vis)
        if seen is not None:
            counted = counted.join(
                AgreementRow, AgreementRow.id == AgreementPartyRow.agreement_id
            ).where(seen)
        total = s.scalar(counted) or 0
        aids = select(AgreementPartyRow.agreement_id).where(
            AgreementPartyRow.official_id == official_id
        )
        q = (
            select(
                AgreementRow.id,
                AgreementRow.polarity,
                AgreementRow.text,
                AgreementRow.sentence,
                AgreementRow.start,
                AgreementRow.end,
                *_article_cols(),
                AgreementRow.confidence,
                AgreementRow.text_form,
            )
            .join(ArticleRow, ArticleRow.id == AgreementRow.article_id)
            .where(AgreementRow.id.in_(aids))
            .order_by(*_newest(None), AgreementRow.start, AgreementRow.id)
            .limit(limit)
        )
        rows = s.execute(_seen(q, vis)).all()
        others = _others(s, AgreementPartyRow, AgreementPartyRow.agreement_id, rows, official_id)
    facts = [
        FactRow(
            r[0],
            "agreement",
            r[1],
            None,
            None,
            None,
            r[2],
            r[3],
            r[4],
            r[5],
            _article(r, 6),
            tuple(others.get(r[0], ())),
            confidence=r[-2],
            form=r[-1],
        )
        for r in rows
    ]
    return facts, int(total)


def latest_itinerary(
    store: Source, official_id: int, vis: Visibility = EVERYTHING
) -> list[FactRow]:
    """The stops of the newest article (of those `vis` may see) giving this official's
    onward travel, in order."""
    with _session(store) as s:
        newest = s.scalar(
            _seen(
                select(StopRow.article_id)
                .join(ArticleRow, ArticleRow.id == StopRow.article_id)
                .where(StopRow.official_id == official_id),
                vis,
            )
            .order_by(*_newest(StopRow.date))
            .limit(1)
        )
        if newest is None:
            return []
        rows = s.execute(
            select(
                StopRow.id,
                StopRow.place,
                StopRow.when_text,
                StopRow.date,
                StopRow.sentence,
                StopRow.start,
                StopRow.end,
                StopRow.seq,
                *_article_cols(),
                StopRow.confidence,
                StopRow.date_precision,
            )
            .join(ArticleRow, ArticleRow.id == StopRow.article_id)
            .where(StopRow.official_id == official_id, StopRow.article_id == newest)
            .order_by(StopRow.seq)
        ).all()
    return [
        FactRow(
            r[0],
            "stop",
            None,
            r[1],
            r[2],
            r[3],
            None,
            r[4],
            r[5],
            r[6],
            _article(r, 8),
            (),
            r[7],
            confidence=r[-2],
            precision=r[-1],
        )
        for r in rows
    ]


def latest_articles(
    store: Source, official_id: int, limit: int, vis: Visibility = EVERYTHING
) -> list[ArticleInfo]:
    """The newest articles that mention the official (for a dossier with no facts)."""
    with _session(store) as s:
        rows = s.execute(
            _seen(
                select(*_article_cols())
                .join(ArticleOfficialRow, ArticleOfficialRow.article_id == ArticleRow.id)
                .where(ArticleOfficialRow.official_id == official_id),
                vis,
            )
            .order_by(*_newest(None))
            .limit(limit)
        ).all()
    return [_article(r, 0) for r in rows]


TITLE_WINDOW = 5


def _pick_title(
    rows: list[tuple[str, str | None, dt.date | None]],
) -> tuple[str, str | None] | None:
    """The title of the newest mention; among undated (or same-day) newest mentions, the
    one used most often, then the most specific ("Tory leader" over "leader")."""
    if not rows:
        return None
    newest = rows[0][2]
    if newest is not None:
        rows = [r for r in rows if r[2] == newest]
    counts: dict[str, int] = {}
    for t, _a, _d in rows:
        counts[t.casefold()] = counts.get(t.casefold(), 0) + 1
    best = max(
        range(len(rows)),
        key=lambda i: (counts[rows[i][0].casefold()], len(rows[i][0].split()), -i),
    )
    return rows[best][0], rows[best][1]


def latest_title(
    store: Source, official_id: int, vis: Visibility = EVERYTHING, articles: int | None = None
) -> tuple[str | None, str | None, int]:
    """(latest title, latest affiliation, number of articles) for an official, from the
    articles `vis` may see (the number is counted unless the caller knows it)."""
    with _session(store) as s:
        n = articles
        if n is None:
            counted = (
                select(func.count())
                .select_from(ArticleOfficialRow)
                .where(ArticleOfficialRow.official_id == official_id)
            )
            cond = visible(ArticleOfficialRow.article_id, vis)
            n = s.scalar(counted if cond is None else counted.where(cond)) or 0
        rows = s.execute(
            _seen(
                select(
                    ArticleOfficialRow.title, ArticleOfficialRow.affiliation, ArticleRow.published
                )
                .join(ArticleRow, ArticleRow.id == ArticleOfficialRow.article_id)
                .where(
                    ArticleOfficialRow.official_id == official_id,
                    ArticleOfficialRow.title.is_not(None),
                ),
                vis,
            )
            .order_by(*_newest(None))
            .limit(TITLE_WINDOW)
        ).all()
        row = _pick_title([(str(r[0]), r[1], r[2]) for r in rows if r[0]])
        if row is None and not vis.everything:
            return None, None, int(n)  # the stored title may come from an unseen article
        if row is None:
            off = s.execute(
                select(OfficialRow.title, OfficialRow.affiliation).where(
                    OfficialRow.id == official_id
                )
            ).first()
            return (off[0], off[1], int(n)) if off else (None, None, int(n))
    return row[0], row[1], int(n)


def article_officials(store: Source, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """Article id -> keys of the officials it mentions (for follow filters)."""
    if not article_ids:
        return {}
    out: dict[int, list[str]] = {}
    with _session(store) as s:
        rows = s.execute(
            select(ArticleOfficialRow.article_id, OfficialRow.key, OfficialRow.name)
            .join(OfficialRow, OfficialRow.id == ArticleOfficialRow.official_id)
            .where(ArticleOfficialRow.article_id.in_(list(article_ids)))
        ).all()
    for aid, key, name in rows:
        out.setdefault(aid, []).extend([key, name])
    return out


@dataclass(frozen=True, slots=True)
class StoredArticle:
    info: ArticleInfo
    text: str
    text_hash: str
    data: dict[str, Any] | None
    origin: str | None = None


def new_articles(
    store: Source, *, team_id: str, channel_id: str, since: dt.datetime | None, limit: int
) -> list[StoredArticle]:
    """Articles the channel may see, ingested after `since` and not yet delivered to it,
    newest first."""
    with _session(store) as s:
        q = select(
            *_article_cols(),
            ArticleRow.text,
            ArticleRow.text_hash,
            ExtractionRow.data,
        ).outerjoin(ExtractionRow, ExtractionRow.article_id == ArticleRow.id)
        if since is not None:
            # The window first, then its order: left to itself the planner walks the
            # whole publication-date index for the ORDER BY ... LIMIT and filters every
            # article by ingestion time (a full scan that grows with the store).
            recent = (
                select(ArticleRow.id)
                .where(ArticleRow.ingested_at > since)
                .cte("recent")
                .prefix_with("MATERIALIZED")
            )
            q = q.join(recent, recent.c.id == ArticleRow.id)
        q = q.where(
            ~select(DeliveredArticleRow.article_id)
            .where(
                DeliveredArticleRow.team_id == team_id,
                DeliveredArticleRow.channel_id == channel_id,
                DeliveredArticleRow.article_id == ArticleRow.id,
            )
            .exists()
        )
        # Only what the channel may see: the shared corpus, its workspace's, its own.
        q = _seen(q, Visibility.channel(team_id, channel_id))
        q = q.order_by(
            ArticleRow.published.desc().nulls_last(),
            ArticleRow.ingested_at.desc(),
            ArticleRow.id.desc(),
        ).limit(limit)
        rows = s.execute(q).all()
    n = _ARTICLE_COLS
    return [
        StoredArticle(info, r[n], r[n + 1], r[n + 2], info.origin)
        for r in rows
        for info in (_article(r, 0),)
    ]


def previous_digest_at(store: Source, team_id: str, channel_id: str) -> dt.datetime | None:
    with _session(store) as s:
        return s.scalar(
            select(SubscriptionRow.last_digest_at).where(
                SubscriptionRow.team_id == team_id, SubscriptionRow.channel_id == channel_id
            )
        )
