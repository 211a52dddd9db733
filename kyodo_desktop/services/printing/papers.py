"""Reading the records into the plain papers the forms are filled with (forms/paper.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kyodo_desktop.forms.paper import (
    ApplicationPaper,
    AwardLine,
    ConsultationPaper,
    Figures,
    GroupPaper,
    Line,
    MonthFigures,
    Party,
    Step,
)
from kyodo_desktop.rules import programme
from kyodo_desktop.rules.calendar import fiscal_year_range
from kyodo_desktop.rules.formulas import jichi_amount
from kyodo_desktop.rules.groups import GroupKind
from kyodo_desktop.rules.programmes import Formula
from kyodo_desktop.rules.vocabulary import Channel, StepKind
from kyodo_desktop.services.applications.view import ApplicationView, StepView, view_of
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.rule_settings import rule_settings_in
from kyodo_desktop.store.applications import Application, Project
from kyodo_desktop.store.awards import project_awards
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Office

# ⑥ 地域おこしプロジェクト: 「３年度を上限」 counts the 年度 with an award.
COUNTS_AWARD_YEARS = "okoshi"


def kind_label(kind: str) -> str:
    try:
        return GroupKind(kind).label
    except ValueError:
        return kind


def party_of(group: Group) -> Party:
    return Party(
        name=group.name,
        kind_label=kind_label(group.kind),
        postal_code=group.postal_code,
        address=group.address,
        representative=group.representative,
        phone=group.phone,
        email=group.email,
    )


def blank_application(programme_code: str) -> ApplicationPaper:
    """An application form with nothing filled but its programme, to write by hand."""
    prog = programme(programme_code)
    version = prog.latest
    return ApplicationPaper(programme_code, prog.name, run_by=version.run_by or "")


def application_paper(uow: UnitOfWork, row: Application) -> ApplicationPaper:
    view = view_of(uow, row)
    group = uow.session.get(Group, view.group_id)
    assert group is not None
    prog = programme(row.programme_code)
    version = prog.version_for(row.fiscal_year) or prog.latest
    decided = _last(view, StepKind.DECIDED, StepKind.CHANGE_APPROVED)
    starts_on, ends_on = _period(view, row.fiscal_year)
    return ApplicationPaper(
        programme_code=row.programme_code,
        programme_name=prog.name,
        fiscal_year=row.fiscal_year,
        division_label=view.division_label,
        office=view.office_name,
        run_by=version.run_by or "",
        group=party_of(group),
        project_title=view.project.title,
        project_description=view.project.description,
        purpose=view.purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        department_name=view.project.department_name,
        amount_requested=view.amount_requested,
        households=view.households,
        households_counted_on=view.households_counted_on,
        calculation=_calculation(uow, row, view),
        award_year=_award_year(uow, row),
        budget=_figures(view, "budget", view.operating_cost),
        actual=_figures(view, "actual", None),
        filed=_step(_last(view, StepKind.FILED)),
        decided=_step(decided, view.amount_decided),
        decision_changed=decided is not None and decided.kind is StepKind.CHANGE_APPROVED,
        rejected=_step(_last(view, StepKind.REJECTED)),
        reported=_step(_last(view, StepKind.REPORTED)),
        confirmed=_step(_last(view, StepKind.CONFIRMED), view.amount_confirmed),
        claimed=_step(_last(view, StepKind.CLAIMED)),
        advance_paid=_step(_last(view, StepKind.ADVANCE_PAID)),
    )


def _period(view: ApplicationView, fiscal_year: int) -> tuple[date | None, date | None]:
    """The 事業期間 of this 年度's application: the project's period within the 年度.

    A standing project (① every year since 平成19年) or one of several 年度 (⑥) is applied
    for 年度 by 年度; the form names the part of it this application pays for.
    """
    first, last = fiscal_year_range(fiscal_year)
    starts_on, ends_on = view.project.starts_on, view.project.ends_on
    if starts_on is None and ends_on is None:
        return None, None
    starts_on = max(starts_on, first) if starts_on else first
    ends_on = min(ends_on, last) if ends_on else last
    if starts_on > ends_on:  # a project outside its application's 年度: print it as it is
        return view.project.starts_on, view.project.ends_on
    return starts_on, ends_on


def _last(view: ApplicationView, *kinds: StepKind) -> StepView | None:
    return next((step for step in reversed(view.steps) if step.kind in kinds), None)


def _step(step: StepView | None, amount: int | None = None) -> Step | None:
    if step is None:
        return None
    return Step(
        on=step.occurred_on,
        document_number=step.document_number,
        amount=amount if amount is not None else step.amount,
        note=step.note,
        officer=step.staff_name,
    )


def _figures(view: ApplicationView, stage: str, operating_cost: int | None) -> Figures:
    lines = view.lines.get(stage, ())
    return Figures(
        income=tuple(Line(li.item, li.amount, li.note) for li in lines if li.side == "income"),
        spending=tuple(Line(li.item, li.amount, li.note) for li in lines if li.side != "income"),
        months=tuple(
            MonthFigures(m.year, m.month, m.days_opened, m.venue_cost)
            for m in view.months.get(stage, ())
        ),
        operating_cost=operating_cost,
    )


def _calculation(
    uow: UnitOfWork, row: Application, view: ApplicationView
) -> tuple[tuple[str, int], ...]:
    """① 基礎割・世帯割 worked out by the rules, as the application's households stand."""
    prog = programme(row.programme_code)
    version = prog.version_for(row.fiscal_year) or prog.latest
    division = version.division(row.division)
    if division.formula is not Formula.JICHI or division.jichi is None:
        return ()
    if view.households is None:
        return ()
    settings = rule_settings_in(uow.session)
    grant = jichi_amount(
        view.households, division.jichi, count_part_blocks=settings.jichi_count_part_blocks
    )
    return (("基礎割", grant.base), ("世帯割", grant.per_household), ("合計", grant.total))


