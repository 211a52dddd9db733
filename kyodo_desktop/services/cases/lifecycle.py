"""Support cases (支援ケース): a group followed over months by a lead officer of one office.

Cases are office-bound like consultations: a counter officer opens, sees and changes only
their own office's (services/permissions.py). A case is never deleted; it is closed (終結)
and may be reopened. Its next action (次の対応) with a due date joins 今日のフォロー.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import CaseEventKind, CaseStatus
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.cases.drafts import (
    CaseChange,
    CaseDraft,
    CaseTimeline,
    CaseView,
    Choice,
    NextAction,
)
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.store.case_timeline import TimelineLine
from kyodo_desktop.store.case_timeline import case_timeline as timeline_lines
from kyodo_desktop.store.cases import CaseEvent, SupportCase
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office

__all__ = [
    "CaseChange",
    "CaseDraft",
    "CaseTimeline",
    "CaseView",
    "Choice",
    "NextAction",
    "TimelineLine",
    "case_timeline",
    "close_case",
    "complete_next_action",
    "edit_case",
    "get_case",
    "lead_officers",
    "open_case",
    "reopen_case",
    "set_next_action",
]

MAX_TITLE = 120
MAX_PURPOSE = 2_000
MAX_ACTION = 200
MAX_SUMMARY = 10_000
OPEN_STATUSES = (CaseStatus.ACTIVE.value, CaseStatus.WATCHING.value)


def day_field(value: object, label: str, field: str, *, not_before: date | None = None) -> date:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InputError(f"{label}を日付で入力してください（例: 令和8年4月1日）。", field=field)
    if value > date.today():
        raise InputError(f"{label}が未来の日付です。", field=field)
    if not_before is not None and value < not_before:
        raise InputError(f"{label}は支援ケースの開始日以降の日付を入力してください。", field=field)
    return value


def _lead(uow: UnitOfWork, staff_id: object) -> Staff:
    staff = uow.session.get(Staff, staff_id) if isinstance(staff_id, uuid.UUID) else None
    if staff is None or staff.deleted_at is not None or not staff.active:
        raise InputError(
            "担当職員が見つかりません。一覧から選び直してください。", field="lead_staff_id"
        )
    return staff


def _next_action(case: SupportCase, text: object, due: object) -> None:
    text = text_field(text, "次の対応", MAX_ACTION, field="next_action")
    if due is not None:
        if not isinstance(due, date) or isinstance(due, datetime):
            raise InputError("次の対応の期限を日付で入力してください。", field="next_action_due")
        if due < case.opened_on:
            raise InputError(
                "次の対応の期限は支援ケースの開始日以降の日付を入力してください。",
                field="next_action_due",
            )
        if not text:
            raise InputError("期限を決めた次の対応の内容を入力してください。", field="next_action")
    case.next_action = text
    case.next_action_due = due


def _describe(uow: UnitOfWork, case: SupportCase, title: object, purpose: object) -> None:
    case.title = text_field(title, "ケース名", MAX_TITLE, field="title", required=True)
    case.purpose = text_field(purpose, "支援の目的", MAX_PURPOSE, field="purpose", lines=True)


def load_case(uow: UnitOfWork, case_id: object, row_version: int | None = None) -> SupportCase:
    case = uow.session.get(SupportCase, case_id) if isinstance(case_id, uuid.UUID) else None
    if case is None or case.deleted_at is not None:
        raise NotFoundError("この支援ケースは見つかりません（削除された可能性があります）。")
    uow.require_office(case.office_id)
    if row_version is not None and case.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)  # changed since the officer opened it
    return case


def _view(uow: UnitOfWork, case: SupportCase) -> CaseView:
    session = uow.session
    group, office = session.get(Group, case.group_id), session.get(Office, case.office_id)
    lead = session.get(Staff, case.lead_staff_id)
    return CaseView(
        case.id,
        case.row_version,
        case.group_id,
        group.name if group else "",
        office.code if office else "",
        office.name if office else "",
        case.lead_staff_id,
        lead.name if lead else "",
        case.title,
        case.purpose,
        case.status,
        case.opened_on,
        case.closed_on,
        case.next_action,
        case.next_action_due,
    )


@service("case.open", Permission.WRITE, input_type=CaseDraft)
def open_case(uow: UnitOfWork, draft: CaseDraft) -> uuid.UUID:
    """Open a case for a group at the officer's office (or the one chosen); its id."""
    session = uow.session
    group = session.get(Group, draft.group_id) if isinstance(draft.group_id, uuid.UUID) else None
    if group is None or group.deleted_at is not None:
        raise InputError("選んだ団体が見つかりません。団体を選び直してください。", field="group_id")
    code = uow.actor.office_code if draft.office_code is None else draft.office_code
    office = session.scalar(select(Office).where(Office.code == code, Office.deleted_at.is_(None)))
    if office is None:
        raise InputError(f"事務所コード「{code}」はありません。", field="office_code")
    uow.require_office(office.id)
    if draft.status not in OPEN_STATUSES:
        raise InputError("新しい支援ケースの状況は対応中か見守りを選んでください。", field="status")
    opened_on = date.today() if draft.opened_on is None else draft.opened_on
    opened_on = day_field(opened_on, "開始日", "opened_on")
    lead = uow.actor.staff_id if draft.lead_staff_id is None else draft.lead_staff_id
    case = SupportCase(
        id=uuid.uuid4(),
        group_id=group.id,
        office_id=office.id,
        lead_staff_id=_lead(uow, lead).id,
        status=draft.status,
        opened_on=opened_on,
        closed_on=None,
    )
    _describe(uow, case, draft.title, draft.purpose)
    _next_action(case, draft.next_action, draft.next_action_due)
    session.add(case)
    session.flush()
    return case.id


