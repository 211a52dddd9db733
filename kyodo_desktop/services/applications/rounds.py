"""The ① yearly round (自治活動推進協力費の年度一括申請): every active 町会・自治会 at once.

Each 年度 the head office files ① for every active 町会・自治会, the amount from the
households on record (基礎割＋世帯割, by the rules). `preview_round` says what a round would
do without writing; `open_round` does it, each group in a savepoint, so that a group the
rules refuse leaves nothing behind while the others are kept. Groups without a household
count are listed (the office in charge asks them), not opened; groups that already have a
① application for the 年度 (in any state: a person has handled it) are skipped, so running
the round again opens nothing twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kyodo_desktop.rules import GroupKind, RulesValidationError, format_fiscal_year, programme
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.applications.drafts import (
    ApplicationDraft,
    clean_application,
    require_day,
)
from kyodo_desktop.services.applications.filing import open_application_in
from kyodo_desktop.services.applications.judging import judge
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, PermissionDeniedError, RulesRefusalError
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group

ROUND_PROGRAMME = "jichi"
# ① is a grant to the 町会's activities as a whole, not to one undertaking: every year's
# ① goes to one standing project, so "one award per project per 年度" guards the round.
STANDING_PROJECT_TITLE = "自治活動"


@dataclass(frozen=True)
class RoundGroup:
    """One 町会・自治会 in a round: what it asks, or why it is not opened."""

    group_id: uuid.UUID
    name: str
    office_code: str
    office_name: str
    households: int | None
    amount: int = 0  # asked (opened) or that would be asked (preview)
    reasons: tuple[str, ...] = ()  # refused: the rules' own sentences
    status: StepKind | None = None  # skipped: the step its application has reached
    application_id: uuid.UUID | None = None  # opened, or skipped: the application


@dataclass(frozen=True)
class RoundResult:
    """What a round opened (or would open), and the groups it left out and why."""

    programme_code: str
    programme_name: str  # 自治活動推進協力費
    fiscal_year: int
    opened: tuple[RoundGroup, ...]
    lacking: tuple[RoundGroup, ...]  # no household count on record
    skipped: tuple[RoundGroup, ...]  # a ① application for the 年度 already
    refused: tuple[RoundGroup, ...]
    saved: bool  # False: a preview, nothing written

    @property
    def count(self) -> int:
        return len(self.opened)

    @property
    def total(self) -> int:
        return sum(entry.amount for entry in self.opened)


@dataclass(frozen=True)
class _Plan:
    candidates: tuple[tuple[Group, uuid.UUID | None], ...]  # with its standing project, if any
    lacking: tuple[RoundGroup, ...]
    skipped: tuple[RoundGroup, ...]


def _checked(code: object, fiscal_year: object) -> tuple[str, int]:
    if code != ROUND_PROGRAMME:
        shown = code if isinstance(code, str) and code.isprintable() and len(code) <= 20 else ""
        raise InputError(
            f"年度一括申請ができるのは①自治活動推進協力費（{ROUND_PROGRAMME}）だけです"
            + (f"（指定: {shown}）" if shown else "")
            + "。",
            field="programme",
        )
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise InputError(
            "年度を西暦の数字で指定してください（例: 令和8年度は2026）。", field="fiscal_year"
        )
    prog = programme(ROUND_PROGRAMME)
    if not 1989 <= fiscal_year <= 2100 or prog.version_for(fiscal_year) is None:
        since = format_fiscal_year(prog.since_fy)
        raise InputError(
            f"{prog.name}の年度一括申請は{since}以降の年度で指定してください"
            f"（指定: {fiscal_year}）。",
            field="fiscal_year",
        )
    return ROUND_PROGRAMME, fiscal_year


def _entry(group: Group, **fields: object) -> RoundGroup:
    return RoundGroup(
        group.id,
        group.name,
        group.office.code,
        group.office.name,
        group.households,
        **fields,  # type: ignore[arg-type]
    )


def _plan(session: Session, fiscal_year: int) -> _Plan:
    groups = session.scalars(
        select(Group)
        .where(Group.kind == GroupKind.CHOKAI, Group.active, Group.deleted_at.is_(None))
        .order_by(Group.name_kana, Group.id)
    ).all()
    this_year = (
        select(Project.group_id, Application.id, Application.status)
        .join(Project, Project.id == Application.project_id)
        .where(
            Application.programme_code == ROUND_PROGRAMME,
            Application.fiscal_year == fiscal_year,
            Application.deleted_at.is_(None),
            Project.deleted_at.is_(None),
        )
    )
    existing = {
        group_id: (application_id, status)
        for group_id, application_id, status in session.execute(this_year)
    }
    # The standing project: the one whose ① applications are the latest.
    standing: dict[uuid.UUID, uuid.UUID] = {}
    latest = (
        select(Project.group_id, Project.id, func.max(Application.fiscal_year).label("fy"))
        .join(Application, Application.project_id == Project.id)
        .where(
            Application.programme_code == ROUND_PROGRAMME,
            Application.deleted_at.is_(None),
            Project.deleted_at.is_(None),
        )
        .group_by(Project.group_id, Project.id)
        .order_by("fy", Project.created_at)
    )
    for group_id, project_id, _fy in session.execute(latest):
        standing[group_id] = project_id
    candidates, lacking, skipped = [], [], []
    for group in groups:
        if group.id in existing:
            application_id, status = existing[group.id]
            skipped.append(
                _entry(
                    group,
                    status=StepKind(status) if status else None,
                    application_id=application_id,
                )
            )
        elif group.households is None:
            lacking.append(_entry(group))
        else:
            candidates.append((group, standing.get(group.id)))
    return _Plan(tuple(candidates), tuple(lacking), tuple(skipped))


def _draft(project_id: uuid.UUID, group: Group, fiscal_year: int, day: date) -> ApplicationDraft:
    return ApplicationDraft(
        project_id=project_id,
        programme_code=ROUND_PROGRAMME,
        fiscal_year=fiscal_year,
        first_step=StepKind.FILED,
        opened_on=day,
        households=group.households,
        households_counted_on=group.households_counted_on,
    )


def _day(opened_on: object) -> date:
    return date.today() if opened_on is None else require_day(opened_on, "申請日", "opened_on")


def preview_round(
    database: Database,
    actor: Actor,
    programme: str = ROUND_PROGRAMME,
    fiscal_year: int | None = None,
    opened_on: date | None = None,
) -> RoundResult:
    """What `open_round` would open, judged as it would be, in a session that only reads."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    code, fy = _checked(programme, fiscal_year)
    day = _day(opened_on)
    with database.reading() as session:
        uow = UnitOfWork(session, actor)
        plan = _plan(session, fy)
        opened, refused = [], []
        for group, project_id in plan.candidates:
            try:
                draft = clean_application(_draft(project_id or uuid.uuid4(), group, fy, day))
            except InputError as refusal:
                refused.append(_entry(group, reasons=(refusal.message,)))
                continue
            # A row never added to the session: the rules read it as they will the real one.
            row = Application(
                project_id=project_id,
                group_id=group.id,
                programme_code=code,
                fiscal_year=fy,
                households=draft.households,
                households_counted_on=draft.households_counted_on,
            )
            judgement = judge(uow, row, group, None)
            if judgement.refused:
                refused.append(_entry(group, reasons=tuple(r.text for r in judgement.refusals)))
            else:
                opened.append(_entry(group, amount=judgement.evaluation.grantable))
    return _result(code, fy, plan, opened, refused, saved=False)


