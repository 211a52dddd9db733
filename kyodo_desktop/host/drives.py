"""What kind of drive a file is on: Windows' drive types, Linux's mount table.

`store/backup/location.py` turns these into the warning about a database on a network share
or in a synced folder; this module only asks the system.
"""

from __future__ import annotations

import sys
from pathlib import Path

DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive


def drive_type(root: str) -> int:
    """Windows' GetDriveTypeW for a drive root such as ``Z:\\`` (0, unknown, elsewhere)."""
    if sys.platform != "win32":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def mount_table() -> str:
    """Linux's /proc/mounts ("" where there is none, or it cannot be read)."""
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
