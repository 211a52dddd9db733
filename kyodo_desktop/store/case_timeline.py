"""A support case's timeline (支援ケースの経過): its entries, the group's consultations, the steps.

One list in date order of three sources: the case's own entries (相談・訪問・つなぎ・記録・申請),
the group's consultations while the case was open (those an entry links are shown once, as
the entry), and the steps of the applications the case is about — the ones an entry of kind
申請 links, whatever their dates, and the group's others dated within the case's period.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.cases import CaseEvent, SupportCase
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Department

# What a line is read from, and so what opening it opens.
EVENT = "case_event"
CONSULTATION = "consultation"
STEP = "application_step"
_RANK = {EVENT: 0, CONSULTATION: 1, STEP: 2}  # on one day: the case's own entry first


SYSTEM_NAME = "システム"  # a step the program recorded itself (kyodo-admin's ① round)


class TimelineLine(NamedTuple):
    """One line: when, what kind (a code of `source`'s vocabulary), what, who, which record."""

    on: date
    source: str  # EVENT | CONSULTATION | STEP
    kind: str  # CaseEventKind, Channel or StepKind code
    what: str
    who: str  # the officer
    record_id: uuid.UUID  # the entry, consultation or step
    consultation_id: uuid.UUID | None  # what opening the line opens, if anything
    application_id: uuid.UUID | None
    department: str  # a referral's 所管課
    programme_code: str  # of a step
    fiscal_year: int | None
    amount: int | None
    document_number: str


def case_timeline(
    session: Session, case: SupportCase, office_scope: uuid.UUID | None, today: date
) -> list[TimelineLine]:
    """The case's lines, oldest first; consultations as far as `office_scope` allows."""
    lines = _events(session, case.id)
    linked_consultations = {line.consultation_id for line in lines if line.consultation_id}
    linked_applications = {
        line.application_id for line in lines if line.source == EVENT and line.application_id
    }
    end = case.closed_on or max(today, case.opened_on)
    lines += [
        line
        for line in _consultations(session, case.group_id, case.opened_on, end, office_scope)
        if line.record_id not in linked_consultations
    ]
    lines += _steps(session, case.group_id, linked_applications, case.opened_on, end, office_scope)
    return sorted(lines, key=lambda line: (line.on, _RANK[line.source]))


def _events(session: Session, case_id: uuid.UUID) -> list[TimelineLine]:
    rows = session.execute(
        select(
            CaseEvent.occurred_on,
            CaseEvent.kind,
            CaseEvent.summary,
            Staff.name,
            CaseEvent.id,
            CaseEvent.consultation_id,
            CaseEvent.application_id,
            Department.name,
        )
        .join(Staff, Staff.id == CaseEvent.staff_id)
        .outerjoin(Department, Department.id == CaseEvent.department_id)
        .where(CaseEvent.case_id == case_id, CaseEvent.deleted_at.is_(None))
        .order_by(CaseEvent.occurred_on, CaseEvent.created_at)
    )
    return [
        TimelineLine(
            on,
            EVENT,
            kind,
            summary,
            who,
            event_id,
            consultation_id,
            application_id,
            department or "",
            "",
            None,
            None,
            "",
        )
        for on, kind, summary, who, event_id, consultation_id, application_id, department in rows
    ]


def _consultations(
    session: Session, group_id: uuid.UUID, first: date, last: date, scope: uuid.UUID | None
) -> list[TimelineLine]:
    query = (
        select(
            Consultation.occurred_on,
            Consultation.channel,
            Consultation.asked,
            Staff.name,
            Consultation.id,
        )
        .join(Staff, Staff.id == Consultation.staff_id)
        .where(
            Consultation.group_id == group_id,
            Consultation.deleted_at.is_(None),
            Consultation.occurred_on.between(first, last),
        )
        .order_by(Consultation.occurred_on, Consultation.created_at)
    )
    if scope is not None:
        query = query.where(Consultation.office_id == scope)
    return [
        TimelineLine(on, CONSULTATION, channel, asked, who, cid, cid, None, "", "", None, None, "")
        for on, channel, asked, who, cid in session.execute(query)
    ]


def _steps(
    session: Session,
    group_id: uuid.UUID,
    linked: set[uuid.UUID],
    first: date,
    last: date,
    office_scope: uuid.UUID | None,
) -> list[TimelineLine]:
    """The applications' steps, as far as the office may see (like the consultations)."""
    query = (
        select(
            ApplicationStep.occurred_on,
            ApplicationStep.kind,
            ApplicationStep.note,
            Staff.name,
            ApplicationStep.id,
            Application.id,
            Application.programme_code,
            Application.fiscal_year,
            ApplicationStep.amount,
            ApplicationStep.document_number,
            ApplicationStep.override_reason,
        )
        .join(Application, Application.id == ApplicationStep.application_id)
        .join(Project, Project.id == Application.project_id)
        .outerjoin(Staff, Staff.id == ApplicationStep.staff_id)  # none: the program itself
        .where(
            ApplicationStep.deleted_at.is_(None),
            Application.deleted_at.is_(None),
            Project.group_id == group_id,
        )
        .order_by(ApplicationStep.occurred_on, ApplicationStep.created_at)
    )
    if office_scope is not None:
        query = query.where(Application.office_id == office_scope)
    within = ApplicationStep.occurred_on.between(first, last)
    query = query.where(Application.id.in_(linked) | within) if linked else query.where(within)
    return [
        TimelineLine(
            on,
            STEP,
            kind,
            _noted(note, override),
            who or SYSTEM_NAME,
            step_id,
            None,
            app_id,
            "",
            code,
            fy,
            amount,
            number,
        )
        for on, kind, note, who, step_id, app_id, code, fy, amount, number, override in (
            session.execute(query)
        )
    ]


def _noted(note: str, override: str | None) -> str:
    """A step decided against the rules says so wherever it is shown."""
    if override is None:
        return note
    return f"【規則と異なる決定】{override}" + (f" {note}" if note else "")