def _award_year(uow: UnitOfWork, row: Application) -> int | None:
    if row.programme_code != COUNTS_AWARD_YEARS:
        return None
    awards = project_awards(uow.session, row.project_id, row.programme_code, excluding=row.id)
    return len({a.fiscal_year for a in awards if a.fiscal_year < row.fiscal_year}) + 1


def consultation_paper(uow: UnitOfWork, row: Consultation) -> ConsultationPaper:
    session = uow.session
    loaded = session.scalars(
        select(Consultation)
        .options(selectinload(Consultation.topics), selectinload(Consultation.referred_department))
        .where(Consultation.id == row.id)
    ).one()
    office = session.get(Office, loaded.office_id)
    staff = session.get(Staff, loaded.staff_id)
    group = session.get(Group, loaded.group_id) if loaded.group_id else None
    person = session.get(Person, loaded.person_id) if loaded.person_id else None
    try:
        channel = Channel(loaded.channel).label
    except ValueError:
        channel = loaded.channel
    return ConsultationPaper(
        occurred_on=loaded.occurred_on,
        office=office.name if office else "",
        officer=staff.name if staff else "",
        channel_label=channel,
        channels=tuple(c.label for c in Channel),
        group=party_of(group) if group else None,
        person_name=person.name if person else "",
        person_phone=person.phone if person else "",
        person_address=person.address if person else "",
        consent_to_share=person.consent_to_share if person else None,
        topics=tuple(t.name for t in sorted(loaded.topics, key=lambda t: t.sort_order)),
        asked=loaded.asked,
        answered=loaded.answered,
        referred_department=loaded.referred_department.name if loaded.referred_department else "",
        follow_up_on=loaded.follow_up_on,
        follow_up_done=loaded.follow_up_done,
        record_number=record_number(loaded.id),
    )


def record_number(record_id: object) -> str:
    """A short reference printed on internal records (the id's first 8 hex digits)."""
    return str(record_id).replace("-", "")[:8].upper()


def group_paper(uow: UnitOfWork, row: Group, today: object) -> GroupPaper:
    session = uow.session
    office = session.get(Office, row.office_id)
    query = (
        select(Application, Project.title)
        .join(Project, Project.id == Application.project_id)
        .where(Project.group_id == row.id, Application.deleted_at.is_(None))
        .order_by(Application.fiscal_year, Application.programme_code)
    )
    if uow.office_scope is not None:  # applications are read office by office
        query = query.where(Application.office_id == uow.office_scope)
    awards = []
    for application, title in session.execute(query):
        status = StepKind(application.status).label if application.status else ""
        amount = application.amount_confirmed or application.amount_decided
        awards.append(
            AwardLine(
                application.fiscal_year,
                programme(application.programme_code).label,
                title,
                status,
                amount if amount is not None else application.amount_requested,
            )
        )
    return GroupPaper(
        party=party_of(row),
        name_kana=row.name_kana,
        office=office.name if office else "",
        households=row.households,
        households_counted_on=row.households_counted_on,
        founded_on=row.founded_on,
        active=row.active,
        notes=row.notes,
        awards=tuple(awards),
        printed_on=today,  # type: ignore[arg-type]
        record_number=record_number(row.id),
    )
