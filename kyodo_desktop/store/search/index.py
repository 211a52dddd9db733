"""Substring search that stays instant at a million rows: SQLite FTS5 over bigrams of the keys.

A LIKE '%key%' reads every row. Here each folded key is also written to a contentless FTS5
table as the sequence of its overlapping two-character pieces, each spelled as a fixed-width
ASCII token (the hex of both code points), with an end marker so that the last character
starts a piece too. A query of n >= 2 characters is then the FTS5 *phrase* of its n-1
pieces (pieces at consecutive positions: exactly a substring), and one character is a
prefix query on its code, answered by the table's prefix index. The tokens are always made
here from code points, never from what was typed, so quotes, operators or SQL typed into a
search box are only characters.

`consultation_search` holds, per live consultation, the memo key (``text_key``), its group's
name key and an office token, and its rowid is ``day << 32 | consultation rowid``: FTS5
walks its rowids in order, so newest-first is the index's own order (a page stops after
its rows), a period is a rowid range, and an office is one more term (a count reads only
the index). `civic_group_search` holds each live group's ``name_key`` under its rowid.

Tombstoned rows are never indexed. The index follows every flush of the ORM (`install`,
like the audit trail) by comparing what is stored before and after; bulk writes with Core
(the demo, a migration, the bench) call `rebuild`. The tables' own rowids are used, which
only VACUUM could renumber (nothing runs one; after a VACUUM call `rebuild`). Databases
other than SQLite keep the same tokens in a form of their own (store/search/server.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, event

from kyodo_desktop.rules import search_key
from kyodo_desktop.store.dialect import POSTGRESQL, is_sqlite, name_of
from kyodo_desktop.store.search.tokens import WIDTH, code, tokens

DAY_SHIFT = 32  # consultation_search.rowid = day << 32 | consultation.rowid
ROWID_MASK = (1 << DAY_SHIFT) - 1
BATCH = 5000  # rows per executemany while rebuilding


@dataclass(frozen=True)
class SearchTable:
    """An FTS5 table of bigram tokens."""

    name: str
    columns: tuple[str, ...]

    def create_sql(self) -> str:
        # content='': the tokens are not stored twice; columnsize=0: no ranking is needed.
        return (
            f"CREATE VIRTUAL TABLE {self.name} USING fts5({', '.join(self.columns)}, "
            f"content='', columnsize=0, tokenize='ascii', prefix='{WIDTH}')"
        )


CONSULTATIONS = SearchTable("consultation_search", ("memo", "grp", "office"))
GROUPS = SearchTable("civic_group_search", ("name",))
TABLES = (CONSULTATIONS, GROUPS)


def phrase(typed: str) -> str | None:
    """The FTS5 query for a substring of the folded text, or None when nothing is left."""
    key = search_key(typed)
    if not key:
        return None
    codes = [code(c) for c in key]
    if len(codes) == 1:
        return f'"{codes[0]}"*'
    return '"' + " ".join(a + b for a, b in pairwise(codes)) + '"'


def office_token(office_id: Any) -> str:
    """The office's term: 'o' and the 32 hex digits of its id (as SQLite stores it)."""
    hex_id = office_id.hex if hasattr(office_id, "hex") else str(office_id).replace("-", "")
    return "o" + hex_id.lower()


def day_rowid(day: date | str) -> int:
    """The first consultation_search rowid of a day."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return day.toordinal() << DAY_SHIFT


def available(connection: Connection) -> bool:
    """SQLite's FTS5 tables are there (the server has its own form: store/search/server.py)."""
    return is_sqlite(connection)


# --- what is indexed for a stored row --------------------------------------------------

# One consultation as indexed: its search rowid and the text of each column, or nothing.
_CONSULTATION_DOCS = """
SELECT c.rowid, c.occurred_on, c.text_key, c.office_id, g.name_key FROM consultation c
LEFT JOIN civic_group g ON g.id = c.group_id AND g.deleted_at IS NULL
WHERE c.deleted_at IS NULL AND {where}
"""
_GROUP_DOCS = "SELECT rowid, name_key FROM civic_group WHERE deleted_at IS NULL AND {where}"

Doc = tuple[int, tuple[str, ...]]


def _consultation_doc(row: Any) -> Doc:
    rowid, occurred_on, text_key, office_id, group_key = row
    fields = (tokens(text_key or ""), tokens(group_key or ""), office_token(office_id))
    return day_rowid(occurred_on) | rowid, fields


def _group_doc(row: Any) -> Doc:
    return row[0], (tokens(row[1] or ""),)


def _docs(connection: Connection, sql: str, params: tuple, make: Any) -> Iterable[Doc]:
    return [make(row) for row in connection.exec_driver_sql(sql, params)]


def _add(connection: Connection, table: SearchTable, docs: Iterable[Doc]) -> None:
    # In rowid order: FTS5 appends to its segments rather than inserting into them.
    rows = sorted((rowid, *fields) for rowid, fields in docs)
    if rows:
        marks = ", ".join("?" * (len(table.columns) + 1))
        connection.exec_driver_sql(
            f"INSERT INTO {table.name}(rowid, {', '.join(table.columns)}) VALUES ({marks})", rows
        )


def _remove(connection: Connection, table: SearchTable, docs: Iterable[Doc]) -> None:
    # A contentless table forgets a row only when told the tokens it was given.
    rows = [(rowid, *fields) for rowid, fields in docs]
    if rows:
        marks = ", ".join("?" * (len(table.columns) + 1))
        connection.exec_driver_sql(
            f"INSERT INTO {table.name}({table.name}, rowid, {', '.join(table.columns)}) "
            f"VALUES ('delete', {marks})",
            rows,
        )


