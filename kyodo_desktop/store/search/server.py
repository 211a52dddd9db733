"""The search index on the server: the same bigram tokens as SQLite's, in a GIN-indexed tsvector.

Each live consultation's folded memo (``text_key``) and its group's folded name become the
bigram tokens of `store/search/index.py` (the hex of two code points), in a ``tsvector`` of
the ``simple`` configuration with a separator between the two texts, so that a phrase never
runs from one into the other. A typed text of two or more characters is the phrase of its
bigrams (``<->``: consecutive positions, exactly a substring); one character is a prefix
query on its code. The tokens are made here from code points, never from what was typed, so
nothing typed can reach the query's syntax. Tombstoned rows are not indexed.

The tables are the server's alone (migration 0008 makes them on PostgreSQL only); the ORM's
flushes keep them (store/search/index.install calls `follow`), bulk writes call `rebuild`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, text

from kyodo_desktop.rules import search_key
from kyodo_desktop.store.search.tokens import code, tokens

CONSULTATIONS = "consultation_search"
GROUPS = "civic_group_search"
SEPARATOR = "z"  # between the memo's tokens and the group's: never a token, never typed
BATCH = 5000

_CONSULTATION_DOCS = """
SELECT c.id, c.occurred_on, c.office_id, c.text_key, g.name_key FROM consultation c
LEFT JOIN civic_group g ON g.id = c.group_id AND g.deleted_at IS NULL
WHERE c.deleted_at IS NULL AND {where}
"""
_GROUP_DOCS = "SELECT id, name_key FROM civic_group WHERE deleted_at IS NULL AND {where}"


def query(typed: str) -> str | None:
    """The tsquery (to_tsquery('simple', ...)) for a substring, or None when nothing is left."""
    key = search_key(typed)
    if not key:
        return None
    codes = [code(c) for c in key]
    if len(codes) == 1:
        return f"{codes[0]}:*"
    return " <-> ".join(a + b for a, b in pairwise(codes))


def _consultation_row(row: Any) -> dict[str, Any]:
    consultation_id, occurred_on, office_id, memo, group = row
    document = f"{tokens(memo or '')} {SEPARATOR} {tokens(group or '')}"
    return {"id": consultation_id, "day": occurred_on, "office": office_id, "doc": document}


def _group_row(row: Any) -> dict[str, Any]:
    return {"id": row[0], "doc": tokens(row[1] or "")}


def _write_consultations(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {CONSULTATIONS} (consultation_id, occurred_on, office_id, document) "
                "VALUES (:id, :day, :office, to_tsvector('simple', :doc)) "
                "ON CONFLICT (consultation_id) DO UPDATE SET occurred_on = excluded.occurred_on, "
                "office_id = excluded.office_id, document = excluded.document"
            ),
            rows,
        )


def _write_groups(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {GROUPS} (group_id, document) "
                "VALUES (:id, to_tsvector('simple', :doc)) "
                "ON CONFLICT (group_id) DO UPDATE SET document = excluded.document"
            ),
            rows,
        )


def follow(connection: Connection, consultations: Iterable[Any], groups: Iterable[Any]) -> None:
    """Index again the consultations and groups a flush touched (ids), and a touched group's
    consultations (they carry its name); drop what is no longer live."""
    consultation_ids = list(dict.fromkeys(consultations))
    group_ids = list(dict.fromkeys(groups))
    if not (consultation_ids or group_ids):
        return
    rows: dict[Any, dict[str, Any]] = {}
    if consultation_ids:
        connection.execute(
            text(f"DELETE FROM {CONSULTATIONS} WHERE consultation_id = ANY(:ids)"),
            {"ids": consultation_ids},
        )
        found = connection.execute(
            text(_CONSULTATION_DOCS.format(where="c.id = ANY(:ids)")), {"ids": consultation_ids}
        )
        rows.update((r["id"], r) for r in map(_consultation_row, found))
    if group_ids:
        connection.execute(
            text(f"DELETE FROM {GROUPS} WHERE group_id = ANY(:ids)"), {"ids": group_ids}
        )
        found = connection.execute(
            text(_GROUP_DOCS.format(where="id = ANY(:ids)")), {"ids": group_ids}
        )
        _write_groups(connection, [_group_row(r) for r in found])
        found = connection.execute(
            text(_CONSULTATION_DOCS.format(where="c.group_id = ANY(:ids)")), {"ids": group_ids}
        )
        rows.update((r["id"], r) for r in map(_consultation_row, found))
    _write_consultations(connection, list(rows.values()))


def rebuild(connection: Connection) -> None:
    """Index every live row again (after rows were written with Core)."""
    connection.execute(text(f"TRUNCATE {CONSULTATIONS}, {GROUPS}"))
    for sql, make, write in (
        (_CONSULTATION_DOCS.format(where="true"), _consultation_row, _write_consultations),
        (_GROUP_DOCS.format(where="true"), _group_row, _write_groups),
    ):
        result = connection.execute(text(sql).execution_options(yield_per=BATCH))
        for part in result.partitions():
            write(connection, [make(row) for row in part])
