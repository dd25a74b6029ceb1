"""facts keep what the extractor decided: confidence, date precision, text form

Revision ID: 0016_fact_confidence
Revises: h12_alerts
Create Date: 2026-12-06 09:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_fact_confidence"
down_revision = "h12_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as b:
        b.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        b.add_column(sa.Column("date_precision", sa.String(length=16), nullable=True))
    with op.batch_alter_table("agreements", schema=None) as b:
        b.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        b.add_column(sa.Column("text_form", sa.String(length=8), nullable=True))
    with op.batch_alter_table("stops", schema=None) as b:
        b.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        b.add_column(sa.Column("date_precision", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stops", schema=None) as b:
        b.drop_column("date_precision")
        b.drop_column("confidence")
    with op.batch_alter_table("agreements", schema=None) as b:
        b.drop_column("text_form")
        b.drop_column("confidence")
    with op.batch_alter_table("meetings", schema=None) as b:
        b.drop_column("date_precision")
        b.drop_column("confidence")
