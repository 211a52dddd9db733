"""Opening the database: the file, its engines, its sessions, its migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kyodo_desktop.store import migrate
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.backup.check import checked_before_opening, quick_check
from kyodo_desktop.store.backup.copies import timestamped_backup
from kyodo_desktop.store.engine import READ_ONLY, make_engine, sqlite_url
from kyodo_desktop.store.errors import EnvironmentFaultError, Problem
from kyodo_desktop.store.exchange import stamping as exchange_stamping
from kyodo_desktop.store.locations import DATABASE_FILE_NAME as DATABASE_FILE_NAME
from kyodo_desktop.store.refdata import HEAD_OFFICE_ORIGIN, load_reference_data
from kyodo_desktop.store.search import index as search_index


@dataclass
class Database:
    """One open database: a writing engine and a read-only view of the same pool."""

    engine: Engine
    path: Path | None  # None for a server database

    def __post_init__(self) -> None:
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        audit_trail.install(self._writer)
        search_index.install(self._writer)
        exchange_stamping.install(self._writer)

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def location(self) -> str:
        """The file, or the server as user@host/database (never a password)."""
        if self.path is not None:
            return str(self.path)
        from kyodo_desktop.store.server.url import describe

        return describe(self.engine.url)

    @contextmanager
    def transaction(self, audit: AuditContext | None = None) -> Iterator[Session]:
        """A session for one user action: committed at the end, rolled back on any error.

        Business rows are written only with an audit context (the services give one).
        """
        with self._writer.begin() as session:
            if audit is not None:
                audit_trail.begin(session, audit)
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads and never holds the write lock."""
        with self._reader() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path | None = None, *, url: str | None = None) -> Database:
    """Open (creating if needed) the database, backing it up before any migration."""
    if url is None:
        if path is None:
            raise ValueError("either a path or a URL is needed")
        path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not path.exists() or path.stat().st_size == 0
        if not is_new and checked_before_opening(path):
            # A damaged file is told before anything reads or writes it (and it is left as it is);
            # a large one is checked behind the open window (ui/safekeeping/background_check.py).
            problems = quick_check(path)
            if problems != ["ok"]:
                raise EnvironmentFaultError(Problem.DAMAGED, "; ".join(problems[:5]))
        engine = make_engine(sqlite_url(path))
    else:
        path = None  # a server: no file of ours to check or copy (docs/server.md: backups)
        engine = make_engine(url)
        is_new = False
    database = Database(engine, path)
    try:
        if migrate.needs_upgrade(engine):
            if path is not None and not is_new:
                timestamped_backup(path, "before-migration")
            migrate.upgrade(engine)
            with database.transaction(AuditContext(None, HEAD_OFFICE_ORIGIN)) as session:
                exchange_stamping.as_shipped(session)  # the same in every office: no change
                load_reference_data(session)
    except BaseException:
        database.close()
        raise
    return database
