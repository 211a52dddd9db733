"""Read-only listings for the screens, a page at a time (never every row at once)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.cases import CaseEvent, SupportCase

# The consultation log's listing has a module of its own; its names are kept here too.
from kyodo_desktop.store.consultation_listing import LIST_COLUMNS as LIST_COLUMNS
from kyodo_desktop.store.consultation_listing import ConsultationListing as ConsultationListing
from kyodo_desktop.store.consultation_listing import ConsultationRow as ConsultationRow
from kyodo_desktop.store.consultation_listing import FollowUpListing as FollowUpListing
from kyodo_desktop.store.consultation_listing import (
    consultation_conditions as consultation_conditions,
)
from kyodo_desktop.store.filters import ApplicationFilter, CaseFilter, GroupFilter
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.paging import Listing as Listing
from kyodo_desktop.store.paging import Queries as Queries
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Department, Office, Programme, Topic
from kyodo_desktop.store.search.match import group_text_match
from kyodo_desktop.store.search.text import contains


class GroupRow(NamedTuple):
    id: uuid.UUID
    name: str
    name_kana: str
    kind: str
    office_name: str
    households: int | None
    households_counted_on: date | None
    representative: str
    active: bool


class CaseRow(NamedTuple):
    id: uuid.UUID
    opened_on: date
    group_name: str
    title: str
    status: str
    lead_staff_name: str
    events: int
    next_action: str
    next_action_due: date | None


class ApplicationRow(NamedTuple):
    id: uuid.UUID
    fiscal_year: int
    programme_number: int
    programme_name: str
    programme_code: str
    division: str | None
    group_name: str
    project_title: str
    status: str
    amount_requested: int
    amount_decided: int | None
    amount_paid: int
    overridden: bool  # the head office decided against the rules at some step


class DocumentRow(NamedTuple):
    id: uuid.UUID
    occurred_on: date
    document_number: str
    kind: str
    programme_name: str
    fiscal_year: int
    group_name: str
    amount: int | None


class OfficeRow(NamedTuple):
    code: str
    name: str
    kind: str
    name_confirmed: bool
    staff: int


class StaffRow(NamedTuple):
    login_id: str
    name: str
    office_name: str
    role: str
    active: bool


def _live(model) -> object:  # type: ignore[no-untyped-def]
    return model.deleted_at.is_(None)


def group_conditions(wanted: GroupFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [_live(Group)]  # type: ignore[list-item]
    if wanted.kind:
        where.append(Group.kind == wanted.kind)
    if wanted.office_id is not None:
        where.append(Group.office_id == wanted.office_id)
    if wanted.active is not None:
        where.append(Group.active.is_(wanted.active))
    if wanted.text.strip():
        where.append(group_text_match(wanted.text))
    return where


class GroupListing(Listing[GroupRow]):
    """The groups that match a filter, in 五十音 order of their reading."""

    def __init__(self, wanted: GroupFilter | None = None) -> None:
        where = group_conditions(wanted or GroupFilter())
        page = (
            select(
                Group.id,
                Group.name,
                Group.name_kana,
                Group.kind,
                Office.name,
                Group.households,
                Group.households_counted_on,
                Group.representative,
                Group.active,
            )
            .join(Office, Office.id == Group.office_id)
            .where(*where)
        )
        in_order = page.order_by(Group.name_kana, Group.id)
        backwards = page.order_by(Group.name_kana.desc(), Group.id.desc())
        count = select(func.count()).select_from(Group).where(*where)
        super().__init__(count, in_order, backwards)

    def decorate(self, session: Session, rows: Sequence) -> list[GroupRow]:
        return [GroupRow(*row) for row in rows]


class CaseListing(Listing[CaseRow]):
    """The support cases (of one office, if given) a filter keeps, the latest opened first."""

    def __init__(
        self, office_id: uuid.UUID | None = None, wanted: CaseFilter | None = None
    ) -> None:
        wanted = wanted or CaseFilter()
        where = [_live(SupportCase)]
        if office_id is not None:
            where.append(SupportCase.office_id == office_id)
        if wanted.statuses:
            where.append(SupportCase.status.in_(wanted.statuses))
        if wanted.group_id is not None:
            where.append(SupportCase.group_id == wanted.group_id)
        if wanted.lead_staff_id is not None:
            where.append(SupportCase.lead_staff_id == wanted.lead_staff_id)
        if wanted.text.strip():
            where.append(contains(Group.name_key, wanted.text))
        events = (
            select(CaseEvent.case_id, func.count().label("n"))
            .where(_live(CaseEvent))
            .group_by(CaseEvent.case_id)
            .subquery()
        )
        page = (
            select(
                SupportCase.id,
                SupportCase.opened_on,
                Group.name,
                SupportCase.title,
                SupportCase.status,
                Staff.name,
                func.coalesce(events.c.n, 0),
                SupportCase.next_action,
                SupportCase.next_action_due,
            )
            .join(Group, Group.id == SupportCase.group_id)
            .join(Staff, Staff.id == SupportCase.lead_staff_id)
            .outerjoin(events, events.c.case_id == SupportCase.id)
            .where(*where)
            .order_by(SupportCase.opened_on.desc(), SupportCase.id)
        )
        count = (
            select(func.count())
            .select_from(SupportCase)
            .join(Group, Group.id == SupportCase.group_id)
            .where(*where)
        )
        super().__init__(count, page)

    def decorate(self, session: Session, rows: Sequence) -> list[CaseRow]:
        return [CaseRow(*row) for row in rows]


def application_conditions(
    office_id: uuid.UUID | None, wanted: ApplicationFilter
) -> tuple[list[ColumnElement[bool]], bool]:
    """The WHERE of the application list, and whether it needs the project and group."""
    where: list[ColumnElement[bool]] = [_live(Application)]  # type: ignore[list-item]
    # The actor's own office (a counter officer), then the office chosen in the filter.
    for office in (office_id, wanted.office_id):
        if office is not None:
            where.append(Application.office_id == office)
    if wanted.fiscal_year is not None:
        where.append(Application.fiscal_year == wanted.fiscal_year)
    if wanted.programme_code:
        where.append(Application.programme_code == wanted.programme_code)
    if wanted.status:
        where.append(Application.status == wanted.status)
    if wanted.statuses:
        where.append(Application.status.in_(wanted.statuses))
    joined = False
    if wanted.group_id is not None:
        where.append(Project.group_id == wanted.group_id)
        joined = True
    if wanted.text.strip():
        where.append(contains(Group.name_key, wanted.text))
        joined = True
    return where, joined


class ApplicationListing(Listing[ApplicationRow]):
    """The applications (of one office, if given) a filter keeps, the latest 年度 first."""

    def __init__(
        self, office_id: uuid.UUID | None = None, wanted: ApplicationFilter | None = None
    ) -> None:
        where, joined = application_conditions(office_id, wanted or ApplicationFilter())
        page = (
            select(
                Application.id,
                Application.fiscal_year,
                Programme.number,
                Programme.name,
                Programme.code,
                Application.division,
                Group.name,
                Project.title,
                Application.status,
                Application.amount_requested,
                Application.amount_decided,
                Application.amount_paid,
                Application.override_reason.is_not(None),
            )
            .join(Programme, Programme.code == Application.programme_code)
            .join(Project, Project.id == Application.project_id)
            .join(Group, Group.id == Project.group_id)
            .where(*where)
            .order_by(
                Application.fiscal_year.desc(), Programme.number, Group.name_kana, Application.id
            )
        )
        count = select(func.count()).select_from(Application)
        if joined:  # the count joins only what the filter reads
            count = count.join(Project, Project.id == Application.project_id).join(
                Group, Group.id == Project.group_id
            )
        super().__init__(count.where(*where), page)

    def decorate(self, session: Session, rows: Sequence) -> list[ApplicationRow]:
        return [ApplicationRow(*row) for row in rows]


class DocumentListing(Listing[DocumentRow]):
    """Every document issued or received on an application step, newest first."""

    def __init__(self, office_id: uuid.UUID | None = None) -> None:
        has_document = ApplicationStep.document_number != ""
        where = [_live(ApplicationStep), has_document]
        if office_id is not None:  # read like the applications: office by office
            where.append(Application.office_id == office_id)
        page = (
            select(
                ApplicationStep.id,
                ApplicationStep.occurred_on,
                ApplicationStep.document_number,
                ApplicationStep.kind,
                Programme.name,
                Application.fiscal_year,
                Group.name,
                ApplicationStep.amount,
            )
            .join(Application, Application.id == ApplicationStep.application_id)
            .join(Programme, Programme.code == Application.programme_code)
            .join(Project, Project.id == Application.project_id)
            .join(Group, Group.id == Project.group_id)
            .where(*where)
            .order_by(ApplicationStep.occurred_on.desc(), ApplicationStep.id)
        )
        count = select(func.count()).select_from(ApplicationStep).where(*where)
        if office_id is not None:
            count = count.join(Application, Application.id == ApplicationStep.application_id)
        super().__init__(count, page)

    def decorate(self, session: Session, rows: Sequence) -> list[DocumentRow]:
        return [DocumentRow(*row) for row in rows]


def offices(session: Session) -> list[OfficeRow]:
    staff = (
        select(Staff.office_id, func.count().label("n"))
        .where(_live(Staff), Staff.active)
        .group_by(Staff.office_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Office.code,
            Office.name,
            Office.kind,
            Office.name_confirmed,
            func.coalesce(staff.c.n, 0),
        )
        .outerjoin(staff, staff.c.office_id == Office.id)
        .where(_live(Office))
        .order_by(Office.code)
    ).all()
    return [OfficeRow(*row) for row in rows]


def staff_members(session: Session) -> list[StaffRow]:
    rows = session.execute(
        select(Staff.login_id, Staff.name, Office.name, Staff.role, Staff.active)
        .join(Office, Office.id == Staff.office_id)
        .where(_live(Staff))
        .order_by(Office.code, Staff.name_kana, Staff.login_id)
    ).all()
    return [StaffRow(*row) for row in rows]


def departments(session: Session) -> list[tuple[str, str, str]]:
    return [
        tuple(row)
        for row in session.execute(
            select(Department.code, Department.name, Department.division)
            .where(_live(Department))
            .order_by(Department.division, Department.name)
        )
    ]


def topics(session: Session) -> list[tuple[str, str]]:
    return [
        tuple(row)
        for row in session.execute(
            select(Topic.code, Topic.name).where(_live(Topic)).order_by(Topic.sort_order)
        )
    ]
