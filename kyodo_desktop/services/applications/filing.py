"""Projects (事業) and subsidy applications (申請), from 事前相談 to 支払.

Every step goes through `rules.lifecycle` (only the steps that make sense are recorded; the
rest are refused with the reason), and the rules judge the application when it is filed
and when it is decided (services/applications/judging.py). The group's own steps — 事前相談,
交付申請, 取下げ, 実績報告, 請求 — are recorded at any office counter for that office's
applications; the ward's steps — 審査, 交付決定, 不採択, 変更承認, 額の確定, 支払, 概算払,
精算, 返還 — by the head office (Permission.DECIDE).
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import select

from kyodo_desktop.rules import programme
from kyodo_desktop.rules.eligibility import window_reason
from kyodo_desktop.rules.lifecycle import JUDGED, apply_step
from kyodo_desktop.rules.vocabulary import StepKind

# The figures' use cases live in their own module; they are part of this API.
from kyodo_desktop.services.applications.budgets import set_budget_lines, set_months
from kyodo_desktop.services.applications.drafts import (
    ApplicationDraft,
    BudgetLineDraft,
    MonthDraft,
    ProjectDraft,
    StepDraft,
    clean_application,
    clean_project,
    clean_step,
)
from kyodo_desktop.services.applications.judging import apply_judgement, judge
from kyodo_desktop.services.applications.records import (
    load_application,
    load_group,
    load_project,
    store_months,
)
from kyodo_desktop.services.applications.view import (
    COUNTER_STEPS,
    ApplicationView,
    ProjectView,
    actor_refusal,
    progress_of,
    steps_of,
    view_of,
)
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    PermissionDeniedError,
    RulesRefusalError,
    StaleRecordError,
)
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.applications import (
    Application,
    ApplicationStep,
    Project,
)
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Department, Office

__all__ = [
    "COUNTER_STEPS",
    "ApplicationDraft",
    "ApplicationView",
    "BudgetLineDraft",
    "MonthDraft",
    "ProjectDraft",
    "ProjectView",
    "StepDraft",
    "change_application",
    "change_project",
    "create_project",
    "get_application",
    "group_projects",
    "open_application",
    "open_application_in",
    "record_step",
    "set_budget_lines",
    "set_months",
]


def _department(uow: UnitOfWork, code: str | None) -> uuid.UUID | None:
    if code is None:
        return None
    found = uow.session.scalar(
        select(Department.id).where(Department.code == code, Department.deleted_at.is_(None))
    )
    if found is None:
        raise InputError(
            f"所管課「{code}」はありません。一覧から選んでください。", field="department_code"
        )
    return found


def _store_project(uow: UnitOfWork, row: Project, draft: ProjectDraft) -> None:
    clean = clean_project(draft)
    row.title = clean.title
    row.description = clean.description
    row.starts_on = clean.starts_on
    row.ends_on = clean.ends_on
    row.department_id = _department(uow, clean.department_code)


@service("project.create", Permission.WRITE, input_type=ProjectDraft)
def create_project(uow: UnitOfWork, draft: ProjectDraft) -> uuid.UUID:
    """Register a project of a group; its applications count "N times per project"."""
    return create_project_in(uow, draft)


def create_project_in(uow: UnitOfWork, draft: ProjectDraft) -> uuid.UUID:
    group = load_group(uow, draft.group_id)
    row = Project(id=uuid.uuid4(), group_id=group.id)
    _store_project(uow, row, draft)
    uow.session.add(row)
    uow.session.flush()
    return row.id


@service("project.change", Permission.WRITE, input_type=ProjectDraft)
def change_project(
    uow: UnitOfWork, project_id: uuid.UUID, draft: ProjectDraft, *, row_version: int
) -> ProjectView:
    row = load_project(uow, project_id)
    if row.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)
    if draft.group_id != row.group_id:
        raise InputError(
            "事業の団体は変えられません。新しい事業として登録してください。", field="group_id"
        )
    _store_project(uow, row, draft)
    uow.session.flush()
    return ProjectView.of(uow.session, row)


@service("project.list", Permission.READ)
def group_projects(uow: UnitOfWork, group_id: uuid.UUID) -> list[ProjectView]:
    """The group's projects, the newest first."""
    group = load_group(uow, group_id)
    rows = uow.session.scalars(
        select(Project)
        .where(Project.group_id == group.id, Project.deleted_at.is_(None))
        .order_by(Project.created_at.desc())
    )
    return [ProjectView.of(uow.session, row) for row in rows]


