"""Printing (印刷): a record's form as PDF bytes, blank forms, and a 年度's batch in one PDF.

Printing is reading: it follows the same office bounds, and every print is audited (who
printed which record's form), since the paper carries personal information.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kyodo_desktop.forms.catalogue import APPLICATION_FORMS, FormKind, Paper, render_forms
from kyodo_desktop.forms.paper import ConsultationPaper, GroupPaper
from kyodo_desktop.host.file_names import file_name as portable_file_name
from kyodo_desktop.rules import programme
from kyodo_desktop.rules.calendar import format_fiscal_year
from kyodo_desktop.rules.errors import RulesValidationError
from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services.applications.records import load_application
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.printing.papers import (
    application_paper,
    blank_application,
    consultation_paper,
    group_paper,
)
from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group


@dataclass(frozen=True)
class Printout:
    """A form ready to preview, print or save."""

    title: str  # 交付申請書　豊玉北一丁目町会
    filename: str  # 交付申請書_令和8年度_豊玉北一丁目町会.pdf
    pdf: bytes
    pages: int
    skipped: tuple[str, ...] = ()  # a batch: the records left out, each with why


@dataclass(frozen=True)
class FormOffer:
    """A form of an application and why it cannot be printed now (None: it can)."""

    kind: FormKind
    refusal: str | None


# The step whose document each form is: a 帳票 row prints the form of its step.
FORM_OF_STEP = {
    StepKind.PRIOR_CONSULTATION: FormKind.APPLICATION,
    StepKind.FILED: FormKind.APPLICATION,
    StepKind.REVIEW: FormKind.APPLICATION,
    StepKind.WITHDRAWN: FormKind.APPLICATION,
    StepKind.DECIDED: FormKind.DECISION,
    StepKind.CHANGE_APPROVED: FormKind.DECISION,
    StepKind.REJECTED: FormKind.REJECTION,
    StepKind.REPORTED: FormKind.REPORT,
    StepKind.CONFIRMED: FormKind.CONFIRMATION,
    StepKind.CLAIMED: FormKind.CLAIM,
    StepKind.ADVANCE_PAID: FormKind.CLAIM,
    StepKind.PAID: FormKind.CLAIM,
    StepKind.SETTLED: FormKind.CLAIM,
    StepKind.REFUNDED: FormKind.CLAIM,
}
_DECIDED = {StepKind.DECIDED, StepKind.CHANGE_APPROVED}


def short_label(kind: FormKind) -> str:
    """交付申請書 for 「交付申請書（事業計画書・収支予算書）」."""
    return kind.label.split("（")[0]


def file_name(*parts: str) -> str:
    """A PDF's name every PC accepts: the parts joined by _ (host/file_names.py)."""
    return portable_file_name(*parts, suffix=".pdf")


def _printout(kind: FormKind, paper: Paper, *parts: str, title: str) -> Printout:
    pdf = render_forms([(kind, paper)], title=title)
    return Printout(title, file_name(short_label(kind), *parts), pdf, _pages(pdf))


def _pages(pdf: bytes) -> int:
    # reportlab writes one "/Type /Page" object per page (and "/Type /Pages" for the tree).
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def form_refusal(kind: FormKind, row: Application, kinds: set[StepKind]) -> str | None:
    """Why ``kind`` cannot be printed for an application whose steps are ``kinds``."""
    version = programme(row.programme_code).version_for(row.fiscal_year)
    needs_report = version.needs_report if version else True
    if kind is FormKind.DECISION and not kinds & _DECIDED:
        return "交付決定通知書は交付決定の後に印刷できます。"
    if kind is FormKind.REJECTION and StepKind.REJECTED not in kinds:
        return "不採択通知書は不採択と決まった申請だけに印刷できます。"
    if kind is FormKind.CONFIRMATION and StepKind.CONFIRMED not in kinds:
        return "額の確定通知書は額の確定の後に印刷できます。"
    if kind is FormKind.REPORT:
        if not needs_report:
            return "この支援事業は実績報告のいらない支援事業です（交付決定の後に請求します）。"
        if not kinds & _DECIDED:
            return "実績報告書は交付決定の後に印刷できます。"
    if kind is FormKind.CLAIM:
        if StepKind.REFUNDED in kinds:
            return "概算払の額が確定額を上回ったため、請求はありません（返還の手続きです）。"
        ready = StepKind.CONFIRMED in kinds or (
            kinds & _DECIDED and (not needs_report or (version and version.pays_in_advance))
        )
        if not ready:
            return "請求書は額の確定の後に印刷できます（概算払の支援事業は交付決定の後）。"
    if kind not in APPLICATION_FORMS:
        return "この様式は申請の様式ではありません。"
    return None


