"""Reading the audit trail (監査ログ) a page at a time, filtered; never writing it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.listings import Listing
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to show; every field left as None (or "") shows all."""

    since: datetime | None = None  # at >= since (UTC)
    before: datetime | None = None  # at < before (UTC)
    office: str | None = None  # the two-digit code of the office the act was done at
    staff_id: uuid.UUID | None = None
    system_only: bool = False  # acts of the program itself (no staff member)
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    text: str = ""  # in the record's id or in its content before/after


class AuditRow(NamedTuple):
    seq: int
    at: datetime
    office_code: str
    office_name: str | None
    staff_id: uuid.UUID | None
    staff_name: str | None
    action: str
    entity: str
    entity_id: str
    summary: str
    redacted: bool


def _conditions(query: AuditQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.since is not None:
        where.append(AuditEntry.at >= query.since)
    if query.before is not None:
        where.append(AuditEntry.at < query.before)
    if query.office:
        where.append(AuditEntry.office == query.office)
    if query.system_only:
        where.append(AuditEntry.staff_id.is_(None))
    elif query.staff_id is not None:
        where.append(AuditEntry.staff_id == query.staff_id)
    if query.action:
        where.append(AuditEntry.action == query.action)
    if query.entity:
        where.append(AuditEntry.entity == query.entity)
    if query.entity_id:
        where.append(AuditEntry.entity_id == query.entity_id)
    text = query.text.strip()
    if text:
        # LIKE's wildcards in what was typed are meant literally.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            or_(
                AuditEntry.entity_id.like(pattern, escape="\\"),
                AuditEntry.before.like(pattern, escape="\\"),
                AuditEntry.after.like(pattern, escape="\\"),
            )
        )
    return where


class AuditListing(Listing[AuditRow]):
    """The entries that match a query, newest first; each row with a one-line summary.

    ``summarise(action, before_json, after_json, redacted)`` writes the summary: the content
    is read for the page shown only, and what a row keeps is one short line.
    """

    def __init__(
        self, query: AuditQuery, summarise: Callable[[str, str | None, str | None, bool], str]
    ) -> None:
        where = _conditions(query)
        page: Select = (
            select(
                AuditEntry.seq,
                AuditEntry.at,
                AuditEntry.office,
                Office.name,
                AuditEntry.staff_id,
                Staff.name,
                AuditEntry.action,
                AuditEntry.entity,
                AuditEntry.entity_id,
                AuditEntry.before,
                AuditEntry.after,
                AuditEntry.redacted_at,
            )
            .outerjoin(Office, Office.code == AuditEntry.office)
            .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
            .where(*where)
            .order_by(AuditEntry.seq.desc())
        )
        count = select(func.count()).select_from(AuditEntry).where(*where)
        super().__init__(count, page)
        self._summarise = summarise

    def decorate(self, session: Session, rows: Sequence) -> list[AuditRow]:
        return [
            AuditRow(
                seq=row[0],
                at=row[1],
                office_code=row[2],
                office_name=row[3],
                staff_id=row[4],
                staff_name=row[5],
                action=row[6],
                entity=row[7],
                entity_id=row[8],
                summary=self._summarise(row[6], row[9], row[10], row[11] is not None),
                redacted=row[11] is not None,
            )
            for row in rows
        ]


def entry(session: Session, seq: int) -> AuditEntry | None:
    return session.get(AuditEntry, seq)


class StaffChoice(NamedTuple):
    id: uuid.UUID
    name: str
    login_id: str
    office_code: str


def staff_choices(session: Session) -> list[StaffChoice]:
    """Every staff member, deleted or not (the trail outlives accounts), by office and name."""
    rows = session.execute(
        select(Staff.id, Staff.name, Staff.login_id, Office.code)
        .join(Office, Office.id == Staff.office_id)
        .order_by(Office.code, Staff.name_kana, Staff.login_id)
    ).all()
    return [StaffChoice(*row) for row in rows]


def office_choices(session: Session) -> list[tuple[str, str]]:
    return [
        tuple(row)
        for row in session.execute(select(Office.code, Office.name).order_by(Office.code))
    ]  # type: ignore[misc]
