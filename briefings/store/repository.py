"""The Store: articles, their extractions and the fact tables derived from them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from ..clock import utcnow
from ..models import Article, Evidence, Extraction
from ..people import name_key, surname
from ..text import normalise_text
from ..urls import canonical_url
from .engine import make_engine, migrate, schema_current
from .resolve import find_official
from .schema import (
    AgreementPartyRow,
    AgreementRow,
    ArticleOfficialRow,
    ArticleRow,
    ArticleSourceRow,
    DeliveredArticleRow,
    ExtractionRow,
    MeetingParticipantRow,
    MeetingRow,
    OfficialAliasRow,
    OfficialRow,
    StopRow,
)
from .visibility import EVERYTHING, SHARED, Audience, Visibility, visible


class SaveOutcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


def text_hash(text: str) -> str:
    norm = " ".join(normalise_text(text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """Canonical URL when known, else the hash of the normalised text."""
    if article.url:
        return canonical_url(article.url)
    return "sha256:" + text_hash(article.text)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True) -> Store:
        engine = make_engine(url)
        if migrate_schema:
            migrate(engine)
        return cls(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        """Whether the database answers (for health checks); never raises."""
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
            return True
        except Exception:
            return False

    def schema_current(self) -> bool:
        """Whether the database answers and is at the newest migration (for /readyz)."""
        return schema_current(self.engine)

    def data_version(self) -> tuple[Any, ...]:
        """Changes whenever an article is added, replaced or deleted, or an official
        changes: the key answer caches are invalidated by."""
        with self.engine.connect() as conn:
            a = conn.execute(
                select(func.count(), func.max(ArticleRow.id), func.max(ArticleRow.updated_at))
            ).one()
            o = conn.execute(select(func.count(), func.max(OfficialRow.last_seen))).one()
            # An article newly reaching a channel changes what that channel may see.
            w = conn.execute(select(func.count(), func.max(ArticleSourceRow.added_at))).one()
        return (*tuple(a), *tuple(o), *tuple(w))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        with self._sessions() as s, s.begin():
            yield s

    # -- articles ---------------------------------------------------------

    def classify(self, article: Article, extractor_version: str) -> SaveOutcome:
        """What saving `article` would do, without extracting it first."""
        with self._sessions() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.key == article_key(article)))
            if row is None:
                return SaveOutcome.NEW
            stored = s.scalar(
                select(ExtractionRow.version).where(ExtractionRow.article_id == row.id)
            )
            if row.text_hash == text_hash(article.text) and stored == extractor_version:
                return SaveOutcome.UNCHANGED
            return SaveOutcome.UPDATED

    def save(
        self, article: Article, extraction: Extraction, audience: Audience = SHARED
    ) -> tuple[SaveOutcome, int]:
        """Insert or replace an article and its facts in one transaction, and record
        that it reached `audience` (the shared corpus unless told otherwise)."""
        key = article_key(article)
        thash = text_hash(article.text)
        now = utcnow()
        with self.session() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.key == key))
            if row is not None:
                version = row.extraction.version if row.extraction else None
                if row.text_hash == thash and version == extraction.extractor_version:
                    _add_source(s, row.id, audience, now)
                    return SaveOutcome.UNCHANGED, row.id
                outcome = SaveOutcome.UPDATED
                touched = self._clear_facts(s, row.id)
            else:
                outcome = SaveOutcome.NEW
                touched = set()
                row = ArticleRow(key=key, ingested_at=now)
                s.add(row)
            row.ext_id = article.id
            row.url = article.url
            row.text_hash = thash
            row.title = article.title
            row.published = article.published
            row.source = article.source
            row.origin = article.origin
            row.license = article.license
            row.text = article.text
            row.words = len(article.text.split())
            row.truncated_from = article.truncated_from
            row.updated_at = now
            s.flush()
            touched |= self._write_facts(s, row.id, extraction, now)
            _recount_mentions(s, touched)
            _add_source(s, row.id, audience, now)
            return outcome, row.id

    # -- where articles came from (the walls) ---------------------------------

    def share(self, article_id: int, audience: Audience) -> None:
        """Record that a stored article also reached `audience` (idempotent)."""
        with self.session() as s:
            _add_source(s, article_id, audience, utcnow())

    def share_key(self, key: str, audience: Audience) -> int | None:
        """`share` by article key (canonical URL or text hash); the article id, or
        None when no article has that key."""
        with self.session() as s:
            aid = s.scalar(select(ArticleRow.id).where(ArticleRow.key == key))
            if aid is not None:
                _add_source(s, aid, audience, utcnow())
            return aid

    def has_source(self, article_id: int, audience: Audience) -> bool:
        with self._sessions() as s:
            pk = (article_id, audience.team_id, audience.channel_id, audience.feed_id)
            return s.get(ArticleSourceRow, pk) is not None

    def can_see(self, article_id: int, vis: Visibility) -> bool:
        """Whether the article exists and `vis` may see it."""
        q = select(ArticleRow.id).where(ArticleRow.id == article_id)
        cond = visible(ArticleRow.id, vis)
        if cond is not None:
            q = q.where(cond)
        with self._sessions() as s:
            return s.scalar(q) is not None

    def _clear_facts(self, s: Session, article_id: int) -> set[int]:
        """Delete an article's facts; returns the officials it mentioned."""
        before = set(
            s.scalars(
                select(ArticleOfficialRow.official_id).where(
                    ArticleOfficialRow.article_id == article_id
                )
            )
        )
        for table in (MeetingRow, AgreementRow, StopRow, ArticleOfficialRow, ExtractionRow):
            s.execute(delete(table).where(table.article_id == article_id))
        s.flush()
        return before

    def _official(
        self,
        s: Session,
        name: str,
        title: str | None,
        affiliation: str | None,
        aliases: Sequence[str],
        now: dt.datetime,
        context: Sequence[str] = (),
    ) -> OfficialRow:
        row = find_official(s, name, title=title, affiliation=affiliation, context=context)
        if row is None:
            row = OfficialRow(key=name_key(name), name=name, surname=surname(name), mentions=0)
            s.add(row)
            s.flush()
        elif len(name_key(name)) > len(name_key(row.name)):
            row.name = name  # the fullest form wins
        row.last_seen = now
        if title:
            row.title = title
        if affiliation:
            row.affiliation = affiliation
        known = set(
            s.scalars(select(OfficialAliasRow.alias).where(OfficialAliasRow.official_id == row.id))
        )
        for alias in {name_key(a) for a in (name, *aliases)} - known:
            if alias:
                s.add(OfficialAliasRow(official_id=row.id, alias=alias))
        return row

    def _write_facts(
        self, s: Session, article_id: int, ex: Extraction, now: dt.datetime
    ) -> set[int]:
        """Write the fact rows; returns the officials the article mentions."""
        s.add(
            ExtractionRow(
                article_id=article_id,
                version=ex.extractor_version,
                data=ex.to_json(),
                created_at=now,
            )
        )
        ids: dict[str, int] = {}
        linked: set[int] = set()
        names = [o.name for o in ex.officials]
        for off in ex.officials:
            context = [n for n in names if n != off.name]
            row = self._official(
                s, off.name, off.title, off.affiliation, off.aliases, now, context=context
            )
            # Every form of the name maps to the row, even when it resolved to an
            # official already listed ("Kelly" after "James Kelly").
            ids.setdefault(name_key(off.name), row.id)
            for alias in off.aliases:
                ids.setdefault(name_key(alias), row.id)
            # Linked once per article, whatever names led to the row (a name already
            # mapped to another row does not make this one "seen").
            if row.id in linked:
                continue
            linked.add(row.id)
            s.add(
                ArticleOfficialRow(
                    article_id=article_id,
                    official_id=row.id,
                    name=off.name,
                    title=off.title,
                    affiliation=off.affiliation,
                )
            )

        def oid(name: str) -> int | None:
            return ids.get(name_key(name))

        for m in ex.meetings:
            mrow = MeetingRow(
                article_id=article_id,
                status=m.status,
                place=m.place,
                when_text=m.when,
                date=m.date,
                date_precision=m.precision,
                confidence=m.confidence,
                **_evidence(m.evidence),
            )
            s.add(mrow)
            s.flush()
            for i, p in enumerate(m.participants):
                s.add(
                    MeetingParticipantRow(
                        meeting_id=mrow.id, position=i, name=p, official_id=oid(p)
                    )
                )
        for a in ex.agreements:
            arow = AgreementRow(
                article_id=article_id,
                polarity=a.polarity,
                text=a.text,
                text_form=a.form,
                confidence=a.confidence,
                **_evidence(a.evidence),
            )
            s.add(arow)
            s.flush()
            for i, p in enumerate(a.parties):
                s.add(
                    AgreementPartyRow(agreement_id=arow.id, position=i, name=p, official_id=oid(p))
                )
        for it in ex.next_stops:
            for seq, stop in enumerate(it.stops):
                s.add(
                    StopRow(
                        article_id=article_id,
                        official_id=oid(it.who),
                        who=it.who,
                        seq=seq,
                        place=stop.place,
                        when_text=stop.when,
                        date=stop.date,
                        date_precision=stop.precision,
                        confidence=stop.confidence,
                        **_evidence(stop.evidence),
                    )
                )
        return linked

    def count_articles(self) -> int:
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).select_from(ArticleRow)) or 0)

    def get_article(self, article_id: int) -> tuple[Article, Extraction | None] | None:
        with self._sessions() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                return None
            return _article(row), _extraction(row)

    def latest(
        self,
        limit: int = 5,
        *,
        since: dt.datetime | None = None,
        exclude_delivered_to: tuple[str, str] | None = None,
        visibility: Visibility = EVERYTHING,
    ) -> list[tuple[int, Article, Extraction | None]]:
        """Newest articles first (by ingestion time), of those `visibility` may see."""
        with self._sessions() as s:
            q = select(ArticleRow)
            cond = visible(ArticleRow.id, visibility)
            if cond is not None:
                q = q.where(cond)
            if since is not None:
                q = q.where(ArticleRow.ingested_at > since)
            if exclude_delivered_to is not None:
                team, channel = exclude_delivered_to
                q = q.where(
                    ~select(DeliveredArticleRow.article_id)
                    .where(
                        DeliveredArticleRow.team_id == team,
                        DeliveredArticleRow.channel_id == channel,
                        DeliveredArticleRow.article_id == ArticleRow.id,
                    )
                    .exists()
                )
            q = q.order_by(ArticleRow.ingested_at.desc(), ArticleRow.id.desc()).limit(limit)
            return [(r.id, _article(r), _extraction(r)) for r in s.scalars(q)]