def _step_kinds(uow: UnitOfWork, row: Application) -> set[StepKind]:
    found = uow.session.scalars(
        select(ApplicationStep.kind).where(
            ApplicationStep.application_id == row.id, ApplicationStep.deleted_at.is_(None)
        )
    )
    return {StepKind(kind) for kind in found}


def _application(uow: UnitOfWork, application_id: uuid.UUID) -> Application:
    row = load_application(uow, application_id, None)
    uow.require_office(row.office_id)
    return row


def _application_printout(uow: UnitOfWork, row: Application, kind: FormKind) -> Printout:
    refusal = form_refusal(_kind(kind), row, _step_kinds(uow, row))
    if refusal is not None:
        raise InputError(refusal, field="form")
    paper = application_paper(uow, row)
    uow.record_event("print", "application", row.id, form=str(kind))
    fiscal = format_fiscal_year(row.fiscal_year)
    return _printout(
        kind, paper, fiscal, paper.group.name, title=f"{short_label(kind)}　{paper.group.name}"
    )


def _kind(kind: object) -> FormKind:
    try:
        return FormKind(kind)
    except ValueError:
        names = "、".join(k.value for k in FormKind)
        raise InputError(
            f"様式「{kind}」はありません（使える様式: {names}）。", field="form"
        ) from None


@service("print.application", Permission.READ)
def print_application(uow: UnitOfWork, application_id: uuid.UUID, kind: FormKind) -> Printout:
    """One form of an application, filled from its records."""
    return _application_printout(uow, _application(uow, application_id), _kind(kind))


@service("print.application_offers", Permission.READ)
def application_form_offers(uow: UnitOfWork, application_id: uuid.UUID) -> tuple[FormOffer, ...]:
    """Every form of an application, each with why it cannot be printed now (or None)."""
    row = _application(uow, application_id)
    kinds = _step_kinds(uow, row)
    return tuple(FormOffer(kind, form_refusal(kind, row, kinds)) for kind in APPLICATION_FORMS)


@service("print.document", Permission.READ)
def print_document(uow: UnitOfWork, step_id: uuid.UUID) -> Printout:
    """The form of a 帳票 row: the document its step issued or received."""
    step = uow.session.get(ApplicationStep, step_id) if isinstance(step_id, uuid.UUID) else None
    if step is None or step.deleted_at is not None:
        raise NotFoundError("この帳票の記録は見つかりません（削除された可能性があります）。")
    row = _application(uow, step.application_id)
    return _application_printout(uow, row, FORM_OF_STEP[StepKind(step.kind)])


@service("print.consultation", Permission.READ)
def print_consultation(uow: UnitOfWork, consultation_id: uuid.UUID) -> Printout:
    """The 相談記録票 of one consultation."""
    row = (
        uow.session.get(Consultation, consultation_id)
        if isinstance(consultation_id, uuid.UUID)
        else None
    )
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この相談記録は見つかりません（削除された可能性があります）。")
    uow.require_office(row.office_id)
    paper = consultation_paper(uow, row)
    uow.record_event("print", "consultation", row.id, form=str(FormKind.CONSULTATION))
    who = paper.group.name if paper.group else paper.person_name
    day = row.occurred_on.isoformat()
    return _printout(FormKind.CONSULTATION, paper, day, who, title=f"相談記録票　{who or day}")


