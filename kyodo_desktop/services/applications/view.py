"""An application as the screens and forms show it: steps, 収支, overrides, what may come next."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.rules import programme
from kyodo_desktop.rules.lifecycle import Progress, StepOffer, step_offers
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store.applications import (
    Application,
    ApplicationMonth,
    ApplicationStep,
    BudgetLine,
    Project,
)
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Department, Office

# The group's own steps, recorded at the counter; the others are the ward's decisions.
COUNTER_STEPS = frozenset(
    {
        StepKind.PRIOR_CONSULTATION,
        StepKind.FILED,
        StepKind.WITHDRAWN,
        StepKind.REPORTED,
        StepKind.CLAIMED,
    }
)
OTHER_OFFICE = "他の事務所の申請です。この手続きは申請を受け付けた事務所で記録します。"
# Where each form of figures may still be written: the plan until the 実績報告, the actual
# figures from the decision until the 額の確定.
BUDGET_OPEN = frozenset(
    {
        StepKind.PRIOR_CONSULTATION,
        StepKind.FILED,
        StepKind.REVIEW,
        StepKind.DECIDED,
        StepKind.CHANGE_APPROVED,
        StepKind.ADVANCE_PAID,
    }
)
ACTUAL_OPEN = frozenset(
    {StepKind.DECIDED, StepKind.CHANGE_APPROVED, StepKind.ADVANCE_PAID, StepKind.REPORTED}
)


def stage_refusal(status: str | None, stage: str) -> str | None:
    """Why the 収支予算 ("budget") or 収支決算 ("actual") cannot be written now, or None."""
    if stage == "budget":
        if status in BUDGET_OPEN:
            return None
        return "収支予算は実績報告の前まで直せます。終わった事業は収支決算に入力してください。"
    if stage == "actual":
        if status in ACTUAL_OPEN:
            return None
        if status in (StepKind.REJECTED, StepKind.WITHDRAWN) or status in BUDGET_OPEN:
            return "収支決算は交付決定の後、実績報告のときに入力します。"
        return "額の確定の後は収支決算を直せません。"
    return "収支予算か収支決算かを選んでください。"


@dataclass(frozen=True)
class ProjectView:
    id: uuid.UUID
    row_version: int
    group_id: uuid.UUID
    title: str
    description: str
    starts_on: date | None
    ends_on: date | None
    department_code: str | None
    department_name: str

    @classmethod
    def of(cls, session: Session, row: Project) -> ProjectView:
        department = session.get(Department, row.department_id) if row.department_id else None
        return cls(
            row.id,
            row.row_version,
            row.group_id,
            row.title,
            row.description,
            row.starts_on,
            row.ends_on,
            department.code if department else None,
            department.name if department else "",
        )


@dataclass(frozen=True)
class StepView:
    id: uuid.UUID
    kind: StepKind
    occurred_on: date
    document_number: str
    staff_name: str
    amount: int | None
    note: str
    recorded_at: datetime  # when it was entered (UTC)
    override_reason: str | None
    overridden_reasons: tuple[str, ...]


@dataclass(frozen=True)
class LineView:
    side: str
    item: str
    amount: int
    note: str


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    days_opened: int
    venue_cost: int


@dataclass(frozen=True)
class ApplicationView:
    id: uuid.UUID
    row_version: int
    group_id: uuid.UUID
    group_name: str
    group_kind: str
    project: ProjectView
    programme_code: str
    programme_label: str  # ① 自治活動推進協力費
    division: str | None
    division_label: str
    fiscal_year: int
    office_name: str
    status: StepKind | None
    amount_requested: int
    amount_decided: int | None
    amount_confirmed: int | None
    amount_paid: int
    households: int | None
    households_counted_on: date | None
    operating_cost: int | None
    purpose: str
    override_reason: str | None
    override_staff_name: str
    override_on: date | None
    steps: tuple[StepView, ...]
    offers: tuple[StepOffer, ...]  # every step; allowed only if it may come next *for this actor*
    lines: dict[str, tuple[LineView, ...]]  # "budget" / "actual"
    months: dict[str, tuple[MonthView, ...]]
    open_stages: tuple[str, ...]  # the figures this actor may write now ("budget", "actual")

    def total(self, stage: str, side: str) -> int:
        return sum(line.amount for line in self.lines.get(stage, ()) if line.side == side)

    @property
    def next_steps(self) -> tuple[StepKind, ...]:
        return tuple(offer.kind for offer in self.offers if offer.allowed)


def steps_of(uow: UnitOfWork, application_id: uuid.UUID) -> list[ApplicationStep]:
    return list(
        uow.session.scalars(
            select(ApplicationStep)
            .where(
                ApplicationStep.application_id == application_id,
                ApplicationStep.deleted_at.is_(None),
            )
            .order_by(ApplicationStep.occurred_on, ApplicationStep.created_at)
        )
    )


def progress_of(uow: UnitOfWork, row: Application, steps: list[ApplicationStep]) -> Progress:
    prog = programme(row.programme_code)
    version = prog.version_for(row.fiscal_year) or prog.latest
    claimed = 0
    if row.status == StepKind.CLAIMED:
        claimed = next((s.amount or 0 for s in reversed(steps) if s.kind == StepKind.CLAIMED), 0)
    reported = next((s.amount for s in reversed(steps) if s.kind == StepKind.REPORTED), None)
    return Progress(
        status=StepKind(row.status) if row.status else None,
        last_on=max((s.occurred_on for s in steps), default=None),
        pays_in_advance=version.pays_in_advance,
        needs_report=version.needs_report,
        requested=row.amount_requested,
        decided=row.amount_decided,
        confirmed=row.amount_confirmed,
        paid=row.amount_paid,
        claimed=claimed,
        reported=reported,
    )


def actor_refusal(uow: UnitOfWork, row: Application, kind: StepKind) -> str | None:
    """Why this actor may not record ``kind`` on ``row`` (role or office), or None."""
    if not allows(uow.actor, Permission.WRITE):
        return DENIED[Permission.WRITE]
    if kind not in COUNTER_STEPS:
        return None if allows(uow.actor, Permission.DECIDE) else DENIED[Permission.DECIDE]
    scope = uow.office_scope
    return OTHER_OFFICE if scope is not None and row.office_id != scope else None


def view_of(uow: UnitOfWork, row: Application) -> ApplicationView:
    session = uow.session
    project = session.get(Project, row.project_id)
    assert project is not None
    group = session.get(Group, project.group_id)
    assert group is not None
    office = session.get(Office, row.office_id)
    steps = steps_of(uow, row.id)
    names = _staff_names(session, {s.staff_id for s in steps} | {row.override_staff_id})
    offers = []
    for offer in step_offers(progress_of(uow, row, steps)):
        refusal = actor_refusal(uow, row, offer.kind) if offer.allowed else None
        if refusal is not None:
            offer = StepOffer(offer.kind, False, refusal, offer.suggested_amount)
        offers.append(offer)
    prog = programme(row.programme_code)
    division_name = next(
        (d.name for v in prog.versions for d in v.divisions if d.code == row.division and d.name),
        "",
    )
    return ApplicationView(
        id=row.id,
        row_version=row.row_version,
        group_id=group.id,
        group_name=group.name,
        group_kind=group.kind,
        project=ProjectView.of(session, project),
        programme_code=row.programme_code,
        programme_label=prog.label,
        division=row.division,
        division_label=division_name,
        fiscal_year=row.fiscal_year,
        office_name=office.name if office else "",
        status=StepKind(row.status) if row.status else None,
        amount_requested=row.amount_requested,
        amount_decided=row.amount_decided,
        amount_confirmed=row.amount_confirmed,
        amount_paid=row.amount_paid,
        households=row.households,
        households_counted_on=row.households_counted_on,
        operating_cost=row.operating_cost,
        purpose=row.purpose,
        override_reason=row.override_reason,
        override_staff_name=names.get(row.override_staff_id, ""),
        override_on=row.override_on,
        steps=tuple(
            StepView(
                s.id,
                StepKind(s.kind),
                s.occurred_on,
                s.document_number,
                names.get(s.staff_id, "") if s.staff_id else "システム",
                s.amount,
                s.note,
                s.created_at,
                s.override_reason,
                tuple((s.overridden_reasons or "").splitlines()),
            )
            for s in steps
        ),
        offers=tuple(offers),
        lines=_lines(session, row.id),
        months=_months(session, row.id),
        open_stages=tuple(
            stage
            for stage in ("budget", "actual")
            if stage_refusal(row.status, stage) is None
            and allows(uow.actor, Permission.WRITE)
            and (uow.office_scope is None or uow.office_scope == row.office_id)
        ),
    )


def _staff_names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID | None, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


def _lines(session: Session, application_id: uuid.UUID) -> dict[str, tuple[LineView, ...]]:
    found: dict[str, list[LineView]] = {"budget": [], "actual": []}
    rows = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.application_id == application_id, BudgetLine.deleted_at.is_(None))
        .order_by(BudgetLine.position, BudgetLine.created_at)
    )
    for line in rows:
        found.setdefault(line.stage, []).append(
            LineView(line.side, line.item, line.amount, line.note)
        )
    return {stage: tuple(lines) for stage, lines in found.items()}


def _months(session: Session, application_id: uuid.UUID) -> dict[str, tuple[MonthView, ...]]:
    found: dict[str, list[MonthView]] = {"budget": [], "actual": []}
    rows = session.scalars(
        select(ApplicationMonth)
        .where(
            ApplicationMonth.application_id == application_id,
            ApplicationMonth.deleted_at.is_(None),
        )
        .order_by(ApplicationMonth.year, ApplicationMonth.month)
    )
    for month in rows:
        found.setdefault(month.stage, []).append(
            MonthView(month.year, month.month, month.days_opened, month.venue_cost)
        )
    return {stage: tuple(months) for stage, months in found.items()}