def _record(
    uow: UnitOfWork,
    row: Application,
    group: Group,
    step: StepDraft,
    override_reason: str | None,
) -> ApplicationStep:
    """The one path of every step: order, permission, amounts, the rules, then the row."""
    kind = StepKind(step.kind)
    refusal = actor_refusal(uow, row, kind)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
    progress = progress_of(uow, row, steps_of(uow, row.id))
    after = apply_step(progress, kind, step.occurred_on, step.amount)
    stored = ApplicationStep(
        id=uuid.uuid4(),
        application_id=row.id,
        kind=kind,
        occurred_on=step.occurred_on,
        document_number=step.document_number,
        staff_id=uow.actor.staff_id,
        amount=after.last_amount,
        note=step.note,
    )
    if kind in JUDGED:
        filed = kind is StepKind.FILED
        asked = step.amount if filed else after.decided
        judgement = judge(
            uow,
            row,
            group,
            asked,
            label="申請額" if filed else "交付決定額",
            amount_only=kind is StepKind.CHANGE_APPROVED,
        )
        if filed and step.amount is None:
            if judgement.refused and override_reason is not None:
                raise InputError(
                    "規則と異なる決定で受け付けるときは、申請額を入力してください。",
                    field="amount",
                )
            # Nothing asked: the request is the most the rules allow (① from households).
            after = replace(after, requested=judgement.evaluation.grantable)
            stored.amount = after.requested
        apply_judgement(uow, row, stored, judgement, override_reason)
    row.status = kind
    row.amount_requested = after.requested
    row.amount_decided = after.decided
    row.amount_confirmed = after.confirmed
    row.amount_paid = after.paid
    uow.session.add(stored)
    uow.session.flush()
    return stored


def open_application_in(
    uow: UnitOfWork,
    draft: ApplicationDraft,
    *,
    override_reason: str | None = None,
    office_id: uuid.UUID | None = None,
) -> Application:
    """Create an application with its first step, inside a running use case (the ① round).

    The application belongs to the actor's office, or to ``office_id`` (the ① round files
    each 町会's application at the office in charge of it). Raises `RulesRefusalError` or
    `InputError` after adding rows to the session: a caller that goes on after a refusal
    must run this in a savepoint (``session.begin_nested()``).
    """
    clean = clean_application(draft)
    project = load_project(uow, clean.project_id)
    group = load_group(uow, project.group_id)
    closed = window_reason(programme(clean.programme_code), clean.fiscal_year)
    if closed is not None:
        # No new application outside the window, at any first step (DOMAIN.md); its
        # history stays readable. Not even the head office overrides a closed programme.
        raise RulesRefusalError(
            f"{closed.text}。この年度には申請できません。", (closed.text,), overridable=False
        )
    if office_id is None:
        # At the counter, the officer's own office; the head office files at the office in
        # charge of the group, whose counter then records the group's later steps.
        office_id = group.office_id if uow.office_scope is None else uow.actor.office_id
    office = uow.session.get(Office, office_id)
    assert office is not None
    row = Application(
        id=uuid.uuid4(),
        project_id=project.id,
        group_id=project.group_id,
        programme_code=clean.programme_code,
        division=clean.division,
        fiscal_year=clean.fiscal_year,
        office_id=office.id,
        status="",
        amount_requested=0,
        amount_paid=0,
        households=clean.households,
        households_counted_on=clean.households_counted_on,
        operating_cost=clean.operating_cost,
        purpose=clean.purpose,
    )
    uow.session.add(row)
    uow.session.flush()
    store_months(uow, row, "budget", clean.months)
    assert clean.opened_on is not None
    first = StepDraft(
        kind=clean.first_step,
        occurred_on=clean.opened_on,
        amount=clean.amount_requested if clean.first_step is StepKind.FILED else None,
        document_number=clean.document_number,
    )
    _record(uow, row, group, first, override_reason)
    return row


