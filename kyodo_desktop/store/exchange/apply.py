"""Applying a file's records: identity and ancestry decide, never a clock.

At the head office (`merge=True`) each record is compared with the row held here:

- no row: it is inserted;
- the same change (``rev``), or an older change of the same office: nothing to do;
- the row here is the change the record was made from (its ``base``), an earlier change of
  the same office, or never changed since it shipped: the record replaces it;
- otherwise both sides changed it since they last agreed: the fields are merged three ways
  against the base (kept in `ExchangeRevision`). A field changed on one side only takes that
  side's value; the same field changed on both sides, or a change against a deletion, keeps
  the head office's value and goes to the 競合 list (`ExchangeConflict`) with the base and
  both sides. A merged row is a new change of the head office's.

At a branch (`merge=False`) the head office's record replaces the row, unless the row holds
a change of this branch that the head office has not confirmed yet (the head office merges
it when it arrives, and sends the result back).

Rows are written with Core in one transaction (the caller's); the search index follows.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.dialect import insert_new_only
from kyodo_desktop.store.exchange.records import (
    TOPICS,
    Record,
    Rev,
    encode,
    fields,
    record_of,
    table_named,
    values_of,
)
from kyodo_desktop.store.exchange.state import ExchangeConflict, ExchangeRevision
from kyodo_desktop.store.search import index as search_index

# The tables whose written rows the rules re-judge after a file (an award and its steps).
JUDGED = frozenset({"application", "application_step"})
# Rows only their own office changes (and the head office now and then): their versions are
# not kept as a merge's base, the bulk of a file. Should two places change one all the
# same, every field they differ in goes to the 競合 list (the base unknown): nothing is lost.
OWN_OFFICE_ONLY = frozenset({"consultation", "person", "support_case", "case_event"})

_revisions = ExchangeRevision.__table__
_conflicts = ExchangeConflict.__table__


@dataclass
class Outcome:
    """What applying records did, by kind (inserted, replaced, unchanged, merged, kept,
    conflicts) and by table, with the ids of the conflicting rows and, for the tables that
    hold awards (`JUDGED`), the ids of the rows written (what the rules re-judge after)."""

    counts: Counter[str] = field(default_factory=Counter)
    tables: Counter[str] = field(default_factory=Counter)
    conflicts: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    touched: dict[str, set[uuid.UUID]] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return self.counts["inserted"] + self.counts["replaced"] + self.counts["merged"]


@dataclass(frozen=True)
class Applying:
    """Who applies: this database's office and the number of this transaction's change."""

    here: str
    seq: int
    merge: bool  # the head office merges; a branch takes the head office's rows
    sender: str
    seen: int = 0  # at the head office: the highest of the sender's numbers applied before
    confirmed: int = 0  # at a branch: the highest of its numbers the head office holds


def apply_records(connection: Connection, records: Iterable[Record], how: Applying) -> Outcome:
    outcome = Outcome()
    batch: list[Record] = []
    for record in records:
        if batch and batch[-1].table != record.table:
            _apply_batch(connection, batch, how, outcome)
            batch = []
        batch.append(record)
        if len(batch) >= 1000:
            _apply_batch(connection, batch, how, outcome)
            batch = []
    if batch:
        _apply_batch(connection, batch, how, outcome)
    return outcome


def _rev(row: Any) -> Rev | None:
    return (row.rev_office, row.rev_seq) if row.rev_office is not None else None


@dataclass
class _Writes:
    """One batch's plain writes, made with one statement per shape (executemany)."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    agreed: list[dict[str, Any]] = field(default_factory=list)
    topics: dict[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)

    def run(self, connection: Connection, table: Table) -> None:
        for shape in _shapes(self.inserts):
            connection.execute(insert(table), shape)
        for shape in _shapes(self.updates):
            # A bound name may not be a column's own in a SET clause: each is prefixed.
            names = [k for k in shape[0] if k != "_id"]
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({name: bindparam(f"v_{name}") for name in names})
            )
            connection.execute(
                statement,
                [{"_id": r["_id"], **{f"v_{n}": r[n] for n in names}} for r in shape],
            )
        if self.agreed:
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(base_office=bindparam("_office"), base_seq=bindparam("_seq"))
            )
            connection.execute(statement, self.agreed)
        if self.topics:
            ids = list(self.topics)
            for start in range(0, len(ids), 500):
                connection.execute(
                    delete(TOPICS).where(TOPICS.c.consultation_id.in_(ids[start : start + 500]))
                )
            pairs = [
                {"consultation_id": cid, "topic_id": uuid.UUID(t)}
                for cid, topics in self.topics.items()
                for t in topics
            ]
            if pairs:
                connection.execute(insert(TOPICS), pairs)


