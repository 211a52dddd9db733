"""The database file: its SQLite settings, the shipped reference data, mergeable rows."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kyodo_desktop.services.workspace import Workspace, open_workspace
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.refdata import reference_id
from kyodo_desktop.store.reference import Department, Office, Programme, Topic


@pytest.mark.sqlite_only  # SQLite's PRAGMAs
def test_every_connection_gets_the_sqlite_settings(workspace: Workspace) -> None:
    with workspace.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_the_seventeen_offices_and_six_programmes_ship_with_a_new_database(
    workspace: Workspace,
) -> None:
    with workspace.database.reading() as session:
        offices = session.scalars(select(Office).order_by(Office.code)).all()
        programmes = session.scalars(select(Programme).order_by(Programme.number)).all()
        topics = session.scalar(select(func.count()).select_from(Topic))
        departments = session.scalar(select(func.count()).select_from(Department))
    assert [office.code for office in offices] == [f"{n:02d}" for n in range(1, 18)]
    assert [office.name for office in offices[:4]] == [
        "練馬区民事務所",
        "石神井区民事務所",
        "光が丘区民事務所",
        "大泉区民事務所",
    ]
    assert all(not office.name_confirmed for office in offices[4:])
    assert [p.code for p in programmes] == [
        "jichi",
        "yasashii",
        "machizukuri",
        "teian",
        "hiroba",
        "okoshi",
    ]
    assert programmes[3].last_fiscal_year == 2015  # 協働事業提案制度 ended in FY2015
    assert topics == 11
    assert departments >= 4


def test_reference_rows_have_the_same_id_in_every_office_database(tmp_path: Path) -> None:
    first = open_workspace(tmp_path / "office-03")
    second = open_workspace(tmp_path / "office-05")
    try:
        ids = []
        for opened in (first, second):
            with opened.database.reading() as session:
                ids.append(session.scalar(select(Office.id).where(Office.code == "03")))
        assert ids[0] == ids[1] == reference_id("office", "03")
    finally:
        first.close()
        second.close()


def as_admin(workspace: Workspace) -> AuditContext:
    return AuditContext(workspace.actor.staff_id, workspace.actor.office_code)


def _new_group(workspace: Workspace, name: str) -> uuid.UUID:
    with workspace.database.transaction(as_admin(workspace)) as session:
        office_id = session.scalar(select(Office.id).where(Office.code == "01"))
        group = Group(
            origin_office="01",
            name=name,
            name_kana="トヨタマキタチョウカイ",
            name_key=name,
            kind="chokai",
            office_id=office_id,
            created_by=workspace.actor.staff_id,
            updated_by=workspace.actor.staff_id,
        )
        session.add(group)
        session.flush()
        return group.id


def test_a_change_increases_the_row_version_and_a_delete_leaves_a_tombstone(
    workspace: Workspace,
) -> None:
    group_id = _new_group(workspace, "豊玉北町会")
    with workspace.database.transaction(as_admin(workspace)) as session:
        group = session.get(Group, group_id)
        assert group.row_version == 1
        assert group.origin_office == "01"
        group.households = 420
    with workspace.database.transaction(as_admin(workspace)) as session:
        group = session.get(Group, group_id)
        assert group.row_version == 2
        assert group.updated_at >= group.created_at
        group.deleted_at = group.updated_at
    with workspace.database.reading() as session:
        group = session.get(Group, group_id)
        assert group is not None and group.is_deleted and group.row_version == 3


def test_a_second_writer_waits_for_the_first_instead_of_failing(workspace: Workspace) -> None:
    """Write transactions begin IMMEDIATE and wait on the busy timeout."""
    engine = workspace.database.engine
    holding = threading.Event()

    def hold_the_write_lock() -> None:
        with engine.begin() as connection:
            connection.execute(text("UPDATE office SET name = name WHERE code = '01'"))
            holding.set()
            time.sleep(0.5)  # a slow save in another program

    other = threading.Thread(target=hold_the_write_lock)
    other.start()
    assert holding.wait(5)
    group_id = _new_group(workspace, "練馬一丁目町会")  # must wait, not raise "locked"
    other.join()
    with workspace.database.reading() as session:
        assert session.get(Group, group_id).name == "練馬一丁目町会"
