"""Files that must survive a power cut, and files only their owner may read.

POSIX needs the folder synced after a rename for the rename itself to be on the disk;
Windows cannot open a folder that way, and its NTFS journal keeps the rename. On POSIX a
file of residents' details is made readable by its owner only; on Windows the per-user
profile folder it lives in already is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_POSIX = os.name == "posix"


def sync_folder(path: Path) -> None:
    """Make a rename inside ``path`` durable (POSIX); nothing to do on Windows."""
    if not _POSIX:
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` atomically, and make the rename survive a power cut.

    ``source`` must already be flushed and fsynced by whoever wrote it.
    """
    os.replace(source, target)
    sync_folder(target.parent)


def keep_private(path: Path) -> None:
    """Only the owner may read or write ``path`` (POSIX permissions; a no-op on Windows)."""
    if _POSIX:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
