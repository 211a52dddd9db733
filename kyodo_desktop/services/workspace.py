"""Opening a workspace: the data folder, its database, and who is at the counter.

Who acts is decided by signing in (services/access/signing_in.py), not by opening: `open_workspace`
returns a workspace nobody is signed in to yet. The demo signs in its counter officer by
itself (`open_demo_workspace`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.settings import (
    FIRST_OFFICE_CODE,
    KIND_SETTING,
    OFFICE_SETTING,
    STAFF_SETTING,
    get_setting,
    put_setting,
)
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.database import DATABASE_FILE_NAME, Database, open_database
from kyodo_desktop.store.locations import DEMO_FOLDER_NAME
from kyodo_desktop.store.refdata import HEAD_OFFICE_ORIGIN

if TYPE_CHECKING:
    from kyodo_desktop.services.demo import DemoSummary

# The program itself setting up a database (no staff member acts yet).
SYSTEM = AuditContext(staff_id=None, office=HEAD_OFFICE_ORIGIN)


@dataclass
class Workspace:
    """An open data folder: its database and the officer signed in to it (None: nobody yet)."""

    data_dir: Path
    database: Database
    actor: Actor | None
    is_demo: bool

    def close(self) -> None:
        self.database.close()


def open_workspace(data_dir: Path, *, url: str | None = None) -> Workspace:
    """Open the data folder's database, creating and migrating it when needed."""
    database = open_database(data_dir / DATABASE_FILE_NAME, url=url)
    try:
        with database.transaction(SYSTEM) as session:
            if get_setting(session, KIND_SETTING) is None:
                put_setting(session, KIND_SETTING, "real")
            is_demo = get_setting(session, KIND_SETTING) == "demo"
    except BaseException:
        database.close()
        raise
    return Workspace(data_dir=data_dir, database=database, actor=None, is_demo=is_demo)


def open_demo_workspace(data_dir: Path, *, today: date, scale: float = 1.0) -> Workspace:
    """The demo database in its own folder, generated on first use, never mixed with real data."""
    folder = data_dir / DEMO_FOLDER_NAME
    if not (folder / DATABASE_FILE_NAME).exists():
        build_demo(folder, today=today, scale=scale)
    from kyodo_desktop.services.access.signing_in import sign_in_demo_officer

    workspace = open_workspace(folder)
    try:
        workspace.actor = sign_in_demo_officer(workspace.database)
    except BaseException:
        workspace.close()
        raise
    return workspace


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
