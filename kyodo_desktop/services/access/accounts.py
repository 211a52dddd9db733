"""Staff accounts (職員): what an account holds, the checks on it, the administrators' use cases.

The first start's set-up is in `installation`, signing in in `signing_in`; both find an
account and check its fields with the functions here.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.passwords import check_new_password, hash_password
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError, StaleRecordError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office

_LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")

ROLE_LABELS = "・".join(role.label for role in StaffRole)


@dataclass(frozen=True)
class StaffDraft:
    """A staff account as the administrator fills it in."""

    login_id: str
    name: str
    office_code: str
    role: str  # StaffRole
    name_kana: str = ""


@dataclass(frozen=True)
class StaffView:
    """A staff account as the lists show it (never the hash)."""

    id: uuid.UUID
    row_version: int
    login_id: str
    name: str
    name_kana: str
    office_code: str
    office_name: str
    role: StaffRole
    active: bool
    has_password: bool


# Checks ---------------------------------------------------------------------------------


def normalise_login(login_id: object) -> str:
    """A login ID as stored: full-width letters typed with the IME on become half-width."""
    if not isinstance(login_id, str):
        return ""
    return unicodedata.normalize("NFKC", login_id).strip().lower()


def check_login(login_id: object) -> str:
    login = normalise_login(login_id)
    if not _LOGIN_PATTERN.fullmatch(login):
        raise InputError(
            "ログインIDは半角の英字・数字と「.」「_」「-」で、2～40文字にしてください"
            "（最初の文字は英字か数字）。",
            field="login_id",
        )
    return login


def check_name(value: object, label: str, limit: int, *, required: bool, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{label}は文字で入力してください。", field=field)
    text = value.strip()
    if required and not text:
        raise InputError(f"{label}を入力してください。", field=field)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InputError(f"{label}に使えない制御文字が含まれています。", field=field)
    if len(text) > limit:
        raise InputError(f"{label}は{limit}文字以内にしてください。", field=field)
    return text


def check_role(value: object) -> StaffRole:
    try:
        return StaffRole(value)
    except ValueError:
        raise InputError(f"権限を選んでください（{ROLE_LABELS}）。", field="role") from None


def office_of(session: Session, code: object) -> Office:
    office = (
        session.scalar(select(Office).where(Office.code == code, Office.deleted_at.is_(None)))
        if isinstance(code, str)
        else None
    )
    if office is None:
        raise InputError(
            f"事務所コード「{code}」はありません。01～17の事務所から選んでください。",
            field="office_code",
        )
    return office


def view_of(staff: Staff) -> StaffView:
    return StaffView(
        id=staff.id,
        row_version=staff.row_version,
        login_id=staff.login_id,
        name=staff.name,
        name_kana=staff.name_kana,
        office_code=staff.office.code,
        office_name=staff.office.name,
        role=StaffRole(staff.role),
        active=staff.active,
        has_password=staff.password_hash is not None,
    )


def by_login(session: Session, login: str) -> Staff | None:
    """The live account of a login ID as stored; None for one no account can have (a server
    refuses to even compare text holding a NUL character)."""
    if not _LOGIN_PATTERN.fullmatch(login):
        return None
    return session.scalar(select(Staff).where(Staff.login_id == login, Staff.deleted_at.is_(None)))


def signed_in_admins(session: Session, *, other_than: uuid.UUID | None = None) -> int:
    """Active administrators who can sign in (have a password)."""
    query = (
        select(func.count())
        .select_from(Staff)
        .where(
            Staff.role == StaffRole.ADMIN.value,
            Staff.active.is_(True),
            Staff.password_hash.is_not(None),
            Staff.deleted_at.is_(None),
        )
    )
    if other_than is not None:
        query = query.where(Staff.id != other_than)
    return session.scalar(query) or 0


# Administrators: the staff accounts ------------------------------------------------------


def _apply(uow: UnitOfWork, staff: Staff, draft: StaffDraft) -> None:
    session = uow.session
    login = check_login(draft.login_id)
    holder = by_login(session, login)
    if holder is not None and holder is not staff:
        raise InputError(f"ログインID「{login}」は既に使われています。", field="login_id")
    role = check_role(draft.role)
    if (
        staff.role == StaffRole.ADMIN.value
        and role is not StaffRole.ADMIN
        and staff.id is not None
        and signed_in_admins(session, other_than=staff.id) == 0
    ):
        raise InputError(
            "最後の管理者の権限は変えられません。先に別の管理者を登録してください。", field="role"
        )
    staff.login_id = login
    staff.name = check_name(draft.name, "氏名", 60, required=True, field="name")
    staff.name_kana = check_name(
        draft.name_kana, "氏名（カナ）", 120, required=False, field="name_kana"
    )
    staff.office = office_of(session, draft.office_code)
    staff.role = role.value


def _load(uow: UnitOfWork, staff_id: uuid.UUID) -> Staff:
    staff = uow.session.get(Staff, staff_id) if isinstance(staff_id, uuid.UUID) else None
    if staff is None or staff.deleted_at is not None:
        raise NotFoundError("この職員は見つかりません。一覧を開き直してください。")
    return staff


@service("staff.create", Permission.MANAGE_STAFF, input_type=StaffDraft)
def create_staff(uow: UnitOfWork, draft: StaffDraft, *, password: str | None = None) -> uuid.UUID:
    """A new staff account; without a password it cannot sign in until one is set."""
    staff = Staff(id=uuid.uuid4(), active=True)
    _apply(uow, staff, draft)
    if password is not None:
        staff.password_hash = hash_password(check_new_password(password))
    uow.session.add(staff)
    uow.session.flush()
    return staff.id


@service("staff.change", Permission.MANAGE_STAFF)
def change_staff(
    uow: UnitOfWork, staff_id: uuid.UUID, draft: StaffDraft, *, row_version: int
) -> StaffView:
    """Change an account opened at `row_version`; refused if someone changed it since."""
    staff = _load(uow, staff_id)
    if staff.row_version != row_version:
        raise StaleRecordError(STALE_MESSAGE)
    _apply(uow, staff, draft)
    uow.session.flush()
    return view_of(staff)


@service("staff.set_password", Permission.MANAGE_STAFF)
def set_staff_password(uow: UnitOfWork, staff_id: uuid.UUID, password: str) -> None:
    """An administrator gives an account a new password (forgotten, or never set)."""
    staff = _load(uow, staff_id)
    staff.password_hash = hash_password(check_new_password(password))


@service("staff.deactivate", Permission.MANAGE_STAFF)
def deactivate_staff(uow: UnitOfWork, staff_id: uuid.UUID) -> None:
    """The account can no longer sign in; its records keep its name."""
    staff = _load(uow, staff_id)
    if staff.id == uow.actor.staff_id:
        raise InputError("自分のアカウントは停止できません。別の管理者に依頼してください。")
    if (
        staff.role == StaffRole.ADMIN.value
        and signed_in_admins(uow.session, other_than=staff.id) == 0
    ):
        raise InputError("最後の管理者は停止できません。先に別の管理者を登録してください。")
    staff.active = False


@service("staff.reactivate", Permission.MANAGE_STAFF)
def reactivate_staff(uow: UnitOfWork, staff_id: uuid.UUID) -> None:
    _load(uow, staff_id).active = True


@service("staff.list", Permission.MANAGE_STAFF)
def list_staff(uow: UnitOfWork) -> list[StaffView]:
    """Every account, by office and login ID."""
    rows = uow.session.scalars(
        select(Staff)
        .join(Office, Office.id == Staff.office_id)
        .where(Staff.deleted_at.is_(None))
        .order_by(Office.code, Staff.login_id)
    ).all()
    return [view_of(row) for row in rows]


@service("staff.find", Permission.MANAGE_STAFF)
def find_staff(uow: UnitOfWork, login_id: str) -> StaffView:
    staff = by_login(uow.session, normalise_login(login_id))
    if staff is None:
        raise NotFoundError(f"ログインID「{normalise_login(login_id)}」の職員はいません。")
    return view_of(staff)
