"""Logging a consultation (相談) and changing it, for the officer's own office."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kyodo_desktop.rules import search_key
from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError, StaleRecordError
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person
from kyodo_desktop.store.reference import Department, Office, Topic

MAX_TEXT = 10_000  # characters in what was asked or answered


@dataclass(frozen=True)
class ConsultationDraft:
    """A consultation as the officer fills it in at the counter."""

    occurred_on: date
    channel: str
    asked: str
    answered: str = ""
    topic_codes: tuple[str, ...] = ()
    group_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    referred_department_code: str | None = None
    follow_up_on: date | None = None
    office_code: str | None = None  # None: where it is (new: the officer's own office)


@dataclass(frozen=True)
class ConsultationView:
    """A saved consultation as the screens show it."""

    id: uuid.UUID
    row_version: int
    occurred_on: date
    office_code: str
    channel: str
    asked: str
    answered: str
    topic_codes: tuple[str, ...]
    group_id: uuid.UUID | None
    person_id: uuid.UUID | None
    referred_department_code: str | None
    follow_up_on: date | None
    follow_up_done: bool


def _is_day(value: object) -> bool:
    # A datetime is a date too, but cannot be compared with one.
    return isinstance(value, date) and not isinstance(value, datetime)


def _apply(uow: UnitOfWork, row: Consultation, draft: ConsultationDraft) -> None:
    session = uow.session
    if not _is_day(draft.occurred_on):
        raise InputError(
            "相談日を日付で入力してください（例: 令和8年4月1日）。", field="occurred_on"
        )
    if draft.occurred_on > date.today():
        raise InputError(
            "相談日が未来の日付です。相談を受けた日を入力してください。", field="occurred_on"
        )
    if draft.occurred_on < date(2006, 4, 1):
        raise InputError(
            "相談日は平成18年4月1日以降の日付を入力してください。", field="occurred_on"
        )
    if draft.channel not in {c.value for c in Channel}:
        labels = "・".join(c.label for c in Channel)
        raise InputError(f"相談の方法を選んでください（{labels}）。", field="channel")
    if draft.follow_up_on is not None and (
        not _is_day(draft.follow_up_on) or draft.follow_up_on < draft.occurred_on
    ):
        raise InputError(
            "フォロー予定日は相談日以降の日付を入力してください。", field="follow_up_on"
        )
    if draft.group_id is not None and draft.person_id is not None:
        raise InputError("相談者は団体か個人のどちらか一方を選んでください。", field="group_id")
    if draft.group_id is not None and session.get(Group, draft.group_id) is None:
        raise InputError("選んだ団体が見つかりません。団体を選び直してください。", field="group_id")
    if draft.person_id is not None and session.get(Person, draft.person_id) is None:
        raise InputError("選んだ相談者が見つかりません。選び直してください。", field="person_id")

    # A change keeps the consultation at its office unless another is chosen.
    if draft.office_code is None and row.office_id is not None:
        office = session.get(Office, row.office_id)
        office_code = office.code if office else ""
    else:
        office_code = draft.office_code or uow.actor.office_code
        office = session.scalar(select(Office).where(Office.code == office_code))
    if office is None:
        raise InputError(f"事務所コード「{office_code}」はありません。", field="office_code")
    uow.require_office(office.id)

    codes = tuple(dict.fromkeys(draft.topic_codes))
    topics = session.scalars(select(Topic).where(Topic.code.in_(codes))).all() if codes else []
    if len(topics) != len(codes):
        known = {t.code for t in topics}
        missing = "、".join(c for c in codes if c not in known)
        raise InputError(
            f"相談分類「{missing}」はありません。一覧から選んでください。", field="topic_codes"
        )
    department_id = None
    if draft.referred_department_code:
        department_id = session.scalar(
            select(Department.id).where(Department.code == draft.referred_department_code)
        )
        if department_id is None:
            raise InputError(
                "つなぎ先の所管課が見つかりません。一覧から選んでください。",
                field="referred_department_code",
            )

    asked = text_field(draft.asked, "相談内容", MAX_TEXT, field="asked", required=True, lines=True)
    answered = text_field(draft.answered, "対応内容", MAX_TEXT, field="answered", lines=True)
    row.occurred_on = draft.occurred_on
    row.office_id = office.id
    row.staff_id = row.staff_id or uow.actor.staff_id
    row.channel = draft.channel
    row.group_id = draft.group_id
    row.person_id = draft.person_id
    row.asked = asked
    row.answered = answered
    row.text_key = search_key(f"{asked}\n{answered}")
    row.referred_department_id = department_id
    row.follow_up_on = draft.follow_up_on
    row.topics = list(topics)
    row.topic_codes = topic_list(topics)


def topic_list(topics: list[Topic] | tuple[Topic, ...]) -> str:
    """The topics' codes as the consultation keeps a copy of them (its figures' index)."""
    return ",".join(sorted(topic.code for topic in topics))


@service("consultation.log", Permission.WRITE, input_type=ConsultationDraft)
def log_consultation(uow: UnitOfWork, draft: ConsultationDraft) -> uuid.UUID:
    """Save a new consultation; its id."""
    row = Consultation(id=uuid.uuid4())
    _apply(uow, row, draft)
    uow.session.add(row)
    uow.session.flush()
    return row.id


def _load(uow: UnitOfWork, consultation_id: uuid.UUID) -> Consultation:
    row = uow.session.scalar(
        select(Consultation)
        .options(selectinload(Consultation.topics))
        .where(Consultation.id == consultation_id)
    )
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この相談記録は見つかりません（削除された可能性があります）。")
    uow.require_office(row.office_id)
    return row


def _view(uow: UnitOfWork, row: Consultation) -> ConsultationView:
    loaded = uow.session.scalars(
        select(Consultation)
        .options(selectinload(Consultation.topics), selectinload(Consultation.office))
        .options(selectinload(Consultation.referred_department))
        .where(Consultation.id == row.id)
    ).one()
    return ConsultationView(
        id=loaded.id,
        row_version=loaded.row_version,
        occurred_on=loaded.occurred_on,
        office_code=loaded.office.code,
        channel=loaded.channel,
        asked=loaded.asked,
        answered=loaded.answered,
        topic_codes=tuple(t.code for t in sorted(loaded.topics, key=lambda t: t.sort_order)),
        group_id=loaded.group_id,
        person_id=loaded.person_id,
        referred_department_code=loaded.referred_department.code
        if loaded.referred_department
        else None,
        follow_up_on=loaded.follow_up_on,
        follow_up_done=loaded.follow_up_done,
    )


@service("consultation.get", Permission.READ)
def get_consultation(uow: UnitOfWork, consultation_id: uuid.UUID) -> ConsultationView:
    return _view(uow, _load(uow, consultation_id))


@service("consultation.change", Permission.WRITE)
def change_consultation(
    uow: UnitOfWork, consultation_id: uuid.UUID, draft: ConsultationDraft, *, row_version: int
) -> ConsultationView:
    """Change a consultation opened at `row_version`; refused if someone changed it since."""
    row = _load(uow, consultation_id)
    if row.row_version != row_version:  # the version the officer opened
        raise StaleRecordError(STALE_MESSAGE)
    _apply(uow, row, draft)
    uow.session.flush()
    return _view(uow, row)


@service("consultation.delete", Permission.WRITE)
def delete_consultation(uow: UnitOfWork, consultation_id: uuid.UUID) -> None:
    """Delete a consultation: a tombstone, so that the offices' records merge."""
    from kyodo_desktop.store.base import utcnow

    row = _load(uow, consultation_id)
    row.deleted_at = utcnow()


@service("consultation.follow_up_done", Permission.WRITE)
def complete_follow_up(uow: UnitOfWork, consultation_id: uuid.UUID, *, row_version: int) -> int:
    """Mark a consultation's follow-up (フォロー) done; its new row version.

    Refused if someone changed the consultation since the officer's list was read
    (the follow-up may have been moved or done already).
    """
    row = _load(uow, consultation_id)
    if row.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)
    if row.follow_up_on is None:
        raise InputError("この相談記録にはフォロー予定日がありません。", field="follow_up_on")
    if row.follow_up_done:
        raise InputError("このフォローは完了済みです。", field="follow_up_done")
    row.follow_up_done = True
    uow.session.flush()
    return row.row_version
