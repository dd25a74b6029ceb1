"""walls: where each article came from (article_sources)

Existing articles become shared (the whole corpus was visible to every channel
before), except link-less feed entries whose origin names a channel feed
(`<feed url>#entry-<n>`): those belong to that feed's channel. Nothing else
records which feed brought an article. Every per-workspace row (subscriptions,
follows, feeds, deliveries, alerts) already carries the team id Slack sent with
the command that made it, so it stays the token workspace's as it is.

Revision ID: h11b_article_sources
Revises: h11a_slack_installations
Create Date: 2026-12-06 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "h11b_article_sources"
down_revision = "h11a_slack_installations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_sources",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_sources_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_id", "team_id", "channel_id", "feed_id", name=op.f("pk_article_sources")
        ),
    )
    op.create_index(
        "ix_article_sources_place",
        "article_sources",
        ["team_id", "channel_id", "article_id"],
        unique=False,
    )
    # Traced: a link-less entry of a channel feed ("<feed url>#entry-<n>").
    op.execute(
        """
        INSERT INTO article_sources (article_id, team_id, channel_id, feed_id, added_at)
        SELECT a.id, f.team_id, f.channel_id, f.id, a.ingested_at
        FROM articles a JOIN feeds f
          ON f.team_id <> ''
         AND substr(a.origin, 1, length(f.url) + 7) = f.url || '#entry-'
        """
    )
    # Everything else: the shared corpus, as every channel saw it until now.
    op.execute(
        """
        INSERT INTO article_sources (article_id, team_id, channel_id, feed_id, added_at)
        SELECT a.id, '', '', 0, a.ingested_at FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)
        """
    )


def downgrade() -> None:
    op.drop_index("ix_article_sources_place", table_name="article_sources")
    op.drop_table("article_sources")
