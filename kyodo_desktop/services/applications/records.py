"""Reading an application's records inside a use case, and writing its ⑤ months."""

from __future__ import annotations

import uuid

from kyodo_desktop.services.applications.drafts import MonthDraft
from kyodo_desktop.services.applications.judging import months_of
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork
from kyodo_desktop.services.errors import NotFoundError, StaleRecordError
from kyodo_desktop.store.applications import Application, ApplicationMonth, Project
from kyodo_desktop.store.base import utcnow
from kyodo_desktop.store.groups import Group


def load_group(uow: UnitOfWork, group_id: object) -> Group:
    row = uow.session.get(Group, group_id) if isinstance(group_id, uuid.UUID) else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この団体の記録は見つかりません（削除された可能性があります）。")
    return row


def load_project(uow: UnitOfWork, project_id: object) -> Project:
    row = uow.session.get(Project, project_id) if isinstance(project_id, uuid.UUID) else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この事業の記録は見つかりません。団体の事業を選び直してください。")
    return row


def load_application(
    uow: UnitOfWork, application_id: object, row_version: int | None
) -> Application:
    row = (
        uow.session.get(Application, application_id)
        if isinstance(application_id, uuid.UUID)
        else None
    )
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この申請の記録は見つかりません（削除された可能性があります）。")
    if row_version is not None and row.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)
    return row


def store_months(
    uow: UnitOfWork, row: Application, stage: str, months: tuple[MonthDraft, ...]
) -> None:
    for old in months_of(uow, row.id, stage):
        old.deleted_at = utcnow()
    for month in months:
        uow.session.add(
            ApplicationMonth(
                id=uuid.uuid4(),
                application_id=row.id,
                stage=stage,
                year=month.year,
                month=month.month,
                days_opened=month.days_opened,
                venue_cost=month.venue_cost,
            )
        )
    uow.session.flush()
