"""Opening a workspace: the data folder, its database, and who is at the counter."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.store.audit_trail import AuditContext
from kyodo_desktop.store.database import DATABASE_FILE_NAME, Database, open_database
from kyodo_desktop.store.locations import DEMO_FOLDER_NAME
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.refdata import HEAD_OFFICE_ORIGIN
from kyodo_desktop.store.reference import Office, Setting

if TYPE_CHECKING:
    from kyodo_desktop.services.demo import DemoSummary

# Settings of this installation, kept in the database it belongs to.
OFFICE_SETTING = "installation.office_code"
STAFF_SETTING = "installation.staff_login"
KIND_SETTING = "database.kind"  # "real" or "demo": a demo database never holds real records

FIRST_OFFICE_CODE = "01"
# The program itself setting up a database (no staff member acts yet).
SYSTEM = AuditContext(staff_id=None, office=HEAD_OFFICE_ORIGIN)
FIRST_ADMIN_LOGIN = "admin"


@dataclass
class Workspace:
    """An open data folder: its database and the officer acting in it."""

    data_dir: Path
    database: Database
    actor: Actor
    is_demo: bool

    def close(self) -> None:
        self.database.close()


def get_setting(session: Session, key: str) -> object | None:
    row = session.get(Setting, key)
    return None if row is None else json.loads(row.value)


def put_setting(session: Session, key: str, value: object) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def open_workspace(data_dir: Path, *, url: str | None = None) -> Workspace:
    """Open the data folder's database, creating and migrating it when needed."""
    database = open_database(data_dir / DATABASE_FILE_NAME, url=url)
    try:
        with database.transaction(SYSTEM) as session:
            _ensure_installation(session)
            actor = _installation_actor(session)
            is_demo = get_setting(session, KIND_SETTING) == "demo"
    except BaseException:
        database.close()
        raise
    return Workspace(data_dir=data_dir, database=database, actor=actor, is_demo=is_demo)


def _ensure_installation(session: Session) -> None:
    """Give a new database its office and a first administrator.

    Until sign-in exists the program acts as the installation's configured staff member.
    """
    if get_setting(session, STAFF_SETTING) is not None:
        return
    office = session.scalars(select(Office).where(Office.code == FIRST_OFFICE_CODE)).one()
    staff = Staff(
        id=uuid.uuid4(),
        origin_office=office.code,
        login_id=FIRST_ADMIN_LOGIN,
        name="管理者",
        name_kana="カンリシャ",
        office_id=office.id,
        role=StaffRole.ADMIN,
        password_hash=None,
    )
    session.add(staff)
    put_setting(session, OFFICE_SETTING, office.code)
    put_setting(session, STAFF_SETTING, FIRST_ADMIN_LOGIN)
    if get_setting(session, KIND_SETTING) is None:
        put_setting(session, KIND_SETTING, "real")


def _installation_actor(session: Session) -> Actor:
    login = get_setting(session, STAFF_SETTING)
    staff = session.scalars(select(Staff).where(Staff.login_id == login)).one()
    return Actor(
        staff_id=staff.id,
        login_id=staff.login_id,
        name=staff.name,
        role=StaffRole(staff.role),
        office_id=staff.office.id,
        office_code=staff.office.code,
        office_name=staff.office.name,
    )


def open_demo_workspace(data_dir: Path, *, today: date, scale: float = 1.0) -> Workspace:
    """The demo database in its own folder, generated on first use, never mixed with real data."""
    folder = data_dir / DEMO_FOLDER_NAME
    if not (folder / DATABASE_FILE_NAME).exists():
        build_demo(folder, today=today, scale=scale)
    return open_workspace(folder)


def build_demo(folder: Path, *, today: date, scale: float = 1.0, seed: int = 2017) -> DemoSummary:
    """Write a demo database into the folder; a half-built one never takes the real name."""
    from kyodo_desktop.services.demo import generate_demo

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / DATABASE_FILE_NAME
    if target.exists():
        raise FileExistsError(target)
    building = folder / (DATABASE_FILE_NAME + ".building")
    for stale in folder.glob(DATABASE_FILE_NAME + ".building*"):
        stale.unlink()
    database = open_database(building)
    try:
        summary = generate_demo(database, today=today, seed=seed, scale=scale)
        with database.transaction(SYSTEM) as session:
            put_setting(session, KIND_SETTING, "demo")
            put_setting(session, OFFICE_SETTING, FIRST_OFFICE_CODE)
            put_setting(session, STAFF_SETTING, summary.default_staff_login)
    finally:
        database.close()  # the last connection to close folds the WAL back into the file
    building.replace(target)
    for leftover in folder.glob(DATABASE_FILE_NAME + ".building-*"):
        leftover.unlink()
    return summary
