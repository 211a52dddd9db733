"""Residents who consult as individuals (相談者): register, change, open their record.

Only what the work needs is kept, and consent to share is recorded with its date. Opening a
person's record is itself audited (a ``view`` entry: who looked, when, and how many of the
person's consultations they saw counted). An officer bound to an office (窓口職員, 閲覧)
sees the persons registered at their office or who consulted there.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, select

from kyodo_desktop.rules import (
    RulesValidationError,
    normalize_phone,
    normalize_postal_code,
    search_key,
)
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StaleRecordError,
)
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.people import Person
from kyodo_desktop.store.reference import Office

FIRST_DAY = date(2006, 4, 1)  # the ward's records begin with FY2006 (平成18年度)
MAX_NAME = 60
MAX_KANA = 120
MAX_ADDRESS = 200  # with the postal code in front
MAX_NOTES = 2_000
# The postal code is kept at the head of the address (〒176-8501 練馬区豊玉北6-12-1).
_POSTAL_PREFIX = re.compile(r"^〒(\d{3}-\d{4})\s*")
ANONYMISED_MESSAGE = (
    "この相談者の情報は保存期間を過ぎたため匿名化されています。変更はできません。"
    "改めて相談を受けるときは、新しく登録してください。"
)


@dataclass(frozen=True)
class PersonDraft:
    """A person's details as the officer fills them in."""

    name: str
    name_kana: str = ""
    phone: str = ""
    postal_code: str = ""
    address: str = ""
    consent_to_share: bool = False
    # The day the person agreed (default: today); ignored without consent.
    consent_recorded_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class PersonView:
    """A person's record as the screens show it."""

    id: uuid.UUID
    row_version: int
    origin_office: str
    name: str
    name_kana: str
    phone: str
    postal_code: str
    address: str
    consent_to_share: bool
    consent_recorded_on: date | None
    last_contact_on: date | None
    anonymised_on: date | None
    notes: str
    consultations: int  # the consultations this officer may see


