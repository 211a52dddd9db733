"""Moving a head office's SQLite file to the server: every row, all or nothing.

The target must be an empty database (made by ``createdb``): its schema is made by the
migrations, then every table is copied in the order of its foreign keys, in one
transaction. The audit entries keep their numbers, hashes and chain; the search index is
built again in the server's form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, insert, inspect, select, text

from kyodo_desktop.store import migrate
from kyodo_desktop.store.models import Base

BATCH = 2000


class TargetNotEmptyError(Exception):
    """The server database already holds records; nothing was copied."""

    def __init__(self, rows: int) -> None:
        super().__init__(rows)
        self.rows = rows


@dataclass(frozen=True)
class CopyResult:
    tables: int
    rows: int


def rows_held(connection: Connection) -> int:
    """How many rows of ours a database holds (0 for one just made by createdb)."""
    names = set(inspect(connection).get_table_names())
    return sum(
        connection.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
        if table.name in names
    )


def copy_database(
    source: Engine, target: Engine, *, progress: Callable[[str, int], None] | None = None
) -> CopyResult:
    """Copy every row of ``source`` (a SQLite database at the shipped head) into ``target``.

    Raises `TargetNotEmptyError` (before writing anything) if the target holds rows.
    """
    with target.connect() as connection:
        held = rows_held(connection)
    if held:
        raise TargetNotEmptyError(held)
    migrate.upgrade(target)  # the schema, without the reference data: it comes with the rows
    total = 0
    with source.connect() as reading, target.begin() as writing:
        for table in Base.metadata.sorted_tables:
            result = reading.execute(
                select(table).execution_options(stream_results=True, max_row_buffer=BATCH)
            )
            copied = 0
            for part in result.partitions(BATCH):
                writing.execute(insert(table), [row._asdict() for row in part])
                copied += len(part)
            total += copied
            if progress is not None:
                progress(table.name, copied)
        _continue_sequences(writing)
        from kyodo_desktop.store.search import index as search_index

        search_index.rebuild(writing)
    return CopyResult(len(Base.metadata.sorted_tables), total)


def _continue_sequences(connection: Connection) -> None:
    """Numbered columns go on after the copied numbers (the audit entries' seq); a SQLite
    file does so by itself."""
    if connection.dialect.name == "sqlite":
        return
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"coalesce((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )


def sqlite_source(path: Path) -> Engine:
    from kyodo_desktop.store.engine import make_engine, sqlite_url

    return make_engine(sqlite_url(path))
