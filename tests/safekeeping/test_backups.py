"""Backups: taken consistently, rotated, checked, restored with the current file kept aside."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kyodo_desktop.services.safekeeping.backups import backup_now, location_warning
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.backup.check import integrity_check, quick_check
from kyodo_desktop.store.backup.copies import backup_file, backup_infos, change_marker, prune
from kyodo_desktop.store.backup.location import (
    is_probably_network_or_synced,
    linux_filesystem,
)
from kyodo_desktop.store.backup.names import BackupInfo, BackupReason, parse_backup_name
from kyodo_desktop.store.backup.restore import BackupRefusedError, restore
from kyodo_desktop.store.backup.rotation import (
    KEEP_DAYS,
    KEEP_MONTHS,
    KEEP_RECENT,
    backups_to_keep,
)
from kyodo_desktop.store.database import DATABASE_FILE_NAME, open_database
from kyodo_desktop.store.errors import EnvironmentFaultError, Problem

# Copies of a SQLite file (a server's backups are pg_dump's: tests/test_server.py).
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 27, 15, 0)


def info(taken_at: datetime, reason: str = "periodic") -> BackupInfo:
    name = f"kyodo-{taken_at:%Y%m%d-%H%M%S-%f}-{reason}.sqlite3"
    parsed = parse_backup_name(Path(name))
    assert parsed is not None
    return parsed


def make_database(path: Path, rows: int = 3) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    connection.executemany(
        "INSERT INTO note (text) VALUES (?)", [(f"note {n}",) for n in range(rows)]
    )
    connection.commit()
    connection.close()
    return path


def notes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT text FROM note ORDER BY id")]
    finally:
        connection.close()


def damage(path: Path) -> None:
    """A file that starts like SQLite and is garbage after the header."""
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)


# Names ----------------------------------------------------------------------------


def test_a_backup_name_tells_time_and_reason() -> None:
    parsed = parse_backup_name(Path("kyodo-20261127-153000-000123-before-migration.sqlite3"))
    assert parsed is not None
    assert parsed.taken_at == datetime(2026, 11, 27, 15, 30, 0, 123)
    assert parsed.known_reason is BackupReason.BEFORE_MIGRATION
    assert parsed.known_reason.label == "移行前"
    assert parse_backup_name(Path("kyodo.sqlite3")) is None
    assert parse_backup_name(Path("notes-2026.sqlite3")) is None


# Rotation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "taken", "kept"),
    [
        ("a few backups: all kept", [NOW - timedelta(hours=h) for h in range(5)], 5),
        (
            "30 backups today: the 10 newest",
            [NOW - timedelta(minutes=30 * n) for n in range(30)],
            KEEP_RECENT,
        ),
        (
            "two a day for 30 days: 10 newest, then one a day for 14 days",
            [NOW - timedelta(days=d, hours=h) for d in range(30) for h in (0, 5)],
            # 10 newest cover 5 days; days 5..13 add one each; months add the oldest month's
            KEEP_RECENT + (KEEP_DAYS - 5) + 1,
        ),
        (
            "one a month for 3 years, this month included: the 24 most recent months",
            [datetime(2023 + (m + 11) // 12, (m + 11) % 12 + 1, 5) for m in range(36)],
            KEEP_MONTHS,
        ),
    ],
)
def test_rotation_keeps_recent_daily_and_monthly_copies(
    description: str, taken: list[datetime], kept: int
) -> None:
    backups = [info(when) for when in taken]
    assert len(backups_to_keep(backups, NOW)) == kept, description


def test_rotation_keeps_the_newest_of_each_day_and_month() -> None:
    morning, evening = datetime(2026, 11, 20, 9), datetime(2026, 11, 20, 18)
    older = [info(NOW - timedelta(hours=n)) for n in range(KEEP_RECENT)]
    backups = [
        *older,
        info(morning),
        info(evening),
        info(datetime(2025, 3, 1)),
        info(datetime(2025, 3, 31)),
    ]
    keep = backups_to_keep(backups, NOW)
    assert info(evening) in keep and info(morning) not in keep
    assert info(datetime(2025, 3, 31)) in keep and info(datetime(2025, 3, 1)) not in keep


def test_rotation_keeps_safety_copies_for_90_days() -> None:
    recent = [info(NOW - timedelta(minutes=n)) for n in range(KEEP_RECENT)]
    safety = info(datetime(2026, 10, 20, 9), "before-restore")
    plain = info(datetime(2026, 10, 20, 8), "manual")
    too_old = info(datetime(2026, 7, 1, 9), "before-migration")
    same_month = info(datetime(2026, 7, 2, 9), "manual")
    keep = backups_to_keep([*recent, safety, plain, too_old, same_month], NOW)
    assert safety in keep
    assert plain not in keep
    assert too_old not in keep  # older than 90 days, and not the newest of its month


def test_prune_removes_what_rotation_drops_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for n in range(KEEP_RECENT + 5):
        (folder / f"kyodo-{NOW - timedelta(minutes=n):%Y%m%d-%H%M%S-%f}-periodic.sqlite3").touch()
    (folder / "notes.txt").touch()
    removed = prune(folder, now=NOW)
    assert len(removed) == 5  # today's newest is also the day's and the month's copy
    assert (folder / "notes.txt").exists()
    assert len(list(folder.glob("*.sqlite3"))) == KEEP_RECENT + 5 - len(removed)


# Copies -------------------------------------------------------------------------------


def test_a_backup_while_another_connection_writes_is_consistent(tmp_path: Path) -> None:
    database = make_database(tmp_path / "live.sqlite3", rows=0)
    stop = threading.Event()

    def write() -> None:
        connection = sqlite3.connect(database, timeout=30)
        n = 0
        while not stop.is_set():
            # Each transaction adds a pair: a consistent copy always holds whole pairs.
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO note (text) VALUES (?)", (f"a{n}",))
            connection.execute("INSERT INTO note (text) VALUES (?)", (f"b{n}",))
            connection.execute("COMMIT")
            n += 1
        connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [backup_file(database, tmp_path / f"copy{n}.sqlite3") for n in range(5)]
    finally:
        stop.set()
        writer.join()
    for copy in copies:
        assert integrity_check(copy) == ["ok"]
        assert len(notes(copy)) % 2 == 0
        assert not Path(f"{copy}-wal").exists()  # a copy is one self-contained file


def test_backup_now_copies_and_prunes(tmp_path: Path) -> None:
    database = make_database(tmp_path / DATABASE_FILE_NAME)
    for n in range(KEEP_RECENT + 3):
        backup_now(database, BackupReason.PERIODIC, now=NOW + timedelta(seconds=n))
    infos = backup_infos(database)
    assert len(infos) == KEEP_RECENT
    assert infos[0].taken_at == NOW + timedelta(seconds=KEEP_RECENT + 2)
    assert infos[0].size > 0 and infos[0].reason == "periodic"


def test_the_change_marker_moves_on_a_write_and_not_on_a_read(tmp_path: Path) -> None:
    database = make_database(tmp_path / "db.sqlite3")
    reader = sqlite3.connect(database)
    reader.execute("PRAGMA journal_mode=WAL")
    before = change_marker(database)
    reader.execute("SELECT * FROM note").fetchall()
    assert change_marker(database) == before
    reader.execute("INSERT INTO note (text) VALUES ('new')")
    reader.commit()
    assert change_marker(database) != before
    reader.close()


# Checks and restore --------------------------------------------------------------------


def test_quick_check_tells_a_sound_file_from_a_damaged_one(tmp_path: Path) -> None:
    sound = make_database(tmp_path / "sound.sqlite3")
    assert quick_check(sound) == ["ok"]
    damaged = tmp_path / "damaged.sqlite3"
    damage(damaged)
    assert quick_check(damaged) != ["ok"]
    with pytest.raises(FileNotFoundError):
        quick_check(tmp_path / "missing.sqlite3")


def test_restore_brings_the_data_back_and_keeps_the_current_file_aside(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path)
    database = tmp_path / DATABASE_FILE_NAME
    try:
        backup = backup_now(workspace, BackupReason.MANUAL)
        with workspace.database.transaction() as session:
            session.connection().exec_driver_sql(
                "UPDATE setting SET value = '\"after\"' WHERE key = 'database.kind'"
            )
    finally:
        workspace.close()
    assert backup is not None
    kept = restore(database, backup)
    assert kept is not None and "before-restore" in kept.name
    assert kept.parent == tmp_path / "backups"

    def kind(path: Path) -> str:
        connection = sqlite3.connect(path)
        try:
            sql = "SELECT value FROM setting WHERE key = 'database.kind'"
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()

    assert kind(database) == '"real"'
    assert kind(kept) == '"after"'  # what was replaced is still there
    assert backup.exists()
    reopened = open_workspace(tmp_path)
    reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    database = make_database(tmp_path / DATABASE_FILE_NAME)
    bad = tmp_path / "backups" / "kyodo-20261127-150000-000000-manual.sqlite3"
    bad.parent.mkdir()
    damage(bad)
    with pytest.raises(BackupRefusedError) as refused:
        restore(database, bad)
    assert "壊れている" in refused.value.message
    assert notes(database) == ["note 0", "note 1", "note 2"]
    assert [p.name for p in bad.parent.iterdir()] == [bad.name]  # no safety copy needed


def test_a_damaged_database_is_replaced_and_kept_aside_as_it_was(tmp_path: Path) -> None:
    good = make_database(tmp_path / "good.sqlite3")
    database = tmp_path / DATABASE_FILE_NAME
    damage(database)
    Path(f"{database}-wal").write_bytes(b"stale wal")
    kept = restore(database, good)
    assert kept is not None and kept.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 8000
    assert notes(database) == ["note 0", "note 1", "note 2"]


def test_open_database_refuses_a_damaged_file_and_leaves_it_as_it_is(tmp_path: Path) -> None:
    database = tmp_path / DATABASE_FILE_NAME
    damage(database)
    with pytest.raises(EnvironmentFaultError) as fault:
        open_database(database)
    assert fault.value.problem is Problem.DAMAGED
    assert database.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 8000


# Where the file lives -------------------------------------------------------------------

MOUNTS = r"""sysfs /sys sysfs rw,nosuid 0 0
/dev/sda2 / ext4 rw,relatime 0 0
//fileserver/kyodo /mnt/share cifs rw,vers=3.0 0 0
server:/export /srv/nfs nfs4 rw 0 0
user@host:/data /home/tanaka/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/share/local\040disk ext4 rw 0 0
portal /run/user/1000/doc fuse.portal rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/tanaka/.local/share/kyodo-desktop/kyodo.sqlite3", False),
        ("/mnt/share/kyodo.sqlite3", True),
        ("/mnt/shared/kyodo.sqlite3", False),  # a prefix of the name is not the mount
        ("/srv/nfs/kyodo/kyodo.sqlite3", True),
        ("/home/tanaka/remote/kyodo.sqlite3", True),
        ("/mnt/share/local disk/kyodo.sqlite3", False),  # a local disk mounted inside
        ("/run/user/1000/doc/kyodo.sqlite3", False),
    ],
)
def test_network_mounts_are_found_in_proc_mounts(path: str, network: bool) -> None:
    warning = is_probably_network_or_synced(path, platform="linux", mounts_text=MOUNTS)
    assert (warning is not None) == network
    if network:
        assert "ネットワーク" in warning


