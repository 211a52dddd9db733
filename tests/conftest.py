"""Shared fixtures. Qt runs offscreen in every test: no window ever opens on a desk."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


import pytest
from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.workspace import (
    DEMO_FOLDER_NAME,
    SYSTEM,
    Workspace,
    build_demo,
    open_workspace,
)
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office


def make_actor(workspace: Workspace, office_code: str, role: StaffRole, name: str = "") -> Actor:
    """A staff member of an office and role, as the services see them."""
    with workspace.database.transaction(SYSTEM) as session:
        office = session.scalars(select(Office).where(Office.code == office_code)).one()
        staff = Staff(
            id=uuid.uuid4(),
            login_id=f"t{office_code}-{role.value}-{uuid.uuid4().hex[:6]}",
            name=name or f"{office.name}の{role.label}",
            office_id=office.id,
            role=role,
            password_hash=None,
        )
        session.add(staff)
        session.flush()
        return Actor(
            staff.id, staff.login_id, staff.name, role, office.id, office.code, office.name
        )


@pytest.fixture
def actor_factory():  # type: ignore[no-untyped-def]
    return make_actor


@pytest.fixture(autouse=True)
def keep_widgets_alive(request):  # type: ignore[no-untyped-def]
    """Hold every widget a test hands to qtbot until the test's teardown.

    qtbot.addWidget keeps only a weak reference; once a test's local `window` is gone,
    the window is held only by reference cycles, and Python's collector could delete it
    while pytest-qt was still painting it (a crash in QTableView painting, seen in gdb).
    The program itself keeps its main window for the whole run.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")
    held: list[object] = []
    add_widget = qtbot.addWidget

    def add_and_hold(widget, *args, **kwargs):  # type: ignore[no-untyped-def]
        held.append(widget)
        return add_widget(widget, *args, **kwargs)

    qtbot.addWidget = add_and_hold
    yield
    qtbot.addWidget = add_widget


# The demo's "today" in tests, so that the data (and what the tests expect) never drift.
DEMO_TODAY = date(2026, 11, 27)
DEMO_SCALE = 0.05


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty workspace: migrated, reference data loaded, an administrator signed in."""
    opened = open_workspace(tmp_path / "data")
    opened.actor = make_actor(opened, "01", StaffRole.ADMIN, "管理者")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database built once per test run; tests copy it before changing it."""
    folder = tmp_path_factory.mktemp("demo-data")
    build_demo(folder / DEMO_FOLDER_NAME, today=DEMO_TODAY, scale=DEMO_SCALE)
    return folder


@pytest.fixture
def demo_workspace(demo_data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The demo workspace, copied so that a test may change it freely; its officer signed in."""
    import shutil

    from kyodo_desktop.services.access.signing_in import sign_in_demo_officer

    copy = tmp_path / "demo"
    shutil.copytree(demo_data_dir / DEMO_FOLDER_NAME, copy)
    opened: Workspace = open_workspace(copy)
    opened.actor = sign_in_demo_officer(opened.database)
    yield opened
    opened.close()


@pytest.fixture
def demo_head_office(demo_workspace: Workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The demo workspace with the head office (協働推進課) signed in instead."""
    demo_workspace.actor = actor_factory(demo_workspace, "01", StaffRole.HEAD_OFFICE)
    return demo_workspace


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the files written (tmp_path also holds the demo copy)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def ui_resources(qapp):  # type: ignore[no-untyped-def]
    """The application as the program sets it up: Japanese translations and IPAex fonts."""
    from kyodo_desktop.ui.resources import install_fonts, install_translations

    translators = install_translations(qapp, "ja")
    install_fonts(qapp)
    yield qapp
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def counter_workspace(workspace: Workspace, actor_factory):  # type: ignore[no-untyped-def]
    """The empty workspace with a counter officer of office 01 signed in."""
    import dataclasses

    return dataclasses.replace(workspace, actor=actor_factory(workspace, "01", StaffRole.COUNTER))


@pytest.fixture
def closing_discards(monkeypatch):  # type: ignore[no-untyped-def]
    """pytest-qt closes a record dialog left open at a test's end: let it go without asking."""
    from kyodo_desktop.ui.widgets.record_dialog import DiscardChangesQuestion

    monkeypatch.setattr(DiscardChangesQuestion, "ask", classmethod(lambda cls, parent: True))
