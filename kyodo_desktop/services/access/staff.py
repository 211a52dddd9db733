"""Staff (職員) and signing in: the first start's set-up, sign-in, passwords, accounts.

Every use case goes through `@service`. The two that come before anyone is signed in —
setting up the installation and signing in — run as the program itself (`system_actor`:
no staff id, so the audit trail records them as the system), and say in the trail who the
act was about. A sign-in that fails is committed as a ``login_failed`` event, then refused.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    spend_verification_time,
    verify_password,
)
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import STALE_MESSAGE, UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    StaleRecordError,
)
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.settings import (
    FIRST_OFFICE_CODE,
    KIND_SETTING,
    OFFICE_SETTING,
    STAFF_SETTING,
    get_setting,
    put_setting,
)
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office

SIGN_IN_FAILED = "ログインIDまたはパスワードが違います。確かめて入力し直してください。"
ACCOUNT_INACTIVE = "このアカウントは使えなくなっています。管理者に確認してください。"
ALREADY_SET_UP = (
    "この端末は既に設定済みです。職員の追加やパスワードの再設定は管理者に依頼してください。"
)
# A demo database's staff have no hashes (hashing hundreds at generation is too slow):
# each of them signs in with this password until they choose one of their own.
DEMO_PASSWORD = "demo"

IDLE_LOCK_SETTING = "security.idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10
MAX_IDLE_LOCK_MINUTES = 120

_LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
ROLE_LABELS = "・".join(role.label for role in StaffRole)


class SignInError(ServiceError):
    """The login ID and password did not let anyone in (the attempt is in the audit trail)."""


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


@dataclass(frozen=True)
class InstallationDraft:
    """What the first start asks: this installation's office and its first administrator."""

    office_code: str
    admin_login: str
    admin_name: str
    password: str
    admin_name_kana: str = ""


# Checks ---------------------------------------------------------------------------------


def normalise_login(login_id: object) -> str:
    """A login ID as stored: full-width letters typed with the IME on become half-width."""
    if not isinstance(login_id, str):
        return ""
    return unicodedata.normalize("NFKC", login_id).strip().lower()


def _login(login_id: object) -> str:
    login = normalise_login(login_id)
    if not _LOGIN_PATTERN.fullmatch(login):
        raise InputError(
            "ログインIDは半角の英字・数字と「.」「_」「-」で、2～40文字にしてください"
            "（最初の文字は英字か数字）。",
            field="login_id",
        )
    return login


def _name(value: object, label: str, limit: int, *, required: bool, field: str) -> str:
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


def _role(value: object) -> StaffRole:
    try:
        return StaffRole(value)
    except ValueError:
        raise InputError(f"権限を選んでください（{ROLE_LABELS}）。", field="role") from None


def _office(session: Session, code: object) -> Office:
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


def _actor(staff: Staff) -> Actor:
    return Actor(
        staff_id=staff.id,
        login_id=staff.login_id,
        name=staff.name,
        role=StaffRole(staff.role),
        office_id=staff.office.id,
        office_code=staff.office.code,
        office_name=staff.office.name,
    )


def _view(staff: Staff) -> StaffView:
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


def _by_login(session: Session, login: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.login_id == login, Staff.deleted_at.is_(None)))


def _is_demo(session: Session) -> bool:
    return get_setting(session, KIND_SETTING) == "demo"


def _password_matches(session: Session, staff: Staff, password: str) -> bool:
    if staff.password_hash is None:
        # A demo officer who has not chosen a password yet (see DEMO_PASSWORD).
        spend_verification_time(password)
        return _is_demo(session) and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode())
    return verify_password(staff.password_hash, password)


def _signed_in_admins(session: Session, *, other_than: uuid.UUID | None = None) -> int:
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


# Before anyone is signed in ---------------------------------------------------------------


def installation_office_code(database: Database) -> str | None:
    """The office this installation was set up for (None before the first start's set-up)."""
    with database.reading() as session:
        code = get_setting(session, OFFICE_SETTING)
    return code if isinstance(code, str) else None


def system_actor(database: Database, role: StaffRole, *, office_code: str | None = None) -> Actor:
    """The program itself acting: kyodo-admin, the first set-up, a sign-in, the smoke test.

    It has no staff id, so the audit trail shows the system; its office is this
    installation's (office 01 before the set-up).
    """
    code = office_code or installation_office_code(database) or FIRST_OFFICE_CODE
    with database.reading() as session:
        office = session.scalar(select(Office).where(Office.code == code))
        if office is None:
            office = session.scalars(select(Office).where(Office.code == FIRST_OFFICE_CODE)).one()
        return Actor(
            staff_id=None,
            login_id="system",
            name="システム",
            role=role,
            office_id=office.id,
            office_code=office.code,
            office_name=office.name,
        )


