"""bounded work: articles.truncated_from

Revision ID: 0015a_bounded_work
Revises: 0001
Create Date: 2026-12-06 08:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015a_bounded_work"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("truncated_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("truncated_from")
