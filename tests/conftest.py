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


# Engines ---------------------------------------------------------------------------------
# A test that opens a workspace runs on SQLite (the branch offices) and on PostgreSQL (the head
# office's server), unless it drives Qt widgets or is marked sqlite_only (what only a SQLite
# file has: its backups, its integrity check, two programs on one file).

ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engines",
        default=",".join(ENGINES),
        help="the databases to run the engine-parametrised tests on (default: both)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test of what only a SQLite file has (backups, locks, damage)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    wanted = [e for e in metafunc.config.getoption("--engines").split(",") if e]
    if "qtbot" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        wanted = ["sqlite"]
    metafunc.parametrize("engine", wanted, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database a test runs on: "sqlite" or "postgresql"."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the run, stopped at its end (failures or not)."""
    from postgres_server import ThrowawayServer

    server = ThrowawayServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_empty_template(pg_server) -> str:  # type: ignore[no-untyped-def]
    """A server database migrated with its reference data, copied for each test."""
    from kyodo_desktop.store.database import open_database

    name = "kyodo_empty"
    pg_server.execute(f"CREATE DATABASE {name}")
    open_database(url=pg_server.url(name)).close()
    return name


@pytest.fixture(scope="session")
def pg_demo_template(pg_server, demo_data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The demo database moved to the server once (kyodo-admin server copy-from), then copied."""
    from kyodo_desktop.store.engine import make_engine
    from kyodo_desktop.store.server.copy import copy_database, sqlite_source

    name = "kyodo_demo"
    pg_server.execute(f"CREATE DATABASE {name}")
    source = sqlite_source(demo_data_dir / DEMO_FOLDER_NAME / "kyodo.sqlite3")
    target = make_engine(pg_server.url(name))
    try:
        copy_database(source, target)
    finally:
        source.dispose()
        target.dispose()
    return name


def server_database(request: pytest.FixtureRequest, template: str):  # type: ignore[no-untyped-def]
    """A new server database copied from a template, dropped after the test; its URL."""
    server = request.getfixturevalue("pg_server")
    name = server.create_database(request.getfixturevalue(template))
    request.addfinalizer(lambda: server.drop_database(name))
    return server.url(name)


def database_url(request: pytest.FixtureRequest, engine: str, template: str) -> str | None:
    """None on SQLite (a file in the data folder); a fresh server database's URL otherwise."""
    return None if engine == "sqlite" else server_database(request, template)


@pytest.fixture
def workspace(tmp_path: Path, engine: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A fresh, empty workspace: migrated, reference data loaded, an administrator signed in."""
    url = database_url(request, engine, "pg_empty_template")
    opened = open_workspace(tmp_path / "data", url=url)
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
def demo_workspace(
    demo_data_dir: Path, tmp_path: Path, engine: str, request: pytest.FixtureRequest
):  # type: ignore[no-untyped-def]
    """The demo workspace, copied so that a test may change it freely; its officer signed in."""
    import shutil

    from kyodo_desktop.services.access.signing_in import sign_in_demo_officer

    copy = tmp_path / "demo"
    shutil.copytree(demo_data_dir / DEMO_FOLDER_NAME, copy)
    url = database_url(request, engine, "pg_demo_template")
    opened: Workspace = open_workspace(copy, url=url)
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


def data_args(workspace: Workspace) -> list[str]:
    """kyodo-admin's arguments for a workspace: its data folder, and its server if it has one."""
    args = ["--data-dir", str(workspace.data_dir)]
    if workspace.database.is_server:
        args += ["--database-url", workspace.database.engine.url.render_as_string()]
    return args


def drop_append_only(connection, *kinds: str) -> None:  # type: ignore[no-untyped-def]
    """What an attacker with the database in hand does first: remove the audit trail's
    append-only triggers (``update``, ``delete``), on SQLite or on the server."""
    on = "" if connection.dialect.name == "sqlite" else " ON audit_entry"
    for kind in kinds:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS audit_entry_append_only_{kind}{on}")
