"""Backups of a server database: pg_dump's custom format in the data folder's backups folder.

The program never copies a server's files. ``kyodo-admin backup`` with a server runs pg_dump
(every table, the audit trail with its triggers, the search index) into
``<data folder>/backups/<database>-<time>-<reason>.dump``; ``kyodo-admin restore FILE`` puts
one back with pg_restore, in one transaction. The ward's IT staff keep their own backups of
the server as well (docs/server.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL

from kyodo_desktop.store.backup.names import STAMP_FORMAT
from kyodo_desktop.store.locations import BACKUP_DIR_NAME
from kyodo_desktop.store.server import tools

SUFFIX = ".dump"
_NAME = re.compile(r"^.+-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z][a-z0-9-]*)\.dump$")


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    taken_at: datetime
    reason: str
    size: int


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def dump(url: URL, data_dir: Path, reason: str, *, now: datetime | None = None) -> Path:
    """pg_dump the server database into the backups folder; the new file (written whole)."""
    folder = backup_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    taken = now or datetime.now()
    name = f"{url.database or 'kyodo'}-{taken.strftime(STAMP_FORMAT)}-{reason}{SUFFIX}"
    target = folder / name
    partial = target.with_name(target.name + ".partial")
    try:
        tools.run("pg_dump", ["--format=custom", "--no-owner", "--file", str(partial)], url)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backups(data_dir: Path) -> list[ServerBackup]:
    """The server's backups in the folder, newest first."""
    found = []
    for path in backup_folder(data_dir).glob(f"*{SUFFIX}"):
        named = _NAME.match(path.name)
        if named is None:
            continue
        taken = datetime.strptime(named["stamp"], STAMP_FORMAT)
        found.append(ServerBackup(path, taken, named["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def restore(url: URL, backup: Path) -> None:
    """Put a pg_dump backup in place of the server database's tables, all or nothing."""
    tools.run(
        "pg_restore",
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
         str(backup)],
        url,
    )  # fmt: skip