def _shapes(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by their keys (a file one revision behind lacks the newer columns)."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(sorted(row)), []).append(row)
    return list(shapes.values())


def _apply_batch(connection: Connection, batch: list[Record], how: Applying, out: Outcome) -> None:
    table = table_named(batch[0].table)
    ids = [r.id for r in batch]
    held = {row.id: row for row in connection.execute(select(table).where(table.c.id.in_(ids)))}
    consultations = [r.id.hex for r in batch] if table.name == "consultation" else []
    groups = [r.id.hex for r in batch] if table.name == "civic_group" else []
    touched = search_index.before_writing(connection, consultations, groups)
    if how.merge and table.name not in OWN_OFFICE_ONLY:
        keep_revisions(connection, [r for r in batch if r.rev[1] > how.seen])
    writes = _Writes()
    for record in batch:
        row = held.get(record.id)
        kind = _apply_one(connection, table, record, row, how, out, writes)
        out.counts[kind] += 1
        if kind in ("inserted", "replaced", "merged"):
            out.tables[table.name] += 1
            if table.name in JUDGED:
                out.touched.setdefault(table.name, set()).add(record.id)
    writes.run(connection, table)
    search_index.after_writing(connection, touched)


def _apply_one(
    connection: Connection,
    table: Table,
    record: Record,
    row: Any,
    how: Applying,
    out: Outcome,
    writes: _Writes,
) -> str:
    if how.merge and record.rev[0] == how.sender and record.rev[1] <= how.seen:
        return "unchanged"  # this change of the sender's was applied from an earlier file
    if row is None:
        values = values_of(table, record.row)
        writes.inserts.append({**values, **_stamps(record, how), "row_version": 1})
        if record.topics is not None:
            writes.topics[record.id] = record.topics
        return "inserted"
    held = _rev(row)
    if held == record.rev:
        if not how.merge:  # the head office holds it: this change is now agreed
            writes.agreed.append(
                {"_id": record.id, "_office": record.rev[0], "_seq": record.rev[1]}
            )
        return "unchanged"
    if how.merge:
        if held is not None and held[0] == record.rev[0] and held[1] > record.rev[1]:
            return "unchanged"  # an older change of the same office
        follows = held is None or held == record.base or held[0] == record.rev[0]
        if follows and not (row.deleted_at is not None and record.row.get("deleted_at") is None):
            _replace(writes, table, record, row, how)
            return "replaced"
        return _merge(connection, table, record, row, how, out)
    if held is not None and held[0] == how.here and held[1] > how.confirmed:
        return "kept"  # this branch's own change, not yet at the head office
    _replace(writes, table, record, row, how)
    return "replaced"


def _stamps(record: Record, how: Applying) -> dict[str, Any]:
    base = record.base if how.merge else record.rev  # at a branch, what arrives is agreed
    return {
        "rev_office": record.rev[0],
        "rev_seq": record.rev[1],
        "base_office": base[0] if base else None,
        "base_seq": base[1] if base else None,
        "local_seq": how.seq,
    }


def _replace(writes: _Writes, table: Table, record: Record, row: Any, how: Applying) -> None:
    values = values_of(table, record.row)
    values.pop("id", None)
    writes.updates.append(
        {**values, **_stamps(record, how), "row_version": row.row_version + 1, "_id": record.id}
    )
    if record.topics is not None:
        writes.topics[record.id] = record.topics


def keep_revisions(connection: Connection, records: list[Record]) -> None:
    """Keep the versions as they travelled (a later merge's base), once per change."""
    if records:
        connection.execute(
            insert_new_only(connection, _revisions),
            [
                {
                    "table_name": r.table,
                    "row_id": r.id,
                    "rev_office": r.rev[0],
                    "rev_seq": r.rev[1],
                    "data": json.dumps(r.row, ensure_ascii=False),
                }
                for r in records
            ],
        )


def _base(connection: Connection, record: Record) -> dict[str, Any] | None:
    if record.base is None:
        return None
    data = connection.execute(
        select(_revisions.c.data).where(
            _revisions.c.table_name == record.table,
            _revisions.c.row_id == record.id,
            _revisions.c.rev_office == record.base[0],
            _revisions.c.rev_seq == record.base[1],
        )
    ).scalar()
    return None if data is None else json.loads(data)


def _winner(mine: Any, other: Any) -> Any:
    """Which of two clashing values a row shows until an officer decides: the same whatever
    order the files came in (so every order of arrival ends in the same rows), the larger of
    the two as JSON text. Both stay in the 競合 entry; nothing is lost."""
    if mine is None or other is None:
        return other if mine is None else mine
    text = json.dumps(mine, sort_keys=True, ensure_ascii=False)
    return mine if text >= json.dumps(other, sort_keys=True, ensure_ascii=False) else other


def _merge(
    connection: Connection, table: Table, record: Record, row: Any, how: Applying, out: Outcome
) -> str:
    ours = record_of(table, row).row
    theirs = record.row
    base = _base(connection, record)
    merged: dict[str, Any] = {}
    clashes: list[str] = []
    for name in fields(table):
        if name not in theirs:
            continue
        mine, other = ours.get(name), theirs[name]
        if mine == other:
            continue
        if base is not None and name in base and base[name] == mine:
            merged[name] = other  # changed over there only
        elif base is not None and name in base and base[name] == other:
            continue  # changed here only
        else:
            clashes.append(name)
            if _winner(mine, other) == other:
                merged[name] = other
    deleted_here = ours.get("deleted_at") is not None
    deleted_there = theirs.get("deleted_at") is not None
    if deleted_here != deleted_there and (merged or clashes):
        # A change against a deletion: a person decides; the row stays as it is here (the
        # one case where what the row shows until then depends on which came first).
        clashes = sorted(set(clashes) | set(merged) | {"deleted_at"})
        merged = {}
    if merged:
        values = values_of(table, merged)
        if "updated_at" in theirs:
            values.update(values_of(table, {k: theirs[k] for k in ("updated_at", "updated_by")}))
        connection.execute(
            update(table)
            .where(table.c.id == record.id)
            .values(
                **values,
                rev_office=how.here,
                rev_seq=how.seq,
                base_office=None,
                base_seq=None,
                local_seq=how.seq,
                row_version=row.row_version + 1,
            )
        )
    if clashes:
        connection.execute(
            insert(_conflicts).values(
                id=uuid.uuid4(),
                table_name=table.name,
                row_id=record.id,
                from_office=how.sender,
                their_rev_office=record.rev[0],
                their_rev_seq=record.rev[1],
                fields=json.dumps(sorted(clashes)),
                base=None if base is None else json.dumps(base, ensure_ascii=False),
                ours=json.dumps(ours, ensure_ascii=False),
                theirs=json.dumps(theirs, ensure_ascii=False),
                found_at=utcnow(),
            )
        )
        out.conflicts.append((table.name, record.id))
        return "conflict"
    return "merged"


__all__ = ["JUDGED", "Applying", "Outcome", "apply_records", "encode", "keep_revisions"]
