"""The search index on the server: the same tokens as SQLite's, in a GIN-indexed array.

Each live consultation's document holds the tokens of its folded memo (``text_key``) and of
its group's folded name: every character (the hex of its code point), every pair of
characters (the hex of two, as on SQLite; the last pairs with an end marker) and every run of
three. A typed text is then answered by the index alone, exactly: one character is a
character's token, two are a pair, three a run of three. Four or more are every run of three they hold (the index's
candidates), then the text itself is checked (LIKE) on the candidates. An array's
containment is exact in a GIN index (no row is checked again), and the tokens are kept out of
the table's pages, so a count visits small rows only. The tokens are made from code points,
never from what was typed, so nothing typed reaches the query's syntax. Tombstoned rows
are not indexed; each document also holds its consultation's day and office, so a count
of a search in a period and an office reads this table alone.

The tables are the server's (migration 0008 makes them on PostgreSQL only); the ORM's
flushes keep them (store/search/index.install calls `follow`), bulk writes call `rebuild`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from kyodo_desktop.rules import search_key
from kyodo_desktop.store.search.tokens import code, tokens

CONSULTATIONS = "consultation_search"
GROUPS = "civic_group_search"
# How many live consultations hold each token in each month (migration 0010): a frequent
# word's count is a sum of a few hundred numbers, not a visit to 150,000 rows.
COUNTS = "consultation_search_count"
BATCH = 5000

_CONSULTATION_DOCS = """
SELECT c.id, c.occurred_on, c.office_id, c.text_key, g.name_key FROM consultation c
LEFT JOIN civic_group g ON g.id = c.group_id AND g.deleted_at IS NULL
WHERE c.deleted_at IS NULL AND {where}
"""
_GROUP_DOCS = "SELECT id, name_key FROM civic_group WHERE deleted_at IS NULL AND {where}"


@dataclass(frozen=True)
class Query:
    """A typed text as the index answers it: the tokens a row must hold, and whether the
    rows found must still be checked for the text itself (four characters or more)."""

    tokens: tuple[str, ...]
    exact: bool


def query(typed: str) -> Query | None:
    """The index's query for a substring of the folded text, or None when nothing is left."""
    key = search_key(typed)
    if not key:
        return None
    codes = [code(c) for c in key]
    if len(codes) == 1:
        return Query((codes[0],), exact=True)
    if len(codes) == 2:
        return Query((codes[0] + codes[1],), exact=True)
    runs = sorted({a + b + c for a, b, c in zip(codes, codes[1:], codes[2:], strict=False)})
    return Query(tuple(runs), exact=len(codes) == 3)


def document(*keys: str) -> list[str]:
    """The distinct tokens of the folded texts: their characters, pairs and runs of three."""
    found: set[str] = set()
    for key in keys:
        if key:
            found.update(tokens(key).split())
            codes = [code(c) for c in key]
            found.update(codes)
            found.update(a + b + c for a, b, c in zip(codes, codes[1:], codes[2:], strict=False))
    return sorted(found)


def _consultation_row(row: Any) -> dict[str, Any]:
    consultation_id, occurred_on, office_id, memo, group = row
    tokens_ = document(memo or "", group or "")
    return {"id": consultation_id, "day": occurred_on, "office": office_id, "doc": tokens_}


def _group_row(row: Any) -> dict[str, Any]:
    return {"id": row[0], "doc": document(row[1] or "")}


def _write_consultations(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {CONSULTATIONS} (consultation_id, occurred_on, office_id, tokens) "
                "VALUES (:id, :day, :office, CAST(:doc AS text[])) "
                "ON CONFLICT (consultation_id) DO UPDATE SET occurred_on = excluded.occurred_on, "
                "office_id = excluded.office_id, tokens = excluded.tokens"
            ),
            rows,
        )


def _write_groups(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {GROUPS} (group_id, tokens) "
                "VALUES (:id, CAST(:doc AS text[])) "
                "ON CONFLICT (group_id) DO UPDATE SET tokens = excluded.tokens"
            ),
            rows,
        )


