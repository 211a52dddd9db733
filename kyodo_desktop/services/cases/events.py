"""Entries on a support case's timeline (経過の記録): 相談・訪問・つなぎ・記録・申請.

An entry may point at a consultation, a department referred to (つなぎ) or an application
(申請) — each checked to be the case's group's, so the timeline never shows another group's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, true

from kyodo_desktop.rules import format_fiscal_year, format_wareki_short
from kyodo_desktop.rules.vocabulary import CaseEventKind
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.cases.lifecycle import MAX_SUMMARY, Choice, day_field, load_case
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError, PermissionDeniedError
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.cases import CaseEvent, SupportCase
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.reference import Department, Programme


@dataclass(frozen=True)
class CaseEventDraft:
    """An entry on the case's timeline."""

    case_id: uuid.UUID
    kind: str  # CaseEventKind
    occurred_on: date
    summary: str
    consultation_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None  # つなぎ: the ward's department referred to
    application_id: uuid.UUID | None = None  # 申請: the group's application it is about


def _linked(uow: UnitOfWork, case: SupportCase, draft: CaseEventDraft) -> dict[str, object]:
    """The records an entry points at, each checked to belong to the case's group."""
    session, links = uow.session, {}
    if draft.consultation_id is not None:
        found = session.get(Consultation, draft.consultation_id)
        if found is None or found.deleted_at is not None:
            raise InputError("選んだ相談記録が見つかりません。", field="consultation_id")
        if found.group_id != case.group_id:
            raise InputError(
                "この団体の相談記録ではありません。選び直してください。", field="consultation_id"
            )
        uow.require_office(found.office_id)
        links["consultation_id"] = found.id
    if draft.kind == CaseEventKind.REFERRAL.value:
        department = session.get(Department, draft.department_id) if draft.department_id else None
        if department is None or department.deleted_at is not None:
            raise InputError("つなぎ先の所管課を一覧から選んでください。", field="department_id")
        links["department_id"] = department.id
    if draft.kind == CaseEventKind.APPLICATION.value or draft.application_id is not None:
        application = (
            session.get(Application, draft.application_id) if draft.application_id else None
        )
        if application is None or application.deleted_at is not None:
            raise InputError("申請を一覧から選んでください。", field="application_id")
        project = session.get(Project, application.project_id)
        if project is None or project.group_id != case.group_id:
            raise InputError(
                "この団体の申請ではありません。選び直してください。", field="application_id"
            )
        uow.require_office(application.office_id)
        links["application_id"] = application.id
    return links


@service("case.add_event", Permission.WRITE, input_type=CaseEventDraft)
def add_case_event(uow: UnitOfWork, draft: CaseEventDraft) -> uuid.UUID:
    """Add an entry to a case's timeline; the entry's id."""
    case = load_case(uow, draft.case_id)
    if draft.kind not in {kind.value for kind in CaseEventKind}:
        labels = "・".join(kind.label for kind in CaseEventKind)
        raise InputError(f"記録の種類を選んでください（{labels}）。", field="kind")
    occurred_on = day_field(
        draft.occurred_on, "記録の日付", "occurred_on", not_before=case.opened_on
    )
    if case.closed_on is not None and occurred_on > case.closed_on:
        raise InputError(
            "終結日より後の記録です。再開してから追加してください。", field="occurred_on"
        )
    summary = text_field(draft.summary, "内容", MAX_SUMMARY, field="summary", lines=True)
    if not summary and draft.kind != CaseEventKind.APPLICATION.value:
        raise InputError("内容を入力してください。", field="summary")
    event = CaseEvent(
        id=uuid.uuid4(),
        case_id=case.id,
        occurred_on=occurred_on,
        kind=draft.kind,
        staff_id=uow.actor.staff_id or case.lead_staff_id,
        summary=summary,
        **_linked(uow, case, draft),
    )
    uow.session.add(event)
    uow.session.flush()
    return event.id


@dataclass(frozen=True)
class EntryChoices:
    """What an entry of this case may point at: departments, the group's applications and
    its consultations the officer may see (the latest first)."""

    departments: list[Choice]
    applications: list[Choice]
    consultations: list[Choice]


RECENT_CONSULTATIONS = 50


def entry_choices(database: Database, actor: Actor, case_id: uuid.UUID) -> EntryChoices:
    """The lists of the entry dialog, read in one short session."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    scope = office_scope(actor)
    with database.reading() as session:
        case = session.get(SupportCase, case_id)
        if case is None or (scope is not None and case.office_id != scope):
            raise NotFoundError("この支援ケースは見つかりません（削除された可能性があります）。")
        departments = [
            Choice(i, f"{division} {name}")
            for i, name, division in session.execute(
                select(Department.id, Department.name, Department.division)
                .where(Department.deleted_at.is_(None))
                .order_by(Department.division, Department.name)
            )
        ]
        applications = [
            Choice(i, f"{format_fiscal_year(fy)} {programme_name} {title}")
            for i, fy, programme_name, title in session.execute(
                select(Application.id, Application.fiscal_year, Programme.name, Project.title)
                .join(Project, Project.id == Application.project_id)
                .join(Programme, Programme.code == Application.programme_code)
                .where(
                    Project.group_id == case.group_id,
                    Application.deleted_at.is_(None),
                    Application.office_id == scope if scope is not None else true(),
                )
                .order_by(Application.fiscal_year.desc(), Programme.code)
            )
        ]
        query = (
            select(Consultation.id, Consultation.occurred_on, Consultation.asked)
            .where(Consultation.group_id == case.group_id, Consultation.deleted_at.is_(None))
            .order_by(Consultation.occurred_on.desc())
            .limit(RECENT_CONSULTATIONS)
        )
        if scope is not None:
            query = query.where(Consultation.office_id == scope)
        consultations = [
            Choice(i, f"{format_wareki_short(on)} {' '.join(asked.split())[:40]}")
            for i, on, asked in session.execute(query)
        ]
    return EntryChoices(departments, applications, consultations)
