"""Is a server database sound? What PostgreSQL offers, read-only.

The connection, the schema's revision against this program's, the audit trail's triggers
and, when the ``amcheck`` extension is installed in the database (the IT staff's
``CREATE EXTENSION amcheck``), every B-tree index checked against its table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, text

from kyodo_desktop.store import migrate

APPEND_ONLY_TRIGGERS = {
    "audit_entry_append_only_delete",
    "audit_entry_append_only_update",
    "audit_entry_append_only_truncate",
}


@dataclass
class ServerCheck:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    indexes_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_server(engine: Engine) -> ServerCheck:
    result = ServerCheck()
    with engine.connect() as connection:
        revision = migrate.current_revision(connection)
        head = migrate.shipped_head()
        if revision != head:
            result.problems.append(
                f"スキーマのリビジョンが {revision or 'なし'} です（この協働デスクは {head}）。"
                "kyodo-admin migrate を実行してください。"
            )
        triggers = set(
            connection.execute(
                text(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass "
                    "AND NOT tgisinternal"
                )
            ).scalars()
        ) if revision else set()  # fmt: skip
        missing = APPEND_ONLY_TRIGGERS - triggers
        if revision and missing:
            result.problems.append(
                "監査ログを書き換えから守るトリガーがありません: " + "、".join(sorted(missing))
            )
        has_amcheck = connection.execute(
            text("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'")
        ).scalar()
        if not has_amcheck:
            result.notes.append(
                "amcheck 拡張がないため、索引の検査はしていません"
                "（サーバーで CREATE EXTENSION amcheck を実行すると検査します）。"
            )
            return result
        indexes = connection.execute(
            text(
                "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid"
            )
        ).all()
        for oid, name in indexes:
            try:
                connection.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
                result.indexes_checked += 1
            except Exception as error:  # the check's own report of a damaged index
                result.problems.append(f"索引 {name}: {str(error).splitlines()[0]}")
                connection.rollback()
    return result
