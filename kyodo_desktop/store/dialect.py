"""SQLite or a server: the one place the store asks which, and what each writes differently.

The branch offices run on a SQLite file, the head office on PostgreSQL, on the same code
paths. What differs is decided here by the dialect of the connection at hand, so that the
rest of the store never spells out an engine's name: index hints, a Uuid written out in
plain SQL, the month of a date. (The SQLite file's backups and damage checks are in
`store/backup/`, the server's in `store/server/`; the search index has a form for each.)
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def name_of(bind: Any) -> str:
    """The dialect's name of a Session, Connection or Engine."""
    if hasattr(bind, "get_bind"):  # a Session
        bind = bind.get_bind()
    return str(bind.dialect.name)


def is_sqlite(bind: Any) -> bool:
    return name_of(bind) == SQLITE


def indexed_by(bind: Any, index: str) -> str:
    """`` INDEXED BY index`` on SQLite, which has no statistics to choose it; "" elsewhere.

    (SQLAlchemy's SQLite dialect ignores ``with_hint``, so the hint is written into the SQL.)
    """
    return f" INDEXED BY {index}" if is_sqlite(bind) else ""


def bound_uuid(bind: Any, value: uuid.UUID) -> object:
    """A Uuid as a written-out statement must bind it: 32 hex digits on SQLite (as SQLAlchemy
    stores it there), a uuid on a server."""
    return value.hex if is_sqlite(bind) else value


def month_of(bind: Any, column: str) -> str:
    """SQL for the ``YYYY-MM`` of a date column."""
    return f"substr({column}, 1, 7)" if is_sqlite(bind) else f"to_char({column}, 'YYYY-MM')"


def prefer_indexes(session: Any) -> None:
    """For the rest of a server transaction, read through an index rather than the table.

    PostgreSQL reckons a GIN search that matches a large part of a table dearer than reading
    the table, though reading it means unpacking every row's search document (seconds at a
    million) while the index answers a count without the table. SQLite names its index in
    the statement instead (`indexed_by`).
    """
    if name_of(session) == POSTGRESQL:
        session.execute(text("SET LOCAL enable_seqscan = off"))


def insert_new_only(bind: Any, table: Any) -> Any:
    """An INSERT that leaves a row whose key is already there as it is (no error)."""
    if is_sqlite(bind):
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.postgresql import insert as server_insert

    return server_insert(table).on_conflict_do_nothing()


def room_for_bulk_writes(connection: Any) -> None:
    """Before writing thousands of rows into indexed tables: a page cache of 128 MB on SQLite
    (its default, 2 MB, re-reads index pages from the file many times over). A server
    manages its own memory."""
    if is_sqlite(connection):
        connection.exec_driver_sql("PRAGMA cache_size = -131072")
