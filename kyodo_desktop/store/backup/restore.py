"""Putting a backup back in place of the database, the current file kept aside first.

The program closes its engine before calling `restore` (`Database.close()`; kyodo-admin opens
none), so no connection of ours is open. The copy goes in through SQLite's backup API, page
by page under SQLite's own locks, so even a program we could not see holding the file open
reads either the old or the restored database, never a mixture. Only when the current file
is too damaged for SQLite to write into is it replaced as a file, and then its stale
``-wal``/``-shm`` are removed first: a leftover WAL replayed over the restored file would
damage it again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from kyodo_desktop.store.backup.check import integrity_check, is_damage, quick_check
from kyodo_desktop.store.backup.copies import backup_file, backup_folder, timestamped_backup
from kyodo_desktop.store.backup.names import BackupReason, backup_name


class BackupRefusedError(Exception):
    """A backup that cannot be restored; the message says why and what to do (nothing changed)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_backup(backup: Path) -> None:
    """Refuse a backup that is missing or damaged, before anything is touched."""
    if not backup.is_file():
        raise BackupRefusedError(f"バックアップのファイル {backup} が見つかりません。")
    problems = integrity_check(backup)
    if problems != ["ok"]:
        raise BackupRefusedError(
            f"バックアップ {backup.name} は壊れているため、復元に使えません"
            f"（{problems[0]}）。別のバックアップを選んでください。現在のデータは変えていません。"
        )


def restore(database: Path, backup: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database by the backup; the copy of the replaced file (None if there was none).

    The backup is checked in full first and refused if damaged. The current file is copied
    into the backups folder as ``…-before-restore.sqlite3`` (raw, with its WAL, if it is too
    damaged to copy through SQLite), and the restore never removes that copy.
    """
    check_backup(backup)
    if database.exists() and backup.resolve() == database.resolve():
        raise BackupRefusedError("データベース自身から復元することはできません。")
    kept = keep_aside(database, now=now)
    if not database.exists() or database.stat().st_size == 0:
        _replace_file(backup, database)
    else:
        try:
            _copy_into(backup, database)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            _replace_file(backup, database)
    problems = quick_check(database)
    if problems != ["ok"]:  # the disk failed under the copy: say so, the copy aside stays
        raise sqlite3.DatabaseError(f"restored file is damaged: {problems[0]}")
    return kept


def keep_aside(database: Path, *, now: datetime | None = None) -> Path | None:
    """A copy of the current database in the backups folder, damaged or not."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    try:
        return timestamped_backup(database, BackupReason.BEFORE_RESTORE, now=now)
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
    # Too damaged to read through SQLite: the bytes as they are, WAL included.
    folder = backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(database.stem, now or datetime.now(), BackupReason.BEFORE_RESTORE)
    wal = Path(f"{database}-wal")
    if wal.exists():
        shutil.copy2(wal, f"{target}-wal")
    shutil.copy2(database, target)
    return target


def _copy_into(backup: Path, database: Path) -> None:
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(database, timeout=30)
        try:
            source.backup(target)
            # Fold the restored pages into the main file now, not at some later checkpoint.
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


def _replace_file(backup: Path, database: Path) -> None:
    incoming = backup_file(backup, database.with_name(database.name + ".restoring"))
    for stale in (f"{database}-wal", f"{database}-shm", f"{database}-journal"):
        Path(stale).unlink(missing_ok=True)
    os.replace(incoming, database)
