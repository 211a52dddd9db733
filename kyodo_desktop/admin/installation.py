"""kyodo-admin init / demo / migrate: a database made, a demo written, the schema brought up.

`init` makes (or migrates) the database and, given an office and a login, sets it up with its
first administrator, as the first start of the program would.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_command,
    data_dir,
    database_url,
    office_code,
    open_workspace_for,
    read_new_password,
    with_password_asked,
)


def cmd_init(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.access.accounts import normalise_login
    from kyodo_desktop.services.access.installation import (
        InstallationDraft,
        needs_set_up,
        set_up_installation,
    )

    if (args.admin_login is None) != (args.office is None):
        raise UsageError("--admin-login と --office は両方指定してください。")
    workspace = open_workspace_for(args, create=True)
    try:
        print(f"データベースを用意しました: {workspace.database.location}")
        if args.admin_login is not None:
            draft = InstallationDraft(
                office_code=office_code(args.office),
                admin_login=args.admin_login,
                admin_name=args.admin_name,
                password=read_new_password(args, f"{args.admin_login} のパスワード"),
            )
            set_up_installation(workspace.database, draft)
            print(
                f"事務所 {draft.office_code} の端末として設定し、"
                f"管理者 {normalise_login(args.admin_login)} を登録しました。"
            )
        elif needs_set_up(workspace.database):
            print("初めて起動したときに、事務所と管理者の設定を尋ねます。")
    finally:
        workspace.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kyodo_desktop.rules import parse_date
    from kyodo_desktop.services.workspace import build_demo
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    folder = data_dir(args)
    if (folder / DATABASE_FILE_NAME).exists():
        raise UsageError(
            f"{folder / DATABASE_FILE_NAME} は既にあります。デモデータは空のフォルダに作ってください。"
        )
    if args.scale <= 0:
        raise UsageError("--scale には 0 より大きい数を指定してください。")
    today = parse_date(args.today) if args.today else date.today()
    summary = build_demo(folder, today=today, scale=args.scale, seed=args.seed)
    print(f"デモデータを作りました: {folder / DATABASE_FILE_NAME}")
    for table, count in summary.counts.items():
        print(f"  {table}: {count:,}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from kyodo_desktop.store import migrate
    from kyodo_desktop.store.database import DATABASE_FILE_NAME, open_database

    url = database_url(args)
    if url is None:
        database = open_database(data_dir(args) / DATABASE_FILE_NAME)
    else:
        database = with_password_asked(url, lambda url: open_database(url=url))
    try:
        with database.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        print(f"スキーマは最新です（リビジョン {revision}）: {database.location}")
    finally:
        database.close()
    return 0


def add_init(commands: Any) -> None:
    """Add ``init``."""
    init = add_command(
        commands,
        "init",
        "create (or migrate) the database; with --admin-login, set it up",
        cmd_init,
    )
    init.add_argument("--admin-login", help="the first administrator's login ID")
    init.add_argument("--admin-name", default="管理者", help="the administrator's name")
    init.add_argument("--office", help="this installation's office code (01-17)")
    init.add_argument("--password-stdin", action="store_true", help="read the password from stdin")


def add_demo_and_migrate(commands: Any) -> None:
    """Add ``demo`` and ``migrate``."""
    demo = add_command(
        commands, "demo", "write the demo database into an empty data folder", cmd_demo
    )
    demo.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="size factor (1 ≈ 380 groups, 28,000 consultations)",
    )
    demo.add_argument("--seed", type=int, default=2017, help="random seed (same seed, same data)")
    demo.add_argument("--today", help="the demo's today (default: the real today)")
    add_command(commands, "migrate", "back up, then bring the schema up to date", cmd_migrate)
