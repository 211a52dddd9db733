"""Support cases' next actions due by a day, for 今日のフォロー (services/consultations/follow_ups.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, func, select

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.permissions import office_scope
from kyodo_desktop.store.cases import SupportCase
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office


class DueCase(NamedTuple):
    id: uuid.UUID
    row_version: int
    due_on: date
    opened_on: date
    group_name: str
    title: str
    next_action: str
    office_name: str
    lead_staff_name: str


class DueCases(NamedTuple):
    rows: list[DueCase]  # the most overdue first, at most `limit`
    total: int
    due_today: int


def due_cases(
    database: Database, actor: Actor, *, mine_only: bool, today: date, limit: int
) -> DueCases:
    """Open cases whose next action is due by `today`: the actor's as lead, or their office's."""
    where: list[ColumnElement[bool]] = [
        SupportCase.deleted_at.is_(None),
        SupportCase.status != CaseStatus.CLOSED.value,
        SupportCase.next_action_due <= today,
    ]
    scope = office_scope(actor)
    if scope is not None:
        where.append(SupportCase.office_id == scope)
    if mine_only:
        where.append(SupportCase.lead_staff_id == actor.staff_id)
    else:
        where.append(SupportCase.office_id == actor.office_id)
    with database.reading() as session:
        total, due_today = session.execute(
            select(
                func.count(),
                func.count().filter(SupportCase.next_action_due == today),
            ).where(*where)
        ).one()
        rows = session.execute(
            select(
                SupportCase.id,
                SupportCase.row_version,
                SupportCase.next_action_due,
                SupportCase.opened_on,
                Group.name,
                SupportCase.title,
                SupportCase.next_action,
                Office.name,
                Staff.name,
            )
            .join(Group, Group.id == SupportCase.group_id)
            .join(Office, Office.id == SupportCase.office_id)
            .join(Staff, Staff.id == SupportCase.lead_staff_id)
            .where(*where)
            .order_by(SupportCase.next_action_due, SupportCase.opened_on, SupportCase.id)
            .limit(limit)
        ).all()
    return DueCases([DueCase(*row) for row in rows], total or 0, due_today or 0)
