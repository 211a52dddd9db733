"""The exchange between the branches and the head office: change numbers and what is known.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 01:10:00

- every business row gets ``rev_office``/``rev_seq`` (which change its content is: the
  office that made it and that office's own number), ``base_office``/``base_seq`` (the
  change it was made from, as last agreed with the head office) and ``local_seq`` (this
  database's number for when it last changed here, indexed: a file starts after one).
  Rows written before are left unstamped (NULL); a send stamps them first.
- ``exchange_clock`` (this database's own numbering), ``exchange_peer`` (what is known of
  each other office), ``exchange_revision`` (versions as they travelled: a merge's base),
  ``exchange_conflict`` (the 競合 list), ``exchange_review`` (the 要確認 list: awards that
  break a rule once every office's are counted), ``exchange_file`` (files received),
  ``exchange_audit`` (other offices' audit chains as they arrived).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

MERGEABLE = (
    "office",
    "department",
    "programme",
    "topic",
    "person",
    "staff",
    "civic_group",
    "project",
    "application",
    "application_step",
    "application_month",
    "budget_line",
    "support_case",
    "case_event",
    "consultation",
)


def upgrade() -> None:
    for table in MERGEABLE:
        op.add_column(table, sa.Column("rev_office", sa.String(2), nullable=True))
        op.add_column(table, sa.Column("rev_seq", sa.BigInteger(), nullable=True))
        op.add_column(table, sa.Column("base_office", sa.String(2), nullable=True))
        op.add_column(table, sa.Column("base_seq", sa.BigInteger(), nullable=True))
        op.add_column(table, sa.Column("local_seq", sa.BigInteger(), nullable=True))
        op.create_index(f"ix_{table}_local_seq", table, ["local_seq"])
    op.create_table(
        "exchange_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office", sa.String(2), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_clock"),
    )
    op.create_table(
        "exchange_peer",
        sa.Column("office", sa.String(2), nullable=False),
        sa.Column("applied_seq", sa.BigInteger(), nullable=False),
        sa.Column("confirmed_seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_applied", sa.BigInteger(), nullable=False),
        sa.Column("audit_confirmed", sa.BigInteger(), nullable=False),
        sa.Column("audit_head", sa.String(64), nullable=True),
        sa.Column("audit_break", sa.Text(), nullable=True),
        sa.Column("last_received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("office", name="pk_exchange_peer"),
    )
    op.create_table(
        "exchange_revision",
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("rev_office", sa.String(2), nullable=False),
        sa.Column("rev_seq", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "table_name", "row_id", "rev_office", "rev_seq", name="pk_exchange_revision"
        ),
    )
    op.create_table(
        "exchange_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("from_office", sa.String(2), nullable=False),
        sa.Column("their_rev_office", sa.String(2), nullable=False),
        sa.Column("their_rev_seq", sa.BigInteger(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("ours", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_conflict"),
    )
    op.create_index("ix_exchange_conflict_row_id", "exchange_conflict", ["row_id"])
    op.create_table(
        "exchange_review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("programme_code", sa.String(16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("records", sa.Text(), nullable=False),
        sa.Column("offices", sa.String(120), nullable=False),
        sa.Column("file_id", sa.String(64), nullable=True),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_review"),
    )
    op.create_index("ix_exchange_review_application_id", "exchange_review", ["application_id"])
    op.create_table(
        "exchange_file",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.String(64), nullable=False),
        sa.Column("from_office", sa.String(2), nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("digest", sa.String(64), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_file"),
    )
    op.create_index("ix_exchange_file_file_id", "exchange_file", ["file_id"])
    op.create_index("ix_exchange_file_digest", "exchange_file", ["digest"])
    op.create_table(
        "exchange_audit",
        sa.Column("office", sa.String(2), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_office", sa.String(2), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("payload_digest", sa.String(64), nullable=False),
        sa.Column("redacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("office", "seq", name="pk_exchange_audit"),
    )


def downgrade() -> None:
    for name in (
        "exchange_audit",
        "exchange_file",
        "exchange_review",
        "exchange_conflict",
        "exchange_revision",
    ):
        op.drop_table(name)
    op.drop_table("exchange_peer")
    op.drop_table("exchange_clock")
    for table in MERGEABLE:
        op.drop_index(f"ix_{table}_local_seq", table_name=table)
        for column in ("local_seq", "base_seq", "base_office", "rev_seq", "rev_office"):
            with op.batch_alter_table(table) as batch:
                batch.drop_column(column)
