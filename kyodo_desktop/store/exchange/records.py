"""A business row as it travels: a JSON object with one spelling for every value.

Ids are UUIDs with hyphens (SQLite keeps 32 hex digits, PostgreSQL a native uuid: a file
fixes one spelling), days ISO dates, times ISO in UTC. A record names its table, its row,
the change it is (``rev``: office and that office's number) and the change it was made from
(``base``, or None). A consultation's record also lists its topics' ids (the pairs of
``consultation_topic`` travel with their consultation). What is this database's own
bookkeeping (its numbers, its row version) never travels.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, Table, Uuid

# Every business table's module, so that the metadata holds them all.
from kyodo_desktop.store import applications, cases, groups, people, reference  # noqa: F401
from kyodo_desktop.store.base import Base, UTCDateTime
from kyodo_desktop.store.consultations import consultation_topic

Rev = tuple[str, int]

# Columns that are this database's own: never sent, never taken from a file.
LOCAL = frozenset({"rev_office", "rev_seq", "base_office", "base_seq", "local_seq", "row_version"})
# Columns that say who touched a row last: not a field two offices can clash on.
TOUCH = frozenset({"updated_at", "updated_by"})
# Fixed when the row is born.
BIRTH = frozenset({"id", "origin_office", "created_at", "created_by"})


@dataclass(frozen=True)
class Record:
    table: str
    id: uuid.UUID
    rev: Rev
    base: Rev | None
    row: dict[str, Any]  # column -> JSON value (LOCAL columns left out)
    topics: tuple[str, ...] | None = None  # a consultation's topic ids

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "t": self.table,
            "rev": list(self.rev),
            "base": list(self.base) if self.base else None,
            "row": self.row,
        }
        if self.topics is not None:
            found["topics"] = list(self.topics)
        return found

    @staticmethod
    def from_json(data: dict[str, Any]) -> Record:
        base = data.get("base")
        topics = data.get("topics")
        return Record(
            table=str(data["t"]),
            id=uuid.UUID(str(data["row"]["id"])),
            rev=(str(data["rev"][0]), int(data["rev"][1])),
            base=(str(base[0]), int(base[1])) if base else None,
            row=dict(data["row"]),
            topics=tuple(str(t) for t in topics) if topics is not None else None,
        )


@cache
def travelling() -> tuple[Table, ...]:
    """The business tables, parents before children (the order rows are applied in)."""
    return tuple(t for t in Base.metadata.sorted_tables if "local_seq" in t.c)


def table_named(name: str) -> Table:
    for table in travelling():
        if table.name == name:
            return table
    raise KeyError(name)


def encode(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decoder(column: Any) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, Uuid):
        return lambda v: uuid.UUID(str(v))
    if isinstance(kind, UTCDateTime | DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    return lambda v: v


@cache
def _decoders(table: Table) -> dict[str, Callable[[Any], Any]]:
    return {c.name: _decoder(c) for c in table.c if c.name not in LOCAL}


def values_of(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The record's row as values for the table's columns (unknown names are left out: a
    file one revision behind simply lacks the newer columns, which keep their defaults)."""
    decoders = _decoders(table)
    return {
        name: (None if value is None else decoders[name](value))
        for name, value in row.items()
        if name in decoders
    }


def record_of(table: Table, row: Any, topics: tuple[str, ...] | None = None) -> Record:
    """The record of a stored row (a Core row mapping with every column)."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    data = {name: encode(mapping[name]) for name in _decoders(table)}
    base = (mapping["base_office"], mapping["base_seq"]) if mapping["base_office"] else None
    return Record(
        table=table.name,
        id=mapping["id"],
        rev=(mapping["rev_office"], mapping["rev_seq"]),
        base=base,
        row=data,
        topics=topics,
    )


def fields(table: Table) -> tuple[str, ...]:
    """The columns two offices may each change (what a merge compares)."""
    return tuple(name for name in _decoders(table) if name not in TOUCH | BIRTH)


TOPICS = consultation_topic