def _day(value: object, label: str, *, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InputError(f"{label}を日付で入力してください（例: 令和8年4月1日）。", field=field)
    if value > date.today():
        raise InputError(f"{label}が未来の日付です。実際の日付を入力してください。", field=field)
    if value < FIRST_DAY:
        raise InputError(f"{label}は平成18年4月1日以降の日付を入力してください。", field=field)
    return value


def _apply(row: Person, draft: PersonDraft) -> None:
    if not isinstance(draft, PersonDraft):
        raise InputError("相談者の情報を入力してください。")
    name = text_field(draft.name, "氏名", MAX_NAME, field="name", required=True)
    kana = text_field(draft.name_kana, "フリガナ", MAX_KANA, field="name_kana")
    phone = text_field(draft.phone, "電話番号", 40, field="phone")
    postal = text_field(draft.postal_code, "郵便番号", 20, field="postal_code")
    address = text_field(draft.address, "住所", MAX_ADDRESS, field="address")
    notes = text_field(draft.notes, "備考", MAX_NOTES, field="notes", lines=True)
    try:
        if phone:
            phone = normalize_phone(phone)
    except RulesValidationError as error:
        raise InputError(str(error), field="phone") from error
    try:
        if postal:
            postal = normalize_postal_code(postal)
    except RulesValidationError as error:
        raise InputError(str(error), field="postal_code") from error
    if postal:
        address = f"〒{postal} {address}".strip()
        if len(address) > MAX_ADDRESS:
            raise InputError(
                f"住所が長すぎます。郵便番号と合わせて{MAX_ADDRESS}文字以内で入力してください。",
                field="address",
            )
    if not isinstance(draft.consent_to_share, bool):
        raise InputError(
            "情報共有への同意は「あり」か「なし」で選んでください。", field="consent_to_share"
        )
    if draft.consent_to_share:
        consent_on = draft.consent_recorded_on
        if consent_on is None:
            consent_on = (
                row.consent_recorded_on
                if row.consent_to_share and row.consent_recorded_on
                else date.today()
            )
        consent_on = _day(consent_on, "同意を得た日", field="consent_recorded_on")
    else:
        consent_on = None
    row.name = name
    row.name_kana = kana
    row.name_key = search_key(name + kana)
    row.phone = phone
    row.address = address
    row.consent_to_share = draft.consent_to_share
    row.consent_recorded_on = consent_on
    row.notes = notes


def _consultations(uow: UnitOfWork, person_id: uuid.UUID):  # type: ignore[no-untyped-def]
    query = select(func.count()).where(
        Consultation.person_id == person_id, Consultation.deleted_at.is_(None)
    )
    if uow.office_scope is not None:
        query = query.where(Consultation.office_id == uow.office_scope)
    return query


def _load(uow: UnitOfWork, person_id: uuid.UUID) -> Person:
    row = uow.session.get(Person, person_id) if isinstance(person_id, uuid.UUID) else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError("この相談者の記録は見つかりません（削除された可能性があります）。")
    scope = uow.office_scope
    if scope is not None and row.origin_office != uow.actor.office_code:
        consulted_here = uow.session.scalar(
            select(
                exists().where(
                    Consultation.person_id == row.id,
                    Consultation.office_id == scope,
                    Consultation.deleted_at.is_(None),
                )
            )
        )
        if not consulted_here:
            raise PermissionDeniedError(
                "他の事務所の相談者です。自分の事務所で登録または相談を受けた人だけを見られます。"
            )
    return row


def _view(uow: UnitOfWork, row: Person, consultations: int) -> PersonView:
    postal, address = "", row.address
    match = _POSTAL_PREFIX.match(address)
    if match:
        postal, address = match.group(1), address[match.end() :]
    return PersonView(
        id=row.id,
        row_version=row.row_version,
        origin_office=row.origin_office,
        name=row.name,
        name_kana=row.name_kana,
        phone=row.phone,
        postal_code=postal,
        address=address,
        consent_to_share=row.consent_to_share,
        consent_recorded_on=row.consent_recorded_on,
        last_contact_on=row.last_contact_on,
        anonymised_on=row.anonymised_on,
        notes=row.notes,
        consultations=consultations,
    )


@service("person.create", Permission.WRITE, input_type=PersonDraft)
def create_person(uow: UnitOfWork, draft: PersonDraft) -> uuid.UUID:
    """Register a person at the officer's office; registering is a contact (today)."""
    row = Person(id=uuid.uuid4(), origin_office=uow.actor.office_code)
    _apply(row, draft)
    row.last_contact_on = date.today()
    if uow.session.scalar(select(Office.id).where(Office.code == row.origin_office)) is None:
        raise InputError(f"事務所コード「{row.origin_office}」はありません。")
    uow.session.add(row)
    uow.session.flush()
    return row.id


@service("person.open", Permission.READ)
def open_person(uow: UnitOfWork, person_id: uuid.UUID) -> PersonView:
    """Open a person's record: who looked, and when, goes into the audit trail."""
    row = _load(uow, person_id)
    consultations = uow.session.scalar(_consultations(uow, row.id)) or 0
    uow.record_event("view", "person", row.id, consultations=consultations)
    return _view(uow, row, consultations)


@service("person.change", Permission.WRITE, input_type=PersonDraft)
def change_person(
    uow: UnitOfWork, person_id: uuid.UUID, draft: PersonDraft, *, row_version: int
) -> PersonView:
    """Change a person opened at `row_version`; refused if someone changed it since."""
    row = _load(uow, person_id)
    if row.anonymised_on is not None:
        raise InputError(ANONYMISED_MESSAGE)
    if row.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)
    _apply(row, draft)
    uow.session.flush()
    return _view(uow, row, uow.session.scalar(_consultations(uow, row.id)) or 0)
