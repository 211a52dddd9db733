"""What a backup's file name says: the database it copies, when, and why.

``kyodo-20261127-153000-123456-start.sqlite3``: the database's stem, the local time the copy
was taken (to the microsecond, so two copies never share a name), and the reason. Listing
and rotation read everything from the name, so a folder of backups needs no index file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z][a-z0-9-]*)\.sqlite3$"
)


class BackupReason(StrEnum):
    """Why a backup was taken."""

    START = "start"  # 起動時: once each time the program opens the database
    PERIODIC = "periodic"  # 定期: every 30 minutes while something changed
    BEFORE_MIGRATION = "before-migration"  # 移行前
    BEFORE_RESTORE = "before-restore"  # 復元前: the file a restore replaced, kept aside
    BEFORE_IMPORT = "before-import"  # 取込前
    MANUAL = "manual"  # 手動: 今すぐバックアップ, kyodo-admin backup

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    BackupReason.START: "起動時",
    BackupReason.PERIODIC: "定期",
    BackupReason.BEFORE_MIGRATION: "移行前",
    BackupReason.BEFORE_RESTORE: "復元前",
    BackupReason.BEFORE_IMPORT: "取込前",
    BackupReason.MANUAL: "手動",
}

# Copies taken before something that changes the whole file: rotation keeps them longer.
SAFETY_REASONS = frozenset(
    {BackupReason.BEFORE_MIGRATION, BackupReason.BEFORE_RESTORE, BackupReason.BEFORE_IMPORT}
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as its name and size describe it."""

    path: Path
    taken_at: datetime  # local time, as the officer's clock showed it
    reason: str  # a BackupReason value; an unknown word is kept as it is
    size: int

    @property
    def known_reason(self) -> BackupReason | None:
        try:
            return BackupReason(self.reason)
        except ValueError:
            return None


def backup_name(stem: str, taken_at: datetime, reason: str) -> str:
    return f"{stem}-{taken_at.strftime(STAMP_FORMAT)}-{reason}{SUFFIX}"


def parse_backup_name(path: Path, *, size: int = 0) -> BackupInfo | None:
    """The backup a file name describes, or None for a file that is not one of ours."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    try:
        taken_at = datetime.strptime(found["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return BackupInfo(path=path, taken_at=taken_at, reason=found["reason"], size=size)


def stem_of(path: Path) -> str | None:
    found = _NAME.match(path.name)
    return None if found is None else found["stem"]
