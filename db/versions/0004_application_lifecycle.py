"""Applications through their whole life: overrides per step, 所管課, budget and actual months.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:50:00

- ``project.department_id``: ④'s 所管課, set per project.
- ``application.override_staff_id`` / ``override_on``: who overrode the rules last, and when
  (``override_reason`` was there already); each step keeps its own reason and the rules'
  reasons it overrode (``application_step.override_reason`` / ``overridden_reasons``).
- ``application_step.staff_id`` may be empty: a step the program itself recorded (the ① round
  run from kyodo-admin).
- ``application_month.stage``: the ⑤ months as planned (budget) and as reported (actual);
  going down drops the reported months, which the older schema cannot tell apart.
- ``budget_line.position``: the order of a 収支 form's lines as written.
- ``case_event.application_id``: a case entry about an application.
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("department_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            "fk_project_department_id_department", "department", ["department_id"], ["id"]
        )
    with op.batch_alter_table("application") as batch:
        batch.add_column(sa.Column("override_staff_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("override_on", sa.Date(), nullable=True))
        batch.create_foreign_key(
            "fk_application_override_staff_id_staff", "staff", ["override_staff_id"], ["id"]
        )
    with op.batch_alter_table("application_step") as batch:
        batch.alter_column("staff_id", existing_type=sa.Uuid(), nullable=True)
        batch.add_column(sa.Column("override_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("overridden_reasons", sa.Text(), nullable=True))
    with op.batch_alter_table("application_month") as batch:
        batch.add_column(
            sa.Column("stage", sa.String(length=8), nullable=False, server_default="budget")
        )
    with op.batch_alter_table("budget_line") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("case_event") as batch:
        batch.add_column(sa.Column("application_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            "fk_case_event_application_id_application", "application", ["application_id"], ["id"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM application_month WHERE stage = 'actual'")
    with op.batch_alter_table("case_event") as batch:
        batch.drop_constraint("fk_case_event_application_id_application", type_="foreignkey")
        batch.drop_column("application_id")
    with op.batch_alter_table("budget_line") as batch:
        batch.drop_column("position")
    with op.batch_alter_table("application_month") as batch:
        batch.drop_column("stage")
    with op.batch_alter_table("application_step") as batch:
        batch.alter_column("staff_id", existing_type=sa.Uuid(), nullable=False)
        batch.drop_column("overridden_reasons")
        batch.drop_column("override_reason")
    with op.batch_alter_table("application") as batch:
        batch.drop_constraint("fk_application_override_staff_id_staff", type_="foreignkey")
        batch.drop_column("override_on")
        batch.drop_column("override_staff_id")
    with op.batch_alter_table("project") as batch:
        batch.drop_constraint("fk_project_department_id_department", type_="foreignkey")
        batch.drop_column("department_id")