def follow(connection: Connection, consultations: Iterable[Any], groups: Iterable[Any]) -> None:
    """Index again the consultations and groups a flush touched (ids), and a touched group's
    consultations (they carry its name); drop what is no longer live; keep the counts."""
    consultation_ids = list(dict.fromkeys(consultations))
    group_ids = list(dict.fromkeys(groups))
    if not (consultation_ids or group_ids):
        return
    if group_ids:
        connection.execute(
            text(f"DELETE FROM {GROUPS} WHERE group_id = ANY(:ids)"), {"ids": group_ids}
        )
        found = connection.execute(
            text(_GROUP_DOCS.format(where="id = ANY(:ids)")), {"ids": group_ids}
        )
        _write_groups(connection, [_group_row(r) for r in found])
        members = connection.execute(
            text("SELECT id FROM consultation WHERE group_id = ANY(:ids)"), {"ids": group_ids}
        )
        consultation_ids = list(dict.fromkeys([*consultation_ids, *members.scalars()]))
    if not consultation_ids:
        return
    counted = _counted(connection)
    removed = connection.execute(
        text(
            f"DELETE FROM {CONSULTATIONS} WHERE consultation_id = ANY(:ids) "
            "RETURNING occurred_on, tokens"
        ),
        {"ids": consultation_ids},
    )
    deltas: Counter[tuple[str, date]] = Counter()
    for day, held in removed:
        for token in held:
            deltas[token, _month(day)] -= 1
    found = connection.execute(
        text(_CONSULTATION_DOCS.format(where="c.id = ANY(:ids)")), {"ids": consultation_ids}
    )
    rows = [_consultation_row(r) for r in found]
    for row in rows:
        for token in row["doc"]:
            deltas[token, _month(row["day"])] += 1
    _write_consultations(connection, rows)
    if counted:
        _add_counts(connection, deltas)


def _month(day: date) -> date:
    return day.replace(day=1)


def _counted(connection: Connection) -> bool:
    """The counts table is there (from migration 0010 on)."""
    return connection.execute(text(f"SELECT to_regclass('{COUNTS}')")).scalar() is not None


def _add_counts(connection: Connection, deltas: Counter[tuple[str, date]]) -> None:
    # In the order of the table's key, so that two saves at once wait for each other
    # rather than deadlock.
    changes = [
        {"token": token, "month": month, "n": n}
        for (token, month), n in sorted(deltas.items())
        if n
    ]
    if changes:
        connection.execute(
            text(
                f"INSERT INTO {COUNTS} (token, month, n) VALUES (:token, :month, :n) "
                f"ON CONFLICT (token, month) DO UPDATE SET n = {COUNTS}.n + excluded.n"
            ),
            changes,
        )


# The GIN indexes as migration 0008 makes them: a rebuild drops them while the documents go
# in and builds each once at the end (far faster than keeping them up row by row).
INDEXES = {
    "ix_consultation_search_tokens": f"{CONSULTATIONS} USING gin (tokens)",
    "ix_civic_group_search_tokens": f"{GROUPS} USING gin (tokens)",
}


def rebuild(connection: Connection) -> None:
    """Index every live row again (after rows were written with Core)."""
    connection.execute(text(f"TRUNCATE {CONSULTATIONS}, {GROUPS}"))  # (the counts follow)
    for name in INDEXES:
        connection.execute(text(f"DROP INDEX IF EXISTS {name}"))
    _fill(connection)
    # A GIN index is built far faster with room to sort its entries (the default is 64 MB).
    connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
    for name, definition in INDEXES.items():
        connection.execute(text(f"CREATE INDEX {name} ON {definition}"))
    if _counted(connection):
        count_all(connection)


def count_all(connection: Connection) -> None:
    """Count every token of every month again from the documents."""
    connection.execute(text(f"TRUNCATE {COUNTS}"))
    connection.execute(text("SET LOCAL work_mem = '256MB'"))
    connection.execute(
        text(
            f"INSERT INTO {COUNTS} (token, month, n) "
            "SELECT t, date_trunc('month', occurred_on)::date, count(*) "
            f"FROM {CONSULTATIONS}, unnest(tokens) AS t GROUP BY 1, 2"
        )
    )


def _fill(connection: Connection) -> None:
    for sql, make, write in (
        (_CONSULTATION_DOCS.format(where="true"), _consultation_row, _write_consultations),
        (_GROUP_DOCS.format(where="true"), _group_row, _write_groups),
    ):
        # stream_results: a server-side cursor, BATCH rows at a time (a million documents of
        # tokens would not fit in memory at once; yield_per does not stream a text()).
        result = connection.execute(
            text(sql).execution_options(stream_results=True, max_row_buffer=BATCH)
        )
        for part in result.partitions(BATCH):
            write(connection, [make(row) for row in part])
