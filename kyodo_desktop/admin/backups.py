"""kyodo-admin backup / restore / check: copies of the database, and its soundness.

On the data folder's SQLite file through SQLite's own backup API and checks; on a server
(--database-url / KYODO_DATABASE_URL) through pg_dump, pg_restore and what PostgreSQL
checks (store/server/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

from kyodo_desktop.admin.common import (
    UsageError,
    add_command,
    data_dir,
    database_file,
    database_url,
)


def cmd_backup(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.copies import backup_infos

    url = database_url(args)
    if url is not None:
        return _server_backup(args, url)
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

    url = database_url(args)
    if url is not None:
        return _server_restore(args, url)
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

    url = database_url(args)
    if url is not None:
        return _server_check(url)
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


# The head office's server ------------------------------------------------------------------


def _server_backup(args: argparse.Namespace, url: URL) -> int:
    from kyodo_desktop.store.server import backup, tools

    folder = data_dir(args)
    if args.list:
        found = backup.backups(folder)
        for info in found:
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{info.reason}\t{info.size:,}\t{info.path}")
        if not found:
            print("サーバーのバックアップはまだありません。")
        return 0
    try:
        print(backup.dump(url, folder, "manual"))
    except tools.ToolMissingError as error:
        raise UsageError(error.message) from None
    except tools.ToolFailedError as error:
        raise UsageError(f"pg_dump がバックアップを取れませんでした（{error.detail}）。") from None
    return 0


def _server_restore(args: argparse.Namespace, url: URL) -> int:
    from kyodo_desktop.store.server import backup, tools

    source = args.file
    if not source.exists() and source.parent == Path():  # a name from backup --list
        source = backup.backup_folder(data_dir(args)) / source
    if not source.is_file() or source.suffix != backup.SUFFIX:
        raise UsageError(
            f"サーバーのバックアップ {args.file} が見つかりません（.dump のファイル）。"
            "kyodo-admin backup --list で確かめてください。"
        )
    try:
        backup.restore(url, source)
    except tools.ToolMissingError as error:
        raise UsageError(error.message) from None
    except tools.ToolFailedError as error:
        raise UsageError(
            f"pg_restore が復元できませんでした。サーバーのデータは元のままです（{error.detail}）。"
        ) from None
    print(f"{source.name} から復元しました: {url.database}")
    return 0


def _server_check(url: URL) -> int:
    from kyodo_desktop.admin.common import with_password_asked
    from kyodo_desktop.store.engine import make_engine
    from kyodo_desktop.store.server.check import check_server
    from kyodo_desktop.store.server.url import describe

    def checked(url: URL):  # type: ignore[no-untyped-def]
        engine = make_engine(url)
        try:
            return check_server(engine)
        finally:
            engine.dispose()

    result = with_password_asked(url, checked)
    for note in result.notes:
        print(note)
    if result.ok:
        print(f"異常はありません: {describe(url)}（索引 {result.indexes_checked}件を検査）")
        return 0
    for problem in result.problems:
        print(f"kyodo-admin: {problem}", file=sys.stderr)
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