def _result(
    code: str,
    fiscal_year: int,
    plan: _Plan,
    opened: list[RoundGroup],
    refused: list[RoundGroup],
    *,
    saved: bool,
) -> RoundResult:
    return RoundResult(
        code,
        programme(code).name,
        fiscal_year,
        tuple(opened),
        plan.lacking,
        plan.skipped,
        tuple(refused),
        saved,
    )


def _standing_project(uow: UnitOfWork, group: Group) -> uuid.UUID:
    row = Project(id=uuid.uuid4(), group_id=group.id, title=STANDING_PROJECT_TITLE, description="")
    uow.session.add(row)
    uow.session.flush()
    return row.id


@service("application.open_round", Permission.DECIDE)
def open_round(
    uow: UnitOfWork, programme_code: str, fiscal_year: int, opened_on: date | None = None
) -> RoundResult:
    """File ① (交付申請) for every active 町会・自治会 with a household count, judged by the rules."""
    code, fy = _checked(programme_code, fiscal_year)
    day = _day(opened_on)
    plan = _plan(uow.session, fy)
    opened, refused = [], []
    for group, project_id in plan.candidates:
        try:
            # A savepoint per group: a refusal rolls back its project, application and
            # audit entries, and the round goes on with the next group.
            with uow.session.begin_nested():
                project = project_id or _standing_project(uow, group)
                row = open_application_in(
                    uow, _draft(project, group, fy, day), office_id=group.office_id
                )
        except RulesRefusalError as refusal:
            refused.append(_entry(group, reasons=refusal.reasons))
        except (InputError, RulesValidationError) as refusal:
            refused.append(_entry(group, reasons=(str(refusal),)))
        else:
            opened.append(_entry(group, amount=row.amount_requested, application_id=row.id))
    result = _result(code, fy, plan, opened, refused, saved=True)
    if opened:
        uow.record_event(
            "open_round",
            "application",
            "",
            programme=code,
            fiscal_year=fy,
            opened=result.count,
            total=result.total,
            lacking=len(result.lacking),
            skipped=len(result.skipped),
            refused=len(result.refused),
        )
    return result