@service("case.get", Permission.READ)
def get_case(uow: UnitOfWork, case_id: uuid.UUID) -> CaseView:
    return _view(uow, load_case(uow, case_id))


@service("case.edit", Permission.WRITE, input_type=CaseChange)
def edit_case(
    uow: UnitOfWork, case_id: uuid.UUID, change: CaseChange, *, row_version: int
) -> CaseView:
    """Change a case opened at `row_version`; closing and reopening have their own acts."""
    case = load_case(uow, case_id, row_version)
    if case.status == CaseStatus.CLOSED.value:
        if change.status != case.status:
            raise InputError(
                "終結した支援ケースです。再開してから変更してください。", field="status"
            )
    elif change.status not in OPEN_STATUSES:
        raise InputError(
            "状況は対応中か見守りを選んでください（終結は「終結」から）。", field="status"
        )
    _describe(uow, case, change.title, change.purpose)
    case.lead_staff_id = _lead(uow, change.lead_staff_id).id
    case.status = change.status
    if case.status != CaseStatus.CLOSED.value:
        _next_action(case, change.next_action, change.next_action_due)
    uow.session.flush()
    return _view(uow, case)


@service("case.close", Permission.WRITE)
def close_case(
    uow: UnitOfWork, case_id: uuid.UUID, *, row_version: int, closed_on: date | None = None
) -> CaseView:
    """Close a case (終結) on `closed_on` (today by default); its next action is dropped."""
    case = load_case(uow, case_id, row_version)
    if case.status == CaseStatus.CLOSED.value:
        raise InputError("この支援ケースはすでに終結しています。", field="status")
    case.closed_on = day_field(
        date.today() if closed_on is None else closed_on,
        "終結日",
        "closed_on",
        not_before=case.opened_on,
    )
    case.status = CaseStatus.CLOSED.value
    case.next_action, case.next_action_due = "", None
    uow.session.flush()
    return _view(uow, case)


@service("case.reopen", Permission.WRITE)
def reopen_case(uow: UnitOfWork, case_id: uuid.UUID, *, row_version: int) -> CaseView:
    """Take a closed case up again (対応中)."""
    case = load_case(uow, case_id, row_version)
    if case.status != CaseStatus.CLOSED.value:
        raise InputError("この支援ケースは終結していません。", field="status")
    case.status, case.closed_on = CaseStatus.ACTIVE.value, None
    uow.session.flush()
    return _view(uow, case)


@service("case.set_next_action", Permission.WRITE, input_type=NextAction)
def set_next_action(
    uow: UnitOfWork, case_id: uuid.UUID, action: NextAction, *, row_version: int
) -> CaseView:
    case = load_case(uow, case_id, row_version)
    if case.status == CaseStatus.CLOSED.value:
        raise InputError("終結した支援ケースです。再開してから次の対応を決めてください。")
    _next_action(case, action.text, action.due_on)
    uow.session.flush()
    return _view(uow, case)


@service("case.next_action_done", Permission.WRITE)
def complete_next_action(uow: UnitOfWork, case_id: uuid.UUID, *, row_version: int) -> int:
    """Mark the next action done: it leaves the follow-ups and is noted on the timeline."""
    case = load_case(uow, case_id, row_version)
    if not case.next_action:
        raise InputError("この支援ケースには次の対応がありません。", field="next_action")
    uow.session.add(
        CaseEvent(
            id=uuid.uuid4(),
            case_id=case.id,
            occurred_on=max(date.today(), case.opened_on),
            kind=CaseEventKind.NOTE.value,
            staff_id=uow.actor.staff_id or case.lead_staff_id,
            summary=f"次の対応を完了: {case.next_action}",
        )
    )
    case.next_action, case.next_action_due = "", None
    uow.session.flush()
    return case.row_version


@service("case.timeline", Permission.READ)
def case_timeline(uow: UnitOfWork, case_id: uuid.UUID) -> CaseTimeline:
    """The case and its timeline, oldest first, as far as the officer may see."""
    case = load_case(uow, case_id)
    lines = timeline_lines(uow.session, case, uow.office_scope, date.today())
    return CaseTimeline(_view(uow, case), tuple(lines))


def lead_officers(database: Database, actor: Actor, office_code: str | None = None) -> list[Choice]:
    """The active staff of the case's office (the officer's own by default), to lead it."""
    if not allows(actor, Permission.READ):
        raise PermissionDeniedError(DENIED[Permission.READ])
    code = actor.office_code if office_code is None else office_code
    with database.reading() as session:
        rows = session.execute(
            select(Staff.id, Staff.name)
            .join(Office, Office.id == Staff.office_id)
            .where(Office.code == code, Staff.active.is_(True), Staff.deleted_at.is_(None))
            .order_by(Staff.name_kana, Staff.name)
        )
        return [Choice(staff_id, name) for staff_id, name in rows]