# --- keeping the index up to date through the ORM --------------------------------------

_BEFORE = "kyodo.search_index_before"


def install(factory: Any) -> None:
    """Keep the search tables in step with every flush of sessions made by this factory."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)


@dataclass
class _Touched:
    """Which rows a flush may change, and how they were indexed before it."""

    consultations: list[str]  # ids as stored (32 hex digits)
    groups: list[str]
    consultation_docs: dict[int, Doc]  # by consultation rowid
    group_docs: dict[int, Doc]


def _stored_id(obj: Any) -> str:
    return obj.id.hex


def _touched(session: Any) -> tuple[list[str], list[str]]:
    consultations, groups = [], []
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table == "consultation" and obj.id is not None:
            consultations.append(_stored_id(obj))
        elif table == "civic_group" and obj.id is not None:
            groups.append(_stored_id(obj))
    return consultations, groups


def _snapshot(connection: Connection, consultations: list[str], groups: list[str]) -> Any:
    """How the touched rows are indexed now: by consultation rowid, and by group rowid."""
    consultation_docs: dict[int, Doc] = {}
    group_docs: dict[int, Doc] = {}
    for start in range(0, len(consultations), 500):
        ids = tuple(consultations[start : start + 500])
        sql = _CONSULTATION_DOCS.format(where=f"c.id IN ({', '.join('?' * len(ids))})")
        for doc in _docs(connection, sql, ids, _consultation_doc):
            consultation_docs[doc[0] & ROWID_MASK] = doc
    for group_id in groups:
        # A group's consultations carry its name: they follow a rename or a tombstone.
        sql = _CONSULTATION_DOCS.format(where="c.group_id = ?")
        for doc in _docs(connection, sql, (group_id,), _consultation_doc):
            consultation_docs[doc[0] & ROWID_MASK] = doc
        for doc in _docs(connection, _GROUP_DOCS.format(where="id = ?"), (group_id,), _group_doc):
            group_docs[doc[0]] = doc
    return consultation_docs, group_docs


def _before_flush(session: Any, _context: Any, _instances: Any) -> None:
    session.info.pop(_BEFORE, None)  # one flush's worth: a failed flush leaves nothing behind
    consultations, groups = _touched(session)
    if consultations or groups:
        session.info[_BEFORE] = before_writing(session.connection(), consultations, groups)


def _after_flush(session: Any, _context: Any) -> None:
    touched: _Touched | None = session.info.pop(_BEFORE, None)
    consultations, groups = _touched(session)
    if touched is not None:
        consultations = list(dict.fromkeys(touched.consultations + consultations))
        groups = list(dict.fromkeys(touched.groups + groups))
    if consultations or groups:
        after_writing(session.connection(), _Touched(consultations, groups, *_old(touched)))


def _old(touched: _Touched | None) -> tuple[dict[int, Doc], dict[int, Doc]]:
    return (touched.consultation_docs, touched.group_docs) if touched else ({}, {})


def before_writing(connection: Connection, consultations: list[str], groups: list[str]) -> _Touched:
    """How the rows about to be written with Core are indexed now (ids as 32 hex digits);
    give the answer to `after_writing` once they are written."""
    if not available(connection):
        return _Touched(consultations, groups, {}, {})
    return _Touched(consultations, groups, *_snapshot(connection, consultations, groups))


def after_writing(connection: Connection, touched: _Touched) -> None:
    """Index again the rows `before_writing` was told of (a rename reaches its consultations)."""
    consultations, groups = touched.consultations, touched.groups
    if not (consultations or groups):
        return
    if not available(connection):
        if name_of(connection) == POSTGRESQL:
            from kyodo_desktop.store.search import server

            server.follow(connection, map(uuid.UUID, consultations), map(uuid.UUID, groups))
        return
    new_consultations, new_groups = _snapshot(connection, consultations, groups)
    _apply(connection, CONSULTATIONS, touched.consultation_docs, new_consultations)
    _apply(connection, GROUPS, touched.group_docs, new_groups)


def _apply(
    connection: Connection, table: SearchTable, old: dict[int, Doc], new: dict[int, Doc]
) -> None:
    changed = [key for key in old.keys() | new.keys() if old.get(key) != new.get(key)]
    _remove(connection, table, [old[key] for key in changed if key in old])
    _add(connection, table, [new[key] for key in changed if key in new])


# --- rebuilding after bulk writes ------------------------------------------------------


def rebuild(connection: Connection) -> None:
    """Index every live row again (after rows were written with Core, or a VACUUM)."""
    if not available(connection):
        if name_of(connection) == POSTGRESQL:
            from kyodo_desktop.store.search import server

            server.rebuild(connection)
        return
    for table, sql, make in (
        (CONSULTATIONS, _CONSULTATION_DOCS.format(where="1"), _consultation_doc),
        (GROUPS, _GROUP_DOCS.format(where="1"), _group_doc),
    ):
        connection.exec_driver_sql(f"INSERT INTO {table.name}({table.name}) VALUES ('delete-all')")
        rows = connection.exec_driver_sql(sql)
        while batch := rows.fetchmany(BATCH):
            _add(connection, table, [make(row) for row in batch])


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic's ``include_name``: the FTS5 tables and their shadow tables are no model."""
    if type_ != "table" or name is None:
        return True
    return not any(name == t.name or name.startswith(t.name + "_") for t in TABLES)
