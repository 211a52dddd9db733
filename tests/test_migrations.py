"""The schema changes only through migrations, and the migrations match the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from kyodo_desktop.store import migrate
from kyodo_desktop.store.applications import LIVE_AWARD_SQL
from kyodo_desktop.store.backup.copies import list_backups
from kyodo_desktop.store.database import Database, open_database
from kyodo_desktop.store.models import Base
from kyodo_desktop.store.search.index import include_name


def test_there_is_exactly_one_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1
    assert migrate.head_revision() == heads[0]


@pytest.fixture
def fresh(engine: str, tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Open a new database on the engine (a file, or a server database just made)."""

    def opened(name: str) -> Database:
        if engine == "sqlite":
            return open_database(tmp_path / f"{name}.sqlite3")
        server = request.getfixturevalue("pg_server")
        made = server.create_database()
        request.addfinalizer(lambda: server.drop_database(made))
        return open_database(url=server.url(made))

    return opened


def test_a_new_database_is_migrated_to_the_head_and_matches_the_models(fresh) -> None:  # type: ignore[no-untyped-def]
    database = fresh("new")
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            context = MigrationContext.configure(connection, opts={"include_name": include_name})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        database.close()


def test_an_existing_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    legacy = sqlite3.connect(path)
    legacy.execute("CREATE TABLE ledger (name TEXT)")
    legacy.execute("INSERT INTO ledger VALUES ('豊玉町会')")
    legacy.commit()
    legacy.close()

    open_database(path).close()

    backups = list_backups(path)
    assert len(backups) == 1
    assert "before-migration" in backups[0].name
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("SELECT name FROM ledger").fetchall() == [("豊玉町会",)]
        assert copy.execute(
            "SELECT count(*) FROM sqlite_master WHERE name='office'"
        ).fetchone() == (0,)
    finally:
        copy.close()


def test_a_new_database_is_not_backed_up_before_its_first_migration(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    open_database(path).close()
    assert list_backups(path) == []


def test_every_migration_goes_down_and_up_again(fresh) -> None:  # type: ignore[no-untyped-def]
    """Each revision's downgrade undoes its upgrade, from the head down to an empty database."""
    database = fresh("roundtrip")
    try:
        script = ScriptDirectory.from_config(migrate.alembic_config())
        revisions = [r.revision for r in script.walk_revisions()]  # head first
        for revision in revisions:
            target = script.get_revision(revision).down_revision or "base"
            migrate.downgrade(database.engine, target)
            migrate.upgrade(database.engine, revision)
            migrate.downgrade(database.engine, target)
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) is None
        migrate.upgrade(database.engine)
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        database.close()


def test_the_head_start_up_checks_is_alembics_head() -> None:
    assert migrate.shipped_head() == migrate.head_revision()


def test_each_application_gets_its_project_s_group_when_migrated(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    engine = demo_workspace.database.engine
    counts = "SELECT (SELECT count(*) FROM application), (SELECT count(*) FROM application_step)"
    with engine.connect() as connection:
        before = connection.exec_driver_sql(counts).one()
    migrate.downgrade(engine, "0006")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql(counts).one() == before  # the copy kept every row
        same = connection.exec_driver_sql(
            "SELECT count(*) FROM application AS a JOIN project AS p ON p.id = a.project_id "
            "WHERE a.group_id = p.group_id"
        ).scalar()
    assert same == before[0] > 100


def test_the_awards_index_holds_the_awarded_steps_the_figures_name(tmp_path: Path) -> None:
    """A partial index serves only a query that states its condition in the same words."""
    database = open_database(tmp_path / "awards.sqlite3")
    try:
        with database.engine.connect() as connection:
            sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'ix_application_awarded_groups'"
            ).scalar()
    finally:
        database.close()
    assert sql.endswith(f"WHERE {LIVE_AWARD_SQL}")