def needs_set_up(database: Database) -> bool:
    """A real database that no administrator can sign in to yet: the first start's set-up."""
    with database.reading() as session:
        return not _is_demo(session) and _signed_in_admins(session) == 0


def installation_offices(database: Database) -> list[tuple[str, str]]:
    """The offices (code, name) an installation may be set up for."""
    with database.reading() as session:
        rows = session.execute(
            select(Office.code, Office.name)
            .where(Office.active.is_(True), Office.deleted_at.is_(None))
            .order_by(Office.code)
        ).all()
    return [(code, name) for code, name in rows]


# No input_type: each valid draft costs an argon2 hash, too slow to fuzz by the hundred.
@service("installation.set_up", Permission.MANAGE_STAFF)
def _set_up(uow: UnitOfWork, draft: InstallationDraft) -> uuid.UUID:
    session = uow.session
    if _signed_in_admins(session) > 0:
        raise PermissionDeniedError(ALREADY_SET_UP)
    if _is_demo(session):
        raise PermissionDeniedError(
            "デモデータは設定できません。実際のデータフォルダで始めてください。"
        )
    office = _office(session, draft.office_code)
    login = _login(draft.admin_login)
    name = _name(draft.admin_name, "管理者の氏名", 60, required=True, field="admin_name")
    kana = _name(draft.admin_name_kana, "管理者の氏名（カナ）", 120, required=False, field="kana")
    password = check_new_password(draft.password)
    # A database made before sign-in existed holds a first "admin" with no password:
    # the set-up gives that account its password rather than making a second one.
    staff = _by_login(session, login)
    if staff is None:
        staff = Staff(id=uuid.uuid4(), login_id=login)
        session.add(staff)
    staff.name = name
    staff.name_kana = kana
    staff.office = office
    staff.role = StaffRole.ADMIN.value
    staff.active = True
    staff.password_hash = hash_password(password)
    put_setting(session, OFFICE_SETTING, office.code)
    session.flush()
    uow.record_event("set_up", "installation", office.code, admin=login)
    return staff.id


def set_up_installation(database: Database, draft: InstallationDraft) -> uuid.UUID:
    """The first start: this installation's office and its first administrator (their id).

    Allowed only while no administrator can sign in; after that, staff are the
    administrators' work (`create_staff`).
    """
    office_code = draft.office_code if isinstance(draft.office_code, str) else None
    actor = system_actor(database, StaffRole.ADMIN, office_code=office_code)
    return _set_up(database, actor, draft)


@dataclass(frozen=True)
class _Attempt:
    actor: Actor | None
    refusal: str = ""


@service("staff.sign_in", Permission.READ)
def _attempt_sign_in(uow: UnitOfWork, login_id: str, password: str, purpose: str) -> _Attempt:
    session = uow.session
    typed = normalise_login(login_id)
    staff = _by_login(session, typed) if typed else None
    if staff is None:
        spend_verification_time(password)  # an unknown ID takes as long as a wrong password
        matches = False
    else:
        matches = _password_matches(session, staff, password)
    if staff is None or not matches:
        uow.record_event(
            "login_failed",
            "staff",
            staff.id if staff else "",
            login_id=typed[:40],
            purpose=purpose,
        )
        return _Attempt(None, SIGN_IN_FAILED)
    if not staff.active:
        uow.record_event("login_failed", "staff", staff.id, purpose=purpose, reason="inactive")
        return _Attempt(None, ACCOUNT_INACTIVE)
    # From here on the trail says the staff member acts, not the system.
    audit_trail.begin(session, AuditContext(staff.id, staff.office.code))
    if staff.password_hash is not None and needs_rehash(staff.password_hash):
        staff.password_hash = hash_password(password)
    uow.record_event(purpose, "staff", staff.id)
    return _Attempt(_actor(staff))


def sign_in(database: Database, login_id: str, password: str, *, purpose: str = "login") -> Actor:
    """Who signs in with this login ID and password; `SignInError` otherwise.

    A wrong login ID and a wrong password get the same message, so the message never tells
    which IDs exist. ``purpose`` is "login" or "unlock" (the idle lock), as the trail records it.
    """
    if purpose not in {"login", "unlock"}:
        raise ValueError(f"unknown sign-in purpose {purpose!r}")
    if not isinstance(login_id, str) or not isinstance(password, str):
        raise SignInError(SIGN_IN_FAILED)
    result = _attempt_sign_in(
        database, system_actor(database, StaffRole.VIEWER), login_id, password, purpose
    )
    if result.actor is None:
        raise SignInError(result.refusal)
    return result.actor


