"""The engine and the SQLite settings every connection gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_SECONDS = 30.0

# Execution option of an engine whose transactions only read: they begin DEFERRED,
# so that a list being scrolled never holds the write lock another program waits for.
READ_ONLY = "kyodo_read_only"


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def make_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine for the URL; on SQLite with WAL, FULL sync, foreign keys, IMMEDIATE writes."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        engine = create_engine(url, echo=echo, pool_pre_ping=True)
        event.listen(engine, "before_cursor_execute", _without_nul, retval=True)
        return engine
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # SQLAlchemy's documented pysqlite recipe: take transaction control away from the
    # driver, then begin every write transaction IMMEDIATE so that two programs on one
    # file queue for the lock (busy timeout) instead of failing half-way with "locked".
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


# PostgreSQL can neither hold nor compare text with a NUL character, and refuses the whole
# statement. What the program stores is checked for control characters before it gets
# here (services/fields.py), so a NUL only ever reaches SQL in what is looked up (a code, a
# login typed in): it is compared as U+FFFD instead, which, like the NUL, matches nothing
# stored, as on SQLite.
_NUL = "\x00"


def _no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(_NUL, "\ufffd") if _NUL in value else value
    if isinstance(value, dict):
        return {key: _no_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_no_nul(item) for item in value)
    return value


def _without_nul(
    _connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    return statement, _no_nul(parameters)
