"""An application keeps its project's group, so the figures count groups from one index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:00:00

- ``application.group_id``: the project's group (a project never changes group), filled
  here from the projects and written by the service from now on.
- ``ix_application_awarded_groups`` replaces ``ix_application_awards`` and
  ``ix_project_group_of``: the live awards by programme, 年度, group, office and project, so the
  groups funded in every 年度 (交付団体数の推移) and over the paper's spans are read without
  the projects (bench figures_year).

The index's condition is written out with the awarded steps of this revision: a query
must name them in the same words to use it (store/applications.AWARDED_SQL; a test keeps
the two equal).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

AWARDED = (
    "deleted_at IS NULL AND status IN ('decided', 'change_approved', 'reported', "
    "'confirmed', 'claimed', 'paid', 'advance_paid', 'settled', 'refunded')"
)


def _recreate() -> str:
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    op.drop_index("ix_application_awards", table_name="application")
    op.drop_index("ix_project_group_of", table_name="project")
    op.add_column("application", sa.Column("group_id", sa.Uuid(), nullable=True))
    op.execute(
        "UPDATE application SET group_id = "
        "(SELECT project.group_id FROM project WHERE project.id = application.project_id)"
    )
    # SQLite cannot make a column NOT NULL or add a foreign key in place: the table is
    # copied (its plain indexes come along; the partial one is made after). A server alters.
    with op.batch_alter_table("application", recreate=_recreate()) as batch:
        batch.alter_column("group_id", existing_type=sa.Uuid(), nullable=False)
        batch.create_foreign_key(
            "fk_application_group_id_civic_group", "civic_group", ["group_id"], ["id"]
        )
    op.create_index(
        "ix_application_awarded_groups",
        "application",
        [
            "programme_code",
            "fiscal_year",
            "group_id",
            "office_id",
            "project_id",
            "status",
            "deleted_at",
        ],
        sqlite_where=sa.text(AWARDED),
        postgresql_where=sa.text(AWARDED),
    )


def downgrade() -> None:
    op.drop_index("ix_application_awarded_groups", table_name="application")
    with op.batch_alter_table("application", recreate=_recreate()) as batch:
        batch.drop_constraint("fk_application_group_id_civic_group", type_="foreignkey")
        batch.drop_column("group_id")
    op.create_index("ix_project_group_of", "project", ["id", "group_id"])
    op.create_index(
        "ix_application_awards",
        "application",
        ["status", "fiscal_year", "programme_code", "project_id", "deleted_at"],
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
