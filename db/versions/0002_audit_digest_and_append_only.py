"""Audit entries carry a payload digest, may be redacted, and are append-only.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 14:31:02

The chain hash covers a digest of each entry's before/after, so a person's details can be
redacted at the end of their retention period without breaking the chain. On SQLite,
triggers refuse any DELETE and any UPDATE but that redaction. (A later batch migration of
audit_entry rebuilds the table: it must create these triggers again.)
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

NO_DELETE = """
CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END
"""
NO_UPDATE = """
CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
WHEN NOT (
    OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
    AND NEW.before IS NULL AND NEW.after IS NULL
    AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.office = OLD.office
    AND NEW.staff_id IS OLD.staff_id AND NEW.action = OLD.action AND NEW.entity = OLD.entity
    AND NEW.entity_id = OLD.entity_id AND NEW.payload_digest = OLD.payload_digest
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
)
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only (only a redaction may change one)'); END
"""


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payload_digest", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("redacted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_entity"), ["entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_staff_id"), ["staff_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(NO_DELETE)
        op.execute(NO_UPDATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only_delete")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_staff_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_column("redacted_at")
        batch_op.drop_column("payload_digest")
