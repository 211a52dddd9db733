"""Signing in and out (ログイン): the password checked, who acts from then on, one's password.

Signing in runs as the program itself (`installation.system_actor`) until the password is
right; the trail says who the act was about. A sign-in that fails is committed as a
``login_failed`` event, then refused.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.accounts import by_login, normalise_login
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.access.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    spend_verification_time,
    verify_password,
)
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
)
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.settings import STAFF_SETTING, get_setting, is_demo
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.people import Staff

SIGN_IN_FAILED = "ログインIDまたはパスワードが違います。確かめて入力し直してください。"

ACCOUNT_INACTIVE = "このアカウントは使えなくなっています。管理者に確認してください。"

# A demo database's staff have no hashes (hashing hundreds at generation is too slow):
# each of them signs in with this password until they choose one of their own.
DEMO_PASSWORD = "demo"


class SignInError(ServiceError):
    """The login ID and password did not let anyone in (the attempt is in the audit trail)."""


def actor_of(staff: Staff) -> Actor:
    return Actor(
        staff_id=staff.id,
        login_id=staff.login_id,
        name=staff.name,
        role=StaffRole(staff.role),
        office_id=staff.office.id,
        office_code=staff.office.code,
        office_name=staff.office.name,
    )


def _password_matches(session: Session, staff: Staff, password: str) -> bool:
    if staff.password_hash is None:
        # A demo officer who has not chosen a password yet (see DEMO_PASSWORD).
        spend_verification_time(password)
        return is_demo(session) and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode())
    return verify_password(staff.password_hash, password)


@dataclass(frozen=True)
class _Attempt:
    actor: Actor | None
    refusal: str = ""


@service("staff.sign_in", Permission.READ)
def _attempt_sign_in(uow: UnitOfWork, login_id: str, password: str, purpose: str) -> _Attempt:
    session = uow.session
    typed = normalise_login(login_id)
    staff = by_login(session, typed) if typed else None
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
    return _Attempt(actor_of(staff))


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
    if not is_demo(session):
        raise PermissionDeniedError("自動でログインできるのはデモデータだけです。")
    staff = by_login(session, normalise_login(get_setting(session, STAFF_SETTING)))
    if staff is None or not staff.active:
        raise NotFoundError("デモデータの職員が見つかりません。デモデータを作り直してください。")
    audit_trail.begin(session, AuditContext(staff.id, staff.office.code))
    uow.record_event("login", "staff", staff.id, automatic=True)
    return actor_of(staff)


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
