"""Indexes for the ward's figures (集計): each table read from an index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00

- ``ix_consultation_figures``: a period's live consultations with their office, channel and
  id (for their topics): the counts by office, month, channel and topic.
- ``ix_application_fy``: a 年度's applications by programme and step.
- ``ix_application_awards``: the awards of every 年度 with their projects (交付団体数の推移).
- ``ix_project_group_of``: a project's group, for those awards.
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_consultation_figures",
        "consultation",
        ["occurred_on", "office_id", "channel", "id", "deleted_at"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index("ix_application_fy", "application", ["fiscal_year", "programme_code", "status"])
    op.create_index(
        "ix_application_awards",
        "application",
        ["status", "fiscal_year", "programme_code", "project_id", "deleted_at"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index("ix_project_group_of", "project", ["id", "group_id"])


def downgrade() -> None:
    op.drop_index("ix_project_group_of", table_name="project")
    op.drop_index("ix_application_awards", table_name="application")
    op.drop_index("ix_application_fy", table_name="application")
    op.drop_index("ix_consultation_figures", table_name="consultation")