def test_the_longest_mount_point_wins() -> None:
    assert linux_filesystem("/mnt/share/local disk/x", MOUNTS) == "ext4"
    assert linux_filesystem("/mnt/share/x", MOUNTS) == "cifs"


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\tanaka\OneDrive - 練馬区\kyodo\kyodo.sqlite3", "OneDrive - 練馬区"),
        (r"C:\Users\tanaka\Dropbox\kyodo.sqlite3", "Dropbox"),
        (r"G:\My Drive\kyodo.sqlite3", "My Drive"),
        (r"C:\Users\tanaka\iCloudDrive\kyodo.sqlite3", "iCloudDrive"),
        (r"C:\Users\tanaka\Box\kyodo.sqlite3", "Box"),
        (r"C:\Users\tanaka\AppData\Local\kyodo-desktop\kyodo.sqlite3", None),
    ],
)
def test_synced_folders_are_found_by_name(path: str, service: str | None) -> None:
    warning = is_probably_network_or_synced(path, platform="win32", drive_type=lambda root: 3)
    if service is None:
        assert warning is None
    else:
        assert warning is not None and service in warning and "同期フォルダ" in warning


def test_windows_network_drives_and_unc_paths_are_found() -> None:
    local = lambda root: 3  # noqa: E731  DRIVE_FIXED
    remote = lambda root: 4  # noqa: E731  DRIVE_REMOTE
    assert is_probably_network_or_synced(r"\\fileserver\kyodo\kyodo.sqlite3", platform="win32")
    assert is_probably_network_or_synced(
        r"Z:\kyodo\kyodo.sqlite3", platform="win32", drive_type=remote
    )
    assert not is_probably_network_or_synced(
        r"C:\kyodo\kyodo.sqlite3", platform="win32", drive_type=local
    )


