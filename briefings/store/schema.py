"""Tables. Facts live in their own tables so they can be queried by official and date.

Changes to this module need an Alembic migration in `migrations/versions/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false, func

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class ArticleRow(Base):
    __tablename__ = "articles"
    # Newest first (`/brief latest`, App Home) reads this index from its end; the id
    # breaks ties in the same index, so no sort is needed however large the store.
    __table_args__ = (Index("ix_articles_ingested_at_id", "ingested_at", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Canonical URL when known, else "sha256:<hash of normalised text>".
    key: Mapped[str] = mapped_column(String(700), unique=True)
    ext_id: Mapped[str | None] = mapped_column(String(700))
    url: Mapped[str | None] = mapped_column(String(2000))
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(String(300))
    origin: Mapped[str | None] = mapped_column(Text)
    license: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer, default=0)
    # Characters before the text was cut to briefings.limits.MAX_ARTICLE_CHARS.
    truncated_from: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    extraction: Mapped[ExtractionRow | None] = relationship(
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )


class ExtractionRow(Base):
    __tablename__ = "extractions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[str] = mapped_column(String(40), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    article: Mapped[ArticleRow] = relationship(back_populates="extraction")


class ArticleSourceRow(Base):
    """Where an article came from: one row per place (see `store/visibility.py`).

    team_id "" is the shared corpus; channel_id "" is workspace-wide; feed_id 0 is
    not a feed (ingest, `/brief <url>`, unfurls). The primary key starts with the
    article, so "may this asker see this article" is one index probe."""

    __tablename__ = "article_sources"
    __table_args__ = (
        # A channel's own articles, newest first, without reading the whole corpus.
        Index("ix_article_sources_place", "team_id", "channel_id", "article_id"),
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    feed_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class OfficialRow(Base):
    __tablename__ = "officials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Folded full name ("james kelly"); people with the same name are told apart
    # by the resolver, which may add a suffix ("james kelly#2").
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    surname: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(String(300))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    # Indexed: the dossier's officials index is rebuilt when max(last_seen) moves,
    # and that max must not scan every official on each `/brief`.
    last_seen: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class OfficialAliasRow(Base):
    __tablename__ = "official_aliases"
    __table_args__ = (UniqueConstraint("official_id", "alias"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300), index=True)


class ArticleOfficialRow(Base):
    """Who appears in which article, with the title as that article words it."""

    __tablename__ = "article_officials"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    official_id: Mapped[int] = mapped_column(
        ForeignKey("officials.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(String(300))


class _FactMixin:
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # The extractor's confidence (0-1); NULL for facts stored before it kept one.
    confidence: Mapped[float | None] = mapped_column(Float)


class MeetingRow(_FactMixin, Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(300))
    when_text: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))


class MeetingParticipantRow(Base):
    __tablename__ = "meeting_participants"
    # An official's meetings (and their count) straight from the index.
    __table_args__ = (
        Index("ix_meeting_participants_official_meeting", "official_id", "meeting_id"),
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    official_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id", ondelete="SET NULL"))


class AgreementRow(_FactMixin, Base):
    __tablename__ = "agreements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    polarity: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    text_form: Mapped[str | None] = mapped_column(String(8))


class AgreementPartyRow(Base):
    __tablename__ = "agreement_parties"
    __table_args__ = (
        Index("ix_agreement_parties_official_agreement", "official_id", "agreement_id"),
    )
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    official_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id", ondelete="SET NULL"))


class StopRow(_FactMixin, Base):
    __tablename__ = "stops"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    official_id: Mapped[int | None] = mapped_column(
        ForeignKey("officials.id", ondelete="SET NULL"), index=True
    )
    who: Mapped[str] = mapped_column(String(300))
    seq: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(300))
    when_text: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))


class SubscriptionRow(Base):
    """A channel's digest schedule."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(40))
    channel_id: Mapped[str] = mapped_column(String(40))
    schedule: Mapped[str] = mapped_column(String(200))  # as the user typed it
    cron: Mapped[str] = mapped_column(String(100))  # 5-field crontab
    timezone: Mapped[str] = mapped_column(String(64))
    only_followed: Mapped[bool] = mapped_column(Boolean, default=False)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notify_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_digest_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Paused: kept with its settings but not scheduled. Flat: the digest as one
    # message instead of a parent with one threaded reply per story.
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    flat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FollowRow(Base):
    """An official followed by a channel (scope 'channel') or a user (scope 'user')."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("team_id", "scope", "scope_id", "official_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(40))
    scope: Mapped[str] = mapped_column(String(10))
    scope_id: Mapped[str] = mapped_column(String(40))
    official_key: Mapped[str] = mapped_column(String(300))
    official_name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class FeedRow(Base):
    __tablename__ = "feeds"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "url"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(40), default="")
    channel_id: Mapped[str] = mapped_column(String(40), default="")
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PostedMessageRow(Base):
    """Every message posted; the unique slot makes scheduled digests exactly-once."""

    __tablename__ = "posted_messages"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "kind", "slot"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(40))
    channel_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # digest, alert, unfurl, answer
    slot: Mapped[str] = mapped_column(String(64))  # e.g. scheduled time in ISO form
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    ts: Mapped[str | None] = mapped_column(String(40))
    posted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    article_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)


class DeliveredArticleRow(Base):
    """Stories a channel already received, so a digest never repeats one."""

    __tablename__ = "delivered_articles"
    team_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    delivered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class WorkItemRow(Base):
    """Queue of URLs/feed entries to fetch and extract, claimed with leases."""

    __tablename__ = "work_items"
    __table_args__ = (Index("ix_work_items_status_lease", "status", "lease_until"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(700), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ProcessedEventRow(Base):
    """Slack event ids already handled, so retried deliveries are ignored."""

    __tablename__ = "processed_events"
    event_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class AlertPrefRow(Base):
    """A user's alerts: on or off, and when their last alert DM was claimed (at most one
    per `ALERT_GAP`)."""

    __tablename__ = "alert_prefs"
    team_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AlertMuteRow(Base):
    """An official a user follows but wants no alerts about."""

    __tablename__ = "alert_mutes"
    team_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    official_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    official_name: Mapped[str] = mapped_column(String(300))


class AlertItemRow(Base):
    """A newly stored article naming officials a user follows; pending until the user's
    next alert DM claims it (`batch_at`)."""

    __tablename__ = "alert_items"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "article_id"),
        Index("ix_alert_items_pending", "batch_at", "team_id", "user_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[str] = mapped_column(String(40))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    officials: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[key, name], ...]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    batch_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class StoreStateRow(Base):
    """Small named counters, e.g. the last article id the alert scan has seen."""

    __tablename__ = "store_state"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


# -- Slack installations (OAuth mode) ------------------------------------------------------
# The tables of slack_sdk's SQLAlchemyInstallationStore and SQLAlchemyOAuthStateStore,
# column for column (a test compares them with slack_sdk's own definitions). slack_sdk
# reads and writes them through the engine the bot hands it; they are declared here so
# the Alembic chain creates them and `installations.forget_installation` can delete a
# workspace's rows. Naive DateTime, as slack_sdk stores UTC without a zone.

slack_installations = Table(
    "slack_installations",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("enterprise_url", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("user_id", String(32), nullable=False),
    Column("user_token", String(200)),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", String(200)),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(
        "slack_installations_idx",
        "client_id",
        "enterprise_id",
        "team_id",
        "user_id",
        "installed_at",
    ),
)

slack_bots = Table(
    "slack_bots",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = Table(
    "slack_oauth_states",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)