@service("staff.demo_sign_in", Permission.READ)
def _demo_sign_in(uow: UnitOfWork) -> Actor:
    session = uow.session
    if not _is_demo(session):
        raise PermissionDeniedError("自動でログインできるのはデモデータだけです。")
    staff = _by_login(session, normalise_login(get_setting(session, STAFF_SETTING)))
    if staff is None or not staff.active:
        raise NotFoundError("デモデータの職員が見つかりません。デモデータを作り直してください。")
    audit_trail.begin(session, AuditContext(staff.id, staff.office.code))
    uow.record_event("login", "staff", staff.id, automatic=True)
    return _actor(staff)


def sign_in_demo_officer(database: Database) -> Actor:
    """The demo's counter officer, signed in without a password (demo databases only)."""
    return _demo_sign_in(database, system_actor(database, StaffRole.VIEWER))


@service("staff.sign_out", Permission.READ)
def sign_out(uow: UnitOfWork) -> None:
    """The signed-in officer leaves (another signs in, or the program closes)."""
    if uow.actor.staff_id is not None:
        uow.record_event("logout", "staff", uow.actor.staff_id)


# The signed-in officer -----------------------------------------------------------------


@service("staff.change_password", Permission.READ)
def change_own_password(uow: UnitOfWork, current: str, new: str) -> None:
    """Change the signed-in officer's own password; the current one is asked first."""
    session = uow.session
    staff = session.get(Staff, uow.actor.staff_id) if uow.actor.staff_id else None
    if staff is None or staff.deleted_at is not None or not staff.active:
        raise PermissionDeniedError("ログインしている職員のパスワードだけを変更できます。")
    if not isinstance(current, str) or not _password_matches(session, staff, current):
        raise InputError("今のパスワードが違います。入力し直してください。", field="current")
    new = check_new_password(new, field="new")
    if new == current:
        raise InputError("新しいパスワードが今のパスワードと同じです。", field="new")
    staff.password_hash = hash_password(new)


# Administrators: the staff accounts ------------------------------------------------------


def _apply(uow: UnitOfWork, staff: Staff, draft: StaffDraft) -> None:
    session = uow.session
    login = _login(draft.login_id)
    holder = _by_login(session, login)
    if holder is not None and holder is not staff:
        raise InputError(f"ログインID「{login}」は既に使われています。", field="login_id")
    role = _role(draft.role)
    if (
        staff.role == StaffRole.ADMIN.value
        and role is not StaffRole.ADMIN
        and staff.id is not None
        and _signed_in_admins(session, other_than=staff.id) == 0
    ):
        raise InputError(
            "最後の管理者の権限は変えられません。先に別の管理者を登録してください。", field="role"
        )
    staff.login_id = login
    staff.name = _name(draft.name, "氏名", 60, required=True, field="name")
    staff.name_kana = _name(draft.name_kana, "氏名（カナ）", 120, required=False, field="name_kana")
    staff.office = _office(session, draft.office_code)
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
    return _view(staff)


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
        and _signed_in_admins(uow.session, other_than=staff.id) == 0
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
    return [_view(row) for row in rows]


@service("staff.find", Permission.MANAGE_STAFF)
def find_staff(uow: UnitOfWork, login_id: str) -> StaffView:
    staff = _by_login(uow.session, normalise_login(login_id))
    if staff is None:
        raise NotFoundError(f"ログインID「{normalise_login(login_id)}」の職員はいません。")
    return _view(staff)


# The idle lock ---------------------------------------------------------------------------


def idle_lock_minutes(database: Database) -> int:
    """Minutes without input after which the window locks (default 10)."""
    with database.reading() as session:
        value = get_setting(session, IDLE_LOCK_SETTING)
    valid = isinstance(value, int) and not isinstance(value, bool)
    return value if valid and 1 <= value <= MAX_IDLE_LOCK_MINUTES else DEFAULT_IDLE_LOCK_MINUTES


@service("settings.idle_lock_minutes", Permission.MANAGE_REFERENCE)
def set_idle_lock_minutes(uow: UnitOfWork, minutes: int) -> None:
    """How long the window waits without input before it locks."""
    if (
        not isinstance(minutes, int)
        or isinstance(minutes, bool)
        or not 1 <= minutes <= MAX_IDLE_LOCK_MINUTES
    ):
        raise InputError(
            f"画面をロックするまでの時間は1～{MAX_IDLE_LOCK_MINUTES}分の整数で指定してください。",
            field="minutes",
        )
    put_setting(uow.session, IDLE_LOCK_SETTING, minutes)