@service("print.group", Permission.READ)
def print_group(uow: UnitOfWork, group_id: uuid.UUID, *, today: date | None = None) -> Printout:
    """The 団体台帳 card of one group, with its support history as far as the officer sees."""
    row = uow.session.get(Group, group_id) if isinstance(group_id, uuid.UUID) else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この団体の記録は見つかりません（削除された可能性があります）。")
    paper = group_paper(uow, row, today or date.today())
    uow.record_event("print", "group", row.id, form=str(FormKind.GROUP))
    return _printout(FormKind.GROUP, paper, row.name, title=f"団体台帳　{row.name}")


@service("print.blank", Permission.READ)
def print_blank(uow: UnitOfWork, kind: FormKind, programme_code: str | None = None) -> Printout:
    """A blank form to fill by hand; the application forms need their programme."""
    form = _kind(kind)
    if form in APPLICATION_FORMS:
        if not programme_code:
            raise InputError(
                "申請の様式は支援事業を選んでから印刷してください。", field="programme"
            )
        try:
            prog = programme(programme_code)
        except (KeyError, RulesValidationError):
            raise InputError(
                f"支援事業「{programme_code}」はありません。一覧から選んでください。",
                field="programme",
            ) from None
        paper: Paper = blank_application(prog.code)
        parts = (prog.name, "白紙")
    else:
        paper = ConsultationPaper() if form is FormKind.CONSULTATION else GroupPaper()
        parts = ("白紙",)
    return _printout(form, paper, *parts, title=f"{short_label(form)}（白紙）")


@service("print.batch", Permission.READ)
def print_batch(uow: UnitOfWork, kind: FormKind, programme_code: str, fiscal_year: int) -> Printout:
    """Every application of a programme and 年度 in one PDF (the ① round for every 町会).

    An application whose form cannot be printed yet (a 交付決定通知書 before the decision)
    is left out and named in ``skipped``; a counter officer prints their office's only.
    """
    form = _kind(kind)
    if form not in APPLICATION_FORMS:
        raise InputError("一括印刷できるのは申請の様式です。", field="form")
    try:
        prog = programme(programme_code)
    except (KeyError, RulesValidationError):
        raise InputError(f"支援事業「{programme_code}」はありません。", field="programme") from None
    query = (
        select(Application)
        .join(Project, Project.id == Application.project_id)
        .join(Group, Group.id == Project.group_id)
        .where(
            Application.programme_code == prog.code,
            Application.fiscal_year == fiscal_year,
            Application.deleted_at.is_(None),
        )
        .order_by(Group.name_kana, Group.name, Application.id)
    )
    if uow.office_scope is not None:
        query = query.where(Application.office_id == uow.office_scope)
    forms: list[tuple[FormKind, Paper]] = []
    skipped: list[str] = []
    for row in uow.session.scalars(query):
        paper = application_paper(uow, row)
        refusal = form_refusal(form, row, _step_kinds(uow, row))
        if refusal is not None:
            skipped.append(f"{paper.group.name}: {refusal}")
            continue
        forms.append((form, paper))
        uow.record_event("print", "application", row.id, form=str(form), batch=True)
    fiscal = format_fiscal_year(fiscal_year)
    if not forms:
        raise InputError(
            f"{fiscal} {prog.name}には印刷できる申請がありません"
            f"（申請 {len(skipped)}件、うち印刷できないもの {len(skipped)}件）。",
            field="fiscal_year",
        )
    title = f"{fiscal}　{prog.name}　{short_label(form)}（{len(forms)}件）"
    pdf = render_forms(forms, title=title)
    name = file_name(short_label(form), fiscal, prog.name, f"{len(forms)}件")
    return Printout(title, name, pdf, _pages(pdf), tuple(skipped))
