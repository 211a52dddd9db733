"""kyodo-admin server: the head office's PostgreSQL server (docs/server.md).

``copy-from FILE``: a head office's SQLite file moved into its new, empty server database
(made with ``createdb``); every row is copied in one transaction, the audit chain whole, the
search index built again. ``grants ROLE``: what the program's everyday role may do, applied
by the owner of the tables (resources/server/grants.sql): everything but change or remove
an audit entry.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_group,
    database_url,
    with_password_asked,
)


def cmd_copy_from(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.database import open_database
    from kyodo_desktop.store.engine import make_engine
    from kyodo_desktop.store.server.copy import TargetNotEmptyError, copy_database
    from kyodo_desktop.store.server.url import describe

    source_file: Path = args.file
    if not source_file.is_file():
        raise UsageError(f"移すデータベースのファイル {source_file} がありません。")
    url = database_url(args)
    if url is None:
        raise UsageError(
            "移す先のサーバーを --database-url（または KYODO_DATABASE_URL）で指定してください。"
        )
    source = open_database(source_file)  # checked and brought to this program's schema first
    try:

        def copied(url: Any) -> Any:
            target = make_engine(url)
            try:
                return copy_database(
                    source.engine,
                    target,
                    progress=lambda table, rows: print(f"  {table}: {rows:,}件", flush=True),
                )
            finally:
                target.dispose()

        result = with_password_asked(url, copied)
    except TargetNotEmptyError as error:
        raise UsageError(
            f"移す先のデータベース（{describe(url)}）は空ではありません（{error.rows:,}件の記録）。"
            "何も移していません。createdb で作ったばかりの空のデータベースを指定してください。"
        ) from None
    finally:
        source.close()
    print(f"{source_file} から {describe(url)} へ {result.rows:,}件を移しました。")
    return 0


def cmd_grants(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.server.roles import apply_grants
    from kyodo_desktop.store.server.url import describe

    url = database_url(args)
    if url is None:
        raise UsageError(
            "サーバーを --database-url（または KYODO_DATABASE_URL）で指定してください。"
        )
    try:
        with_password_asked(url, lambda url: apply_grants(url, args.role))
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(
        f"{describe(url)}: ロール {args.role} に日々の操作の権限を与えました（監査ログの変更・削除を除く）。"
    )
    return 0


def add_commands(commands: Any) -> None:
    """Add ``server copy-from``."""
    add = add_group(commands, "server", "the head office's PostgreSQL server", "server_command")
    copy = add(
        "copy-from",
        "copy a SQLite database file, every row, into an empty server database (all or nothing)",
        cmd_copy_from,
    )
    copy.add_argument("file", type=Path, metavar="FILE", help="the kyodo.sqlite3 file to move")
    grants = add(
        "grants",
        "let the program's everyday role read and write, but never change or remove an audit "
        "entry (run as the owner of the tables, after init and after every migrate)",
        cmd_grants,
    )
    grants.add_argument("role", metavar="ROLE", help="the everyday role, e.g. kyodo_app")
