"""This installation (端末の設定): the first start's set-up, the office it serves, who acts
before anyone signs in, and the idle lock's minutes.

The set-up runs as the program itself (`system_actor`: no staff id, so the audit trail
records the system) and says in the trail whom it set up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.accounts import (
    by_login,
    check_login,
    check_name,
    office_of,
    signed_in_admins,
)
from kyodo_desktop.services.access.passwords import check_new_password, hash_password
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.settings import (
    FIRST_OFFICE_CODE,
    OFFICE_SETTING,
    get_setting,
    is_demo,
    put_setting,
)
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.exchange import stamping
from kyodo_desktop.store.exchange.records import travelling
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office

ALREADY_SET_UP = (
    "この端末は既に設定済みです。職員の追加やパスワードの再設定は管理者に依頼してください。"
)


IDLE_LOCK_SETTING = "security.idle_lock_minutes"

DEFAULT_IDLE_LOCK_MINUTES = 10

MAX_IDLE_LOCK_MINUTES = 120


@dataclass(frozen=True)
class InstallationDraft:
    """What the first start asks: this installation's office and its first administrator."""

    office_code: str
    admin_login: str
    admin_name: str
    password: str
    admin_name_kana: str = ""


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
        return not is_demo(session) and signed_in_admins(session) == 0


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
    if signed_in_admins(session) > 0:
        raise PermissionDeniedError(ALREADY_SET_UP)
    if is_demo(session):
        raise PermissionDeniedError(
            "デモデータは設定できません。実際のデータフォルダで始めてください。"
        )
    office = office_of(session, draft.office_code)
    login = check_login(draft.admin_login)
    name = check_name(draft.admin_name, "管理者の氏名", 60, required=True, field="admin_name")
    kana = check_name(
        draft.admin_name_kana, "管理者の氏名（カナ）", 120, required=False, field="kana"
    )
    password = check_new_password(draft.password)
    # A database made before sign-in existed holds a first "admin" with no password:
    # the set-up gives that account its password rather than making a second one.
    staff = by_login(session, login)
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
    # The exchange names this database's changes by its office from now on.
    stamping.follow_installation(session.connection(), office.code, list(travelling()))
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