def test_a_synced_folder_on_linux_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "Dropbox" / DATABASE_FILE_NAME
    assert location_warning(path) is not None
    assert location_warning(tmp_path / DATABASE_FILE_NAME) is None


def test_a_sound_quick_check_is_reused_only_while_the_file_is_unwritten(tmp_path: Path) -> None:
    import sqlite3 as sqlite

    from kyodo_desktop.store.backup import check as backup_check

    path = tmp_path / "checked.sqlite3"
    connection = sqlite.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    assert backup_check.quick_check(path) == ["ok"]
    assert path.resolve() in backup_check._sound
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # written (damaged) since
    assert backup_check.quick_check(path) != ["ok"]


def test_a_copy_killed_mid_way_is_cleared_away_with_its_journal(tmp_path: Path) -> None:
    import os
    import time

    from kyodo_desktop.store.backup.copies import STALE_PARTIAL_SECONDS

    old = tmp_path / "kyodo-20261201-183541-925004-start.sqlite3.partial"
    journal = Path(f"{old}-journal")
    young = tmp_path / "kyodo-20261201-193541-925004-start.sqlite3.partial"
    for path in (old, journal, young):
        path.write_bytes(b"half a copy")
    long_ago = time.time() - STALE_PARTIAL_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    prune(tmp_path)
    assert not old.exists() and not journal.exists()
    assert young.exists()  # it may be a copy in progress
