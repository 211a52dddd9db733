"""kyodo-admin backup / restore / check: copies of the database file, and its soundness."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import UsageError, add_command, data_dir, database_file


def cmd_backup(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.copies import backup_infos

    if args.list:
        from kyodo_desktop.store.database import DATABASE_FILE_NAME

        infos = backup_infos(data_dir(args) / DATABASE_FILE_NAME)
        for info in infos:
            known = info.known_reason
            reason = known.label if known else info.reason
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{reason}\t{info.size:,}\t{info.path}")
        if not infos:
            print("バックアップはまだありません。")
        return 0
    from kyodo_desktop.services.safekeeping.backups import backup_now
    from kyodo_desktop.store.backup.names import BackupReason

    print(backup_now(database_file(args), BackupReason.MANUAL))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.copies import backup_folder
    from kyodo_desktop.store.backup.restore import BackupRefusedError, restore
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    database = data_dir(args) / DATABASE_FILE_NAME
    backup = args.file
    if not backup.exists() and backup.parent == Path():  # a name from backup --list
        backup = backup_folder(database) / backup
    if not backup.is_file():
        raise UsageError(
            f"バックアップ {args.file} が見つかりません。kyodo-admin backup --list で確かめてください。"
        )
    try:
        kept = restore(database, backup)
    except BackupRefusedError as error:
        raise UsageError(error.message) from error
    print(f"{backup.name} から復元しました: {database}")
    if kept is not None:
        print(f"復元前のデータは {kept} に残しました。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.check import integrity_check, quick_check

    source = database_file(args)
    result = integrity_check(source) if args.full else quick_check(source)
    if result == ["ok"]:
        print(f"異常はありません: {source}")
        return 0
    more = f"、ほか{len(result) - 1}件" if len(result) > 1 else ""
    print(
        f"kyodo-admin: データベースに異常があります: {source}（{result[0]}{more}）。"
        "kyodo-admin backup --list でバックアップを確かめ、kyodo-admin restore で復元してください。",
        file=sys.stderr,
    )
    return 1


def add_commands(commands: Any) -> None:
    """Add ``backup``, ``restore`` and ``check``."""
    backup = add_command(
        commands,
        "backup",
        "copy the database into the backups folder (SQLite's backup API) and prune old copies",
        cmd_backup,
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = add_command(
        commands,
        "restore",
        "put a backup in place of the database. The program must be closed on this data first "
        "(a running program cannot be detected). "
        "The current file is kept in the backups folder (before-restore) and a damaged "
        "backup is refused",
        cmd_restore,
    )
    restore.add_argument(
        "file", type=Path, metavar="FILE", help="a backup file, or its name from backup --list"
    )
    check = add_command(
        commands, "check", "check the database file for damage (quick_check)", cmd_check
    )
    check.add_argument(
        "--full", action="store_true", help="the full integrity_check (indexes too; slower)"
    )
