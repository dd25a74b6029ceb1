"""alerts for followed officials; paused and flat digest subscriptions

Revision ID: h12_alerts
Revises: h14_scale_indexes
Create Date: 2026-12-06 08:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "h12_alerts"
down_revision = "h14_scale_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("paused", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("flat", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "alert_prefs",
        sa.Column("team_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_alert_prefs")),
    )
    op.create_table(
        "alert_mutes",
        sa.Column("team_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("official_key", sa.String(length=300), nullable=False),
        sa.Column("official_name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint(
            "team_id", "user_id", "official_key", name=op.f("pk_alert_mutes")
        ),
    )
    op.create_table(
        "alert_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("officials", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("batch_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_alert_items_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_items")),
        sa.UniqueConstraint("team_id", "user_id", "article_id", name=op.f("uq_alert_items_team_id")),
    )
    op.create_index(
        "ix_alert_items_pending", "alert_items", ["batch_at", "team_id", "user_id"], unique=False
    )
    op.create_table(
        "store_state",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_state")),
    )


def downgrade() -> None:
    op.drop_table("store_state")
    op.drop_index("ix_alert_items_pending", table_name="alert_items")
    op.drop_table("alert_items")
    op.drop_table("alert_mutes")
    op.drop_table("alert_prefs")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("flat")
        batch_op.drop_column("paused")
