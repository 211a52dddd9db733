"""Search that stays instant at a million rows: FTS5 bigram tables, indexes of live rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 17:50:00

On SQLite, contentless FTS5 tables hold the bigram tokens of each live consultation's
``text_key`` and each live group's ``name_key`` (store/search_index.py), filled here from
the rows already there. The lists' newest-first order gets indexes of live rows only (for
the whole ward, one office, one officer, one channel), so that their count reads only the
index and a page needs no sort; the follow-ups due come from an index of the pending ones,
by due day; a topic's consultations from an index of the pairs by topic, and its count
subtracts the tombstoned ones (an index of those few rows).
"""

import sqlalchemy as sa
from alembic import op

from kyodo_desktop.store.search import index as search_index

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

LIVE = sa.text("deleted_at IS NULL")
PENDING = sa.text("deleted_at IS NULL AND follow_up_done IS 0")
PENDING_ON_SERVER = sa.text("deleted_at IS NULL AND follow_up_done IS false")  # PostgreSQL
# The filters by officer and by channel (ward-wide and of one office), newest first.
NEWEST_BY = {
    "ix_consultation_staff_newest": ["staff_id"],
    "ix_consultation_channel_newest": ["channel"],
    "ix_consultation_office_channel_newest": ["office_id", "channel"],
}
# The day's follow-ups (few rows: only the pending ones), ward-wide and for one office.
FOLLOW_UPS = {
    "ix_consultation_follow_up": [],
    "ix_consultation_office_follow_up": ["office_id"],
}


def upgrade() -> None:
    op.drop_index("ix_consultation_occurred_on", table_name="consultation")
    op.drop_index("ix_consultation_office_date", table_name="consultation")
    op.create_index(
        "ix_consultation_newest",
        "consultation",
        ["occurred_on", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index(
        "ix_consultation_office_newest",
        "consultation",
        ["office_id", "occurred_on", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    for name, columns in NEWEST_BY.items():
        op.create_index(
            name,
            "consultation",
            [*columns, "occurred_on", "id"],
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )
    op.drop_index("ix_consultation_follow_up", table_name="consultation")
    for name, columns in FOLLOW_UPS.items():
        op.create_index(
            name,
            "consultation",
            [*columns, "follow_up_on", "occurred_on", "id"],
            sqlite_where=PENDING,
            postgresql_where=PENDING_ON_SERVER,
        )
    op.create_index(
        "ix_consultation_topic_topic", "consultation_topic", ["topic_id", "consultation_id"]
    )
    op.create_index(
        "ix_consultation_tombstoned",
        "consultation",
        ["id"],
        sqlite_where=sa.text("deleted_at IS NOT NULL"),
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        "ix_civic_group_reading",
        "civic_group",
        ["name_kana", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    bind = op.get_bind()
    if search_index.available(bind):
        for table in search_index.TABLES:
            op.execute(table.create_sql())
        search_index.rebuild(bind)


def downgrade() -> None:
    if search_index.available(op.get_bind()):
        for table in search_index.TABLES:
            op.execute(f"DROP TABLE IF EXISTS {table.name}")
    op.drop_index("ix_civic_group_reading", table_name="civic_group")
    op.drop_index("ix_consultation_tombstoned", table_name="consultation")
    op.drop_index("ix_consultation_topic_topic", table_name="consultation_topic")
    for name in FOLLOW_UPS:
        op.drop_index(name, table_name="consultation")
    op.create_index("ix_consultation_follow_up", "consultation", ["follow_up_on"])
    for name in NEWEST_BY:
        op.drop_index(name, table_name="consultation")
    op.drop_index("ix_consultation_office_newest", table_name="consultation")
    op.drop_index("ix_consultation_newest", table_name="consultation")
    op.create_index("ix_consultation_office_date", "consultation", ["office_id", "occurred_on"])
    op.create_index("ix_consultation_occurred_on", "consultation", ["occurred_on"])
