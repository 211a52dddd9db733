"""Copies of the database file through SQLite's online backup API, and their rotation.

Names and reasons: `names`; which copies to keep: `rotation`; damage checks: `check`;
putting a copy back: `restore`; where the file lives: `location`.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from kyodo_desktop.store.backup.names import (
    SUFFIX,
    BackupInfo,
    backup_name,
    parse_backup_name,
    stem_of,
)
from kyodo_desktop.store.backup.rotation import backups_to_keep
from kyodo_desktop.store.locations import BACKUP_DIR_NAME

# A .partial older than this was left by a copy that crashed; younger, it may be in progress.
STALE_PARTIAL_SECONDS = 3600


def backup_file(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently, even while another program writes to it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A copy of a WAL database would need -wal/-shm files beside it whenever it is
            # opened, even to be checked; a rollback-journal copy is one self-contained file.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    # Only a finished copy gets its real name: a backup is never half a file.
    partial.replace(destination)
    return destination


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_DIR_NAME


def timestamped_backup(source: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Back up next to the database, named by time and why (e.g. before-migration)."""
    name = backup_name(source.stem, now or datetime.now(), reason)
    return backup_file(source, backup_folder(source) / name)


def list_backups(database: Path) -> list[Path]:
    """The backups of a database, newest first."""
    return [info.path for info in backup_infos(database)]


def backup_infos(database: Path) -> list[BackupInfo]:
    """The backups of a database with their time, reason and size, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{database.stem}-*{SUFFIX}"):
        if stem_of(path) != database.stem:
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # pruned by another program meanwhile
            continue
        info = parse_backup_name(path, size=size)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def prune(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Remove the backups in a folder that the rotation no longer keeps; the removed paths.

    Files whose names are not ours are never touched.
    """
    now = now or datetime.now()
    by_stem: dict[str, list[BackupInfo]] = {}
    for path in folder.glob(f"*{SUFFIX}"):
        info = parse_backup_name(path)
        stem = stem_of(path)
        if info is not None and stem is not None:
            by_stem.setdefault(stem, []).append(info)
    removed = []
    for infos in by_stem.values():
        keep = backups_to_keep(infos, now)
        for info in infos:
            if info not in keep:
                for path in (info.path, Path(f"{info.path}-wal"), Path(f"{info.path}-journal")):
                    path.unlink(missing_ok=True)
                removed.append(info.path)
    for partial in folder.glob(f"*{SUFFIX}.partial"):
        try:
            if time.time() - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                partial.unlink()
                # A copy killed mid-way leaves its rollback journal beside it too.
                Path(f"{partial}-journal").unlink(missing_ok=True)
        except FileNotFoundError:
            pass
    return sorted(removed)


def change_marker(database: Path) -> tuple[int, ...]:
    """Something that changes whenever the database's content may have changed.

    In WAL mode every commit appends to ``-wal`` and every checkpoint writes the main file,
    so their sizes and modification times move with each write, from any program; reading
    touches neither (only ``-shm``). A checkpoint alone also moves them: at worst one backup
    too many, never one missed. ``PRAGMA data_version`` cannot serve: it only sees other
    connections' commits from one connection that stays open.
    """
    marker: list[int] = []
    for path in (database, Path(f"{database}-wal")):
        try:
            status = path.stat()
        except FileNotFoundError:
            marker += [0, 0]
        else:
            marker += [status.st_mtime_ns, status.st_size]
    return tuple(marker)
