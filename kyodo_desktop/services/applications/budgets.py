"""An application's figures: the 収支予算 / 収支決算 lines and ⑤'s months, saved together."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from kyodo_desktop.services.applications.drafts import (
    BudgetLineDraft,
    MonthDraft,
    amount,
    clean_lines,
    clean_months,
)
from kyodo_desktop.services.applications.records import load_application, store_months
from kyodo_desktop.services.applications.view import ApplicationView, stage_refusal, view_of
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.applications import Application, BudgetLine
from kyodo_desktop.store.base import utcnow


@service("application.set_lines", Permission.WRITE)
def set_budget_lines(
    uow: UnitOfWork,
    application_id: uuid.UUID,
    stage: str,
    lines: tuple[BudgetLineDraft, ...],
    *,
    row_version: int,
    months: tuple[MonthDraft, ...] | None = None,
    operating_cost: int | None = None,
) -> ApplicationView:
    """Replace the 収支予算 (until the 実績報告) or the 収支決算 (until the 額の確定).

    For ⑤ the months (and, in the budget, the 運営費) are saved in the same transaction, so
    a refused month leaves the lines as they were too. ``months=None`` keeps the months.
    """
    row = _open(uow, application_id, stage, row_version)
    cleaned = clean_lines(lines, stage)
    if months is not None or operating_cost is not None:
        _store_hiroba(uow, row, stage, months, operating_cost)
    for old in uow.session.scalars(
        select(BudgetLine).where(
            BudgetLine.application_id == row.id,
            BudgetLine.stage == stage,
            BudgetLine.deleted_at.is_(None),
        )
    ):
        old.deleted_at = utcnow()  # never deleted: the audit trail keeps what it said
    for position, line in enumerate(cleaned):
        uow.session.add(
            BudgetLine(
                id=uuid.uuid4(),
                application_id=row.id,
                stage=stage,
                position=position,
                side=line.side,
                item=line.item,
                amount=line.amount,
                note=line.note,
            )
        )
    flag_modified(row, "purpose")  # the application's version moves with its lines
    uow.session.flush()
    return view_of(uow, row)


@service("application.set_months", Permission.WRITE)
def set_months(
    uow: UnitOfWork,
    application_id: uuid.UUID,
    stage: str,
    months: tuple[MonthDraft, ...],
    operating_cost: int | None,
    *,
    row_version: int,
) -> ApplicationView:
    """⑤: the months planned (budget) or as they happened (actual), and the 運営費."""
    row = _open(uow, application_id, stage, row_version)
    _store_hiroba(uow, row, stage, months, operating_cost)
    flag_modified(row, "purpose")
    uow.session.flush()
    return view_of(uow, row)


def _open(uow: UnitOfWork, application_id: object, stage: str, row_version: int) -> Application:
    row = load_application(uow, application_id, row_version)
    uow.require_office(row.office_id)
    refusal = stage_refusal(row.status, stage)
    if refusal is not None:
        raise InputError(refusal, field="stage")
    return row


def _store_hiroba(
    uow: UnitOfWork,
    row: Application,
    stage: str,
    months: tuple[MonthDraft, ...] | None,
    operating_cost: int | None,
) -> None:
    if row.programme_code != "hiroba":
        raise InputError("開催日数・会場費は相談情報ひろば運営支援だけの項目です。", field="months")
    if months is not None:
        store_months(uow, row, stage, clean_months(months, row.fiscal_year))
    if operating_cost is not None and stage == "budget":
        row.operating_cost = amount(operating_cost, "運営費", "operating_cost")
