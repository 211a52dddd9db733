"""A consultation keeps a copy of its topics' codes, so the figures count them from an index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:45:00

- ``consultation.topic_codes``: the codes of its topics, comma-separated and sorted (the
  service keeps it with ``consultation_topic``); filled here from the pairs.
- ``ix_consultation_figures`` holds it instead of the id: a 年度's consultations by office and
  topic no longer look each one's topics up (bench figures_year).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("consultation") as batch:
        batch.add_column(sa.Column("topic_codes", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "sqlite":
        # group_concat's order is not defined: the codes are sorted by a subquery first.
        op.execute(
            "UPDATE consultation SET topic_codes = coalesce(("
            "SELECT group_concat(code, ',') FROM ("
            "SELECT topic.code AS code FROM consultation_topic "
            "JOIN topic ON topic.id = consultation_topic.topic_id "
            "WHERE consultation_topic.consultation_id = consultation.id ORDER BY topic.code)"
            "), '')"
        )
    else:
        op.execute(
            "UPDATE consultation SET topic_codes = coalesce(("
            "SELECT string_agg(topic.code, ',' ORDER BY topic.code) FROM consultation_topic "
            "JOIN topic ON topic.id = consultation_topic.topic_id "
            "WHERE consultation_topic.consultation_id = consultation.id), '')"
        )
    op.drop_index("ix_consultation_figures", table_name="consultation")
    op.create_index(
        "ix_consultation_figures",
        "consultation",
        ["occurred_on", "office_id", "channel", "topic_codes", "deleted_at"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("ix_consultation_figures", table_name="consultation")
    op.create_index(
        "ix_consultation_figures",
        "consultation",
        ["occurred_on", "office_id", "channel", "id", "deleted_at"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    with op.batch_alter_table("consultation") as batch:
        batch.drop_column("topic_codes")
