"""indexes that keep reads flat as the store grows (issue 14)

- articles (ingested_at, id) replaces (ingested_at): newest first with no sort;
- officials (last_seen): the officials-index signature is an index lookup;
- meeting_participants / agreement_parties (official_id, fact id) replace
  (official_id): an official's facts and their count from the index alone.

Revision ID: h14_scale_indexes
Revises: 0015a_bounded_work
Create Date: 2026-12-06 08:45:00
"""

from alembic import op

revision = "h14_scale_indexes"
down_revision = "0015a_bounded_work"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_ingested_at_id", "articles", ["ingested_at", "id"])
    op.drop_index("ix_articles_ingested_at", table_name="articles")
    op.create_index("ix_officials_last_seen", "officials", ["last_seen"])
    op.create_index(
        "ix_meeting_participants_official_meeting",
        "meeting_participants",
        ["official_id", "meeting_id"],
    )
    op.drop_index("ix_meeting_participants_official_id", table_name="meeting_participants")
    op.create_index(
        "ix_agreement_parties_official_agreement",
        "agreement_parties",
        ["official_id", "agreement_id"],
    )
    op.drop_index("ix_agreement_parties_official_id", table_name="agreement_parties")


def downgrade() -> None:
    op.create_index("ix_agreement_parties_official_id", "agreement_parties", ["official_id"])
    op.drop_index("ix_agreement_parties_official_agreement", table_name="agreement_parties")
    op.create_index(
        "ix_meeting_participants_official_id", "meeting_participants", ["official_id"]
    )
    op.drop_index(
        "ix_meeting_participants_official_meeting", table_name="meeting_participants"
    )
    op.drop_index("ix_officials_last_seen", table_name="officials")
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])
    op.drop_index("ix_articles_ingested_at_id", table_name="articles")
