"""The head office's server: an append-only audit trail and the search index in its form.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 22:00:00

On PostgreSQL only (a SQLite file has both since 0002 and 0003, in SQLite's own form):

- triggers refuse any DELETE of an audit entry and any UPDATE but a redaction, with the same
  rule as SQLite's (the database role the program uses should also hold no UPDATE or DELETE
  on ``audit_entry``: docs/server.md);
- ``consultation_search`` and ``civic_group_search``: each live row's tokens (its characters,
  pairs and runs of three) in a GIN-indexed ``text[]`` (store/search/server.py), filled here
  from the rows there.
"""

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

APPEND_ONLY = """
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
        RAISE EXCEPTION 'audit entries are never deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NOT (
        OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
        AND NEW.before IS NULL AND NEW.after IS NULL
        AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.office = OLD.office
        AND NEW.staff_id IS NOT DISTINCT FROM OLD.staff_id AND NEW.action = OLD.action
        AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
        AND NEW.payload_digest = OLD.payload_digest
        AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
    ) THEN
        RAISE EXCEPTION 'audit entries are append-only (only a redaction may change one)'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$
"""
TRIGGERS = (
    "CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    # TRUNCATE goes around row triggers: refused as well.
    "CREATE TRIGGER audit_entry_append_only_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
)
SEARCH = (
    # The tokens are kept out of the table's pages (toast_tuple_target, EXTERNAL): a count
    # visits each matching row but never reads its tokens, so the pages are few and small.
    "CREATE TABLE consultation_search (consultation_id uuid PRIMARY KEY, "
    "occurred_on date NOT NULL, office_id uuid NOT NULL, tokens text[] NOT NULL) "
    "WITH (toast_tuple_target = 128)",
    "ALTER TABLE consultation_search ALTER COLUMN tokens SET STORAGE EXTERNAL",
    "CREATE INDEX ix_consultation_search_tokens ON consultation_search USING gin (tokens)",
    "CREATE TABLE civic_group_search (group_id uuid PRIMARY KEY, tokens text[] NOT NULL)",
    "CREATE INDEX ix_civic_group_search_tokens ON civic_group_search USING gin (tokens)",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(APPEND_ONLY)
    for statement in (*TRIGGERS, *SEARCH):
        op.execute(statement)
    from kyodo_desktop.store.search import server

    server.rebuild(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS civic_group_search")
    op.execute("DROP TABLE IF EXISTS consultation_search")
    for name in ("delete", "update", "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_entry_append_only_{name} ON audit_entry")
    op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
