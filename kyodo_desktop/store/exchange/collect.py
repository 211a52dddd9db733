"""What goes into a file: a branch's own changes, or the head office's return to one branch.

A branch sends every row whose current content is its own change with a number above what
the head office confirmed. The head office returns to a branch every row that changed there
since the branch confirmed the head office's last file, except the branch's own changes
(it has them), and only what the branch may read: the reference data, the staff, the
ward-wide registry with projects and every application's record, but of consultations,
persons and support cases only the branch's own office's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, and_, or_, select

from kyodo_desktop.store.exchange.records import TOPICS, Record, record_of, travelling

BATCH = 2000

# Tables a branch receives only for its own office, and how a row names its office.
_OFFICE_SCOPED = {"consultation", "support_case", "case_event", "person"}


def _topics(connection: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        rows = connection.execute(
            select(TOPICS.c.consultation_id, TOPICS.c.topic_id).where(
                TOPICS.c.consultation_id.in_(part)
            )
        )
        for consultation_id, topic_id in rows:
            found[consultation_id].append(str(topic_id))
    return found


def _records(connection: Connection, table: Table, query: Any) -> Iterator[Record]:
    result = connection.execute(query.order_by(table.c.local_seq, table.c.id))
    while rows := result.fetchmany(BATCH):
        topics: dict[uuid.UUID, list[str]] | None = None
        if table.name == "consultation":
            topics = _topics(connection, [row.id for row in rows])
        for row in rows:
            yield record_of(table, row, tuple(sorted(topics[row.id])) if topics else None)


def own_changes(connection: Connection, office: str, after: int) -> Iterator[Record]:
    """This office's changes numbered above ``after``, parents first."""
    for table in travelling():
        query = select(table).where(table.c.local_seq > after, table.c.rev_office == office)
        yield from _records(connection, table, query)


def _scope(table: Table, office_id: uuid.UUID, office: str) -> Any:
    """The rows of an office-scoped table that the branch may read (None: every row)."""
    if table.name not in _OFFICE_SCOPED:
        return None
    if table.name in ("consultation", "support_case"):
        return table.c.office_id == office_id
    if table.name == "case_event":
        cases = table.metadata.tables["support_case"]
        return table.c.case_id.in_(select(cases.c.id).where(cases.c.office_id == office_id))
    consultations = table.metadata.tables["consultation"]  # persons: met at that office
    return or_(
        table.c.origin_office == office,
        table.c.id.in_(
            select(consultations.c.person_id).where(consultations.c.office_id == office_id)
        ),
    )


def return_changes(
    connection: Connection, branch: str, branch_office_id: uuid.UUID | None, after: int
) -> Iterator[Record]:
    """What the head office sends one branch: rows changed here above ``after`` (its local
    numbers), not the branch's own changes, within what the branch may read."""
    for table in travelling():
        conditions = [
            table.c.local_seq > after,
            or_(table.c.rev_office.is_(None), table.c.rev_office != branch),
        ]
        if table.name in _OFFICE_SCOPED:
            if branch_office_id is None:
                continue
            conditions.append(_scope(table, branch_office_id, branch))
        yield from _records(connection, table, select(table).where(and_(*conditions)))