@service("application.open", Permission.WRITE, input_type=ApplicationDraft)
def open_application(
    uow: UnitOfWork,
    draft: ApplicationDraft,
    *,
    override_reason: str | None = None,
    new_project: ProjectDraft | None = None,
) -> uuid.UUID:
    """Start an application at 事前相談, or file it (交付申請), judged by the rules.

    With ``new_project``, the group's new project is registered in the same transaction
    (and ``draft.project_id`` is not read): a refusal leaves neither behind.
    """
    if new_project is not None:
        draft = replace(draft, project_id=create_project_in(uow, new_project))
    return open_application_in(uow, draft, override_reason=override_reason).id


@service("application.change", Permission.WRITE, input_type=ApplicationDraft)
def change_application(
    uow: UnitOfWork, application_id: uuid.UUID, draft: ApplicationDraft, *, row_version: int
) -> ApplicationView:
    """Correct the facts of an application not decided yet (households, ⑤ months, purpose)."""
    row = load_application(uow, application_id, row_version)
    uow.require_office(row.office_id)
    if row.status not in (StepKind.PRIOR_CONSULTATION, StepKind.FILED, StepKind.REVIEW):
        raise InputError(
            "交付決定の後は申請の内容を直せません。変更承認を記録してください。", field="status"
        )
    clean = clean_application(draft)
    if (clean.project_id, clean.programme_code, clean.fiscal_year) != (
        row.project_id,
        row.programme_code,
        row.fiscal_year,
    ) or clean.division != row.division:
        raise InputError(
            "事業・支援事業・部門・年度は変えられません。取下げて新しく申請してください。",
            field="programme_code",
        )
    row.households = clean.households
    row.households_counted_on = clean.households_counted_on
    row.operating_cost = clean.operating_cost
    row.purpose = clean.purpose
    store_months(uow, row, "budget", clean.months)
    if row.status != StepKind.PRIOR_CONSULTATION:
        # A filed request is judged again on its corrected facts, like a new one; the head
        # office's override, if any, is given at the decision.
        project = load_project(uow, row.project_id)
        judgement = judge(uow, row, load_group(uow, project.group_id), clean.amount_requested)
        if judgement.refused and row.override_reason is None:
            raise RulesRefusalError(
                "直した内容は規則により受け付けられません: "
                + "。".join(r.text for r in judgement.refusals)
                + "。",
                tuple(r.text for r in judgement.refusals),
                overridable=False,
            )
        if clean.amount_requested is not None:
            row.amount_requested = clean.amount_requested
        elif not judgement.refused:
            # Nothing typed: the most the corrected facts allow (① from the households).
            row.amount_requested = judgement.evaluation.grantable
    uow.session.flush()
    return view_of(uow, row)


@service("application.record_step", Permission.WRITE, input_type=StepDraft)
def record_step(
    uow: UnitOfWork,
    application_id: uuid.UUID,
    step: StepDraft,
    *,
    row_version: int,
    override_reason: str | None = None,
) -> ApplicationView:
    """Record the next step; refused with the reason when it does not make sense now."""
    row = load_application(uow, application_id, row_version)
    clean = clean_step(step)
    project = load_project(uow, row.project_id)
    _record(uow, row, load_group(uow, project.group_id), clean, override_reason)
    return view_of(uow, row)


@service("application.get", Permission.READ)
def get_application(uow: UnitOfWork, application_id: uuid.UUID) -> ApplicationView:
    """The application with its steps, 収支, overrides, and the steps that may come next.

    Office-bound like consultations and cases: a counter officer reads their own office's.
    """
    row = load_application(uow, application_id, None)
    uow.require_office(row.office_id)
    return view_of(uow, row)
