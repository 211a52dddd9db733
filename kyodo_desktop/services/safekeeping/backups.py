"""Backups as a person (or the program on their behalf) takes and restores them.

A backup needs no permission: it only reads, and a copy more never hurts. Putting one back
replaces everyone's records, so the 設定 screen allows it to an administrator or the head
office; kyodo-admin acts as the machine's IT staff, and the start-up's damaged-file dialog
offers it because nobody can sign in to a damaged file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.backup.copies import backup_folder, backup_infos, prune, timestamped_backup
from kyodo_desktop.store.backup.location import is_probably_network_or_synced
from kyodo_desktop.store.backup.names import BackupInfo, BackupReason
from kyodo_desktop.store.backup.restore import check_backup, restore

RESTORING_ROLES = frozenset({StaffRole.ADMIN, StaffRole.HEAD_OFFICE})
RESTORE_DENIED = (
    "バックアップから復元する権限がありません。管理者または協働推進課に依頼してください。"
)
BACKUP_INTERVAL_MINUTES = 30


def database_file(target: Workspace | Path) -> Path | None:
    """The SQLite file behind a workspace (None for a server database, backed up by its owner)."""
    if isinstance(target, Path):
        return target
    return target.database.path


def backup_now(
    target: Workspace | Path, reason: BackupReason, *, now: datetime | None = None
) -> Path | None:
    """Copy the database into its backups folder and prune the folder; the new copy's path."""
    path = database_file(target)
    if path is None or not path.exists():
        return None
    copy = timestamped_backup(path, reason, now=now)
    prune(backup_folder(path), now=now)
    return copy


def list_backups(target: Workspace | Path) -> list[BackupInfo]:
    """The workspace's backups, newest first."""
    path = database_file(target)
    return [] if path is None else backup_infos(path)


def location_warning(target: Workspace | Path) -> str | None:
    """A warning when the database sits on a network share or in a synced folder."""
    path = database_file(target)
    return None if path is None else is_probably_network_or_synced(path.resolve())


def may_restore(actor: Actor | None) -> bool:
    return actor is not None and actor.role in RESTORING_ROLES


def restore_workspace(workspace: Workspace, backup: Path) -> Path | None:
    """Put a backup in place of the workspace's database; the copy of the replaced file.

    The workspace's engine is closed first, so no connection of this program holds the file.
    The workspace must not be used afterwards: its screens, its signed-in officer and its
    settings belong to the data that was replaced (the program starts again).
    """
    if not may_restore(workspace.actor):
        raise PermissionDeniedError(RESTORE_DENIED)
    path = database_file(workspace)
    if path is None:
        raise PermissionDeniedError("サーバーのデータベースは、この画面からは復元できません。")
    check_backup(backup)  # a refused backup leaves the workspace open and untouched
    workspace.close()
    return restore(path, backup)
