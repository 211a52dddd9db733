"""Is the database on a network share or in a synced folder? Both lose SQLite data.

SQLite's locking is unreliable over network file systems (sqlite.org/useovernet.html), and
sync clients (OneDrive, Dropbox, …) copy the file and its ``-wal`` separately, mid-write, and
may put an older copy back. The program still opens such a file, but says so once at start.
The checks are pure: the mounts table and the drive type are passed in by the tests.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

from kyodo_desktop.host import drives

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "afs", "9p", "ceph", "glusterfs", "davfs"}
)
# FUSE file systems are mostly network or cloud mounts (sshfs, rclone, s3fs, gvfs);
# these few are local.
LOCAL_FUSE = frozenset({"fuse.portal", "fuse.lxcfs", "fuse.gocryptfs", "fuse.encfs"})
# Folder names the sync clients make (compared case-insensitively, whole folder names).
SYNCED_FOLDERS = frozenset(
    {
        "dropbox",
        "google drive",
        "googledrive",
        "my drive",
        "マイドライブ",
        "iclouddrive",
        "icloud drive",
        "mobile documents",  # macOS: ~/Library/Mobile Documents is iCloud Drive
        "box",
        "box sync",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW

NETWORK_WARNING = (
    "データベース {path} はネットワーク上のフォルダにあります。"
    "ネットワークが途切れると記録が失われたり、ファイルが壊れたりするおそれがあります。"
    "この端末のフォルダ（--data-dir）に置くよう、システム担当に相談してください。"
)
SYNCED_WARNING = (
    "データベース {path} は同期フォルダ（{service}）の中にあります。"
    "同期のたびにファイルが古い内容に戻ったり壊れたりするおそれがあります。"
    "同期しないフォルダ（--data-dir）に置くよう、システム担当に相談してください。"
)


def synced_folder(path: PurePath) -> str | None:
    """The sync service whose folder holds the path (``'OneDrive'``), or None."""
    for part in path.parts:
        folded = part.casefold()
        if folded.startswith("onedrive"):  # "OneDrive", "OneDrive - 練馬区"
            return part
        if folded in SYNCED_FOLDERS:
            return part
    return None


def _unescape_mount_field(field: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011, a backslash as \134.
    return (
        field.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def linux_filesystem(path: str, mounts_text: str) -> str | None:
    """The file system type of the mount that holds the (absolute) path."""
    best, best_type = "", None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point, fstype = _unescape_mount_field(fields[1]), fields[2]
        prefix = mount_point.rstrip("/") + "/"
        if (path == mount_point or path.startswith(prefix) or mount_point == "/") and len(
            mount_point
        ) >= len(best):
            best, best_type = mount_point, fstype
    return best_type


def is_network_filesystem(fstype: str) -> bool:
    if fstype.startswith("fuse."):
        return fstype not in LOCAL_FUSE
    return fstype in NETWORK_FILESYSTEMS


def is_probably_network_or_synced(
    path: Path | str,
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """A Japanese warning when the database is on a network share or in a synced folder.

    ``mounts_text`` is /proc/mounts on Linux (read when not given); ``drive_type`` is
    Windows' GetDriveTypeW (called when not given, on Windows only).
    """
    platform = platform or sys.platform
    text = str(path)
    if platform == "win32":
        pure: PurePath = PureWindowsPath(text)
        if _is_windows_network(text, drive_type):
            return NETWORK_WARNING.format(path=text)
    else:
        text = os.path.abspath(text)
        pure = PurePath(text)
        if platform.startswith("linux"):
            if mounts_text is None:
                mounts_text = drives.mount_table()
            fstype = linux_filesystem(text, mounts_text)
            if fstype is not None and is_network_filesystem(fstype):
                return NETWORK_WARNING.format(path=text)
    service = synced_folder(pure)
    if service is not None:
        return SYNCED_WARNING.format(path=text, service=service)
    return None


def _is_windows_network(text: str, drive_type: Callable[[str], int] | None) -> bool:
    normalised = text.replace("/", "\\")
    if normalised.upper().startswith("\\\\?\\UNC\\"):
        return True
    if normalised.startswith("\\\\") and not normalised.startswith("\\\\?\\"):
        return True  # \\server\share\...
    drive = PureWindowsPath(normalised.removeprefix("\\\\?\\")).drive
    if len(drive) != 2 or drive[1] != ":":
        return False
    if drive_type is None:
        drive_type = drives.drive_type
    try:
        return drive_type(drive + "\\") == DRIVE_REMOTE
    except OSError:
        return False