def _recount_mentions(s: Session, official_ids: set[int]) -> None:
    """Mention counts derived from `article_officials`, never incremented: re-extraction
    cannot inflate them and concurrent writers cannot lose an update. The rows are
    locked first (in id order) so the count below, a new statement, sees every
    committed writer's links on PostgreSQL."""
    if not official_ids:
        return
    ids = sorted(official_ids)
    s.flush()
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            select(OfficialRow.id)
            .where(OfficialRow.id.in_(ids))
            .order_by(OfficialRow.id)
            .with_for_update()
        )
    count = (
        select(func.count())
        .select_from(ArticleOfficialRow)
        .where(ArticleOfficialRow.official_id == OfficialRow.id)
        .scalar_subquery()
    )
    s.execute(
        update(OfficialRow).where(OfficialRow.id.in_(ids)).values(mentions=count),
        execution_options={"synchronize_session": False},
    )


def _add_source(s: Session, article_id: int, audience: Audience, now: dt.datetime) -> None:
    """Insert the article's source row unless it is there (a concurrent writer's
    insert of the same row is not an error)."""
    values = {
        "article_id": article_id,
        "team_id": audience.team_id,
        "channel_id": audience.channel_id,
        "feed_id": audience.feed_id,
        "added_at": now,
    }
    if s.get_bind().dialect.name == "postgresql":
        s.execute(pg_insert(ArticleSourceRow).values(**values).on_conflict_do_nothing())
    else:
        s.execute(sqlite_insert(ArticleSourceRow).values(**values).on_conflict_do_nothing())


def _evidence(evidence: Sequence[Evidence]) -> dict[str, Any]:
    """Columns of a fact's first evidence sentence (facts without one keep empty text)."""
    ev = evidence[0] if evidence else None
    return {
        "sentence": ev.sentence if ev else "",
        "start": ev.start if ev else 0,
        "end": ev.end if ev else 0,
    }


def _article(row: ArticleRow) -> Article:
    return Article(
        id=row.ext_id or row.key,
        title=row.title,
        text=row.text,
        published=row.published,
        url=row.url,
        source=row.source,
        origin=row.origin,
        license=row.license,
        truncated_from=row.truncated_from,
    )


def _extraction(row: ArticleRow) -> Extraction | None:
    return Extraction.from_json(row.extraction.data) if row.extraction else None
