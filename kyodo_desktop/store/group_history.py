"""What has happened with one group: its consultations, cases, projects and applications.

The group's page (団体の詳細) shows them as one timeline. Consultations and support cases
belong to an office, so the caller gives the office an officer is bound to (or None);
projects and applications are the group's own and are shown to everyone who sees the group.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.cases import SupportCase
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.reference import Office

LIMIT = 2_000  # per kind: a page, not an export; the lists behind the screens go further


class HistoryRow(NamedTuple):
    """One line of the group's timeline."""

    kind: str  # consultation | case | project | application
    id: uuid.UUID
    on: date | None
    office_code: str  # "" for a project
    summary: str  # what was asked, the case's title, the project's title, the programme
    status: str  # the channel, the case's status, "", the application's last step


def _consultations(session: Session, group_id: uuid.UUID, scope: uuid.UUID | None) -> list:
    query = (
        select(
            Consultation.id,
            Consultation.occurred_on,
            Office.code,
            Consultation.asked,
            Consultation.channel,
        )
        .join(Office, Office.id == Consultation.office_id)
        .where(Consultation.group_id == group_id, Consultation.deleted_at.is_(None))
        .order_by(Consultation.occurred_on.desc())
        .limit(LIMIT)
    )
    if scope is not None:
        query = query.where(Consultation.office_id == scope)
    return [HistoryRow("consultation", *row) for row in session.execute(query)]


def _cases(session: Session, group_id: uuid.UUID, scope: uuid.UUID | None) -> list:
    query = (
        select(
            SupportCase.id,
            SupportCase.opened_on,
            Office.code,
            SupportCase.title,
            SupportCase.status,
        )
        .join(Office, Office.id == SupportCase.office_id)
        .where(SupportCase.group_id == group_id, SupportCase.deleted_at.is_(None))
        .order_by(SupportCase.opened_on.desc())
        .limit(LIMIT)
    )
    if scope is not None:
        query = query.where(SupportCase.office_id == scope)
    return [HistoryRow("case", *row) for row in session.execute(query)]


def _projects(session: Session, group_id: uuid.UUID) -> list:
    query = (
        select(Project.id, Project.starts_on, Project.title)
        .where(Project.group_id == group_id, Project.deleted_at.is_(None))
        .limit(LIMIT)
    )
    return [
        HistoryRow("project", id_, starts_on, "", title, "")
        for id_, starts_on, title in session.execute(query)
    ]


def _applications(session: Session, group_id: uuid.UUID, scope: uuid.UUID | None) -> list:
    # An application is dated by its first step (the 事前相談 or the 交付申請).
    first_step = (
        select(ApplicationStep.application_id, func.min(ApplicationStep.occurred_on).label("on"))
        .where(ApplicationStep.deleted_at.is_(None))
        .group_by(ApplicationStep.application_id)
        .subquery()
    )
    query = (
        select(
            Application.id,
            first_step.c.on,
            Application.fiscal_year,
            Office.code,
            Application.programme_code,
            Application.status,
        )
        .join(Project, Project.id == Application.project_id)
        .join(Office, Office.id == Application.office_id)
        .outerjoin(first_step, first_step.c.application_id == Application.id)
        .where(Project.group_id == group_id, Application.deleted_at.is_(None))
        .where(Application.office_id == scope if scope is not None else true())
        .limit(LIMIT)
    )
    return [
        HistoryRow("application", id_, on or date(year, 4, 1), code, programme, status)
        for id_, on, year, code, programme, status in session.execute(query)
    ]


def group_history(
    session: Session, group_id: uuid.UUID, office_scope: uuid.UUID | None
) -> list[HistoryRow]:
    """The group's timeline, oldest first; undated projects come last."""
    rows = (
        _consultations(session, group_id, office_scope)
        + _cases(session, group_id, office_scope)
        + _projects(session, group_id)
        + _applications(session, group_id, office_scope)
    )
    return sorted(rows, key=lambda row: (row.on is None, row.on or date.min, row.kind))
