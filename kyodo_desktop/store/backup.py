"""Copies of the database file through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from kyodo_desktop.store.locations import BACKUP_DIR_NAME


def backup_file(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently, even while another program writes to it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    # Only a finished copy gets its real name: a backup is never half a file.
    partial.replace(destination)
    return destination


def timestamped_backup(source: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Back up next to the database, named by time and why (e.g. before-migration)."""
    now = now or datetime.now()
    name = f"{source.stem}-{now:%Y%m%d-%H%M%S-%f}-{reason}.sqlite3"
    return backup_file(source, source.parent / BACKUP_DIR_NAME / name)


def list_backups(database: Path) -> list[Path]:
    """The backups of a database, newest first."""
    folder = database.parent / BACKUP_DIR_NAME
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite3"), reverse=True)
