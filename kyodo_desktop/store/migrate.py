"""Schema changes through Alembic, with the migrations found through the package."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from kyodo_desktop.store.dialect import is_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only when a migration runs: most starts need none.


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("kyodo_desktop.migrations")))
    return config


def head_revision() -> str:
    """The newest revision as Alembic reads it from the migration files."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migrations found in the package")
    return head


def shipped_head() -> str:
    """The newest revision this program ships, without importing Alembic."""
    from kyodo_desktop.migrations import HEAD

    return HEAD


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def shipped_revisions() -> set[str]:
    """Every revision this program ships (the migrations' files are named ``NNNN_...``)."""
    folder = resources.files("kyodo_desktop.migrations").joinpath("versions")
    return {
        entry.name.split("_", 1)[0]
        for entry in folder.iterdir()
        if entry.name.endswith(".py") and entry.name[:4].isdigit()
    }


def needs_upgrade(engine: Engine) -> bool:
    """True if the schema is older than this program's (or new); a schema of a newer program
    is refused: this one cannot know it."""
    with engine.connect() as connection:
        current = current_revision(connection)
    if current is not None and current not in shipped_revisions():
        from kyodo_desktop.store.errors import EnvironmentFaultError, Problem

        raise EnvironmentFaultError(Problem.NEWER_SCHEMA, f"revision {current}")
    return current != shipped_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the revision; SQLite's foreign keys stay off while tables move."""
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to an earlier revision (for tests and for undoing a release)."""
    from alembic import command

    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step, revision: str) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = is_sqlite(connection)
        if sqlite:
            # Must run outside a transaction, before SQLAlchemy begins one.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                step(config, revision)
                if sqlite:
                    broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
