"""kyodo-admin staff: accounts added, listed, given a password, stopped; the idle lock.

These act as the program itself with the administrator's role: the trail records the system.
"""

from __future__ import annotations

import argparse
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_group,
    office_code,
    open_existing_workspace,
    read_new_password,
    system_admin,
)


def cmd_staff(args: argparse.Namespace) -> int:
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access import accounts, installation

    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        admin = system_admin(database)
        if args.staff_command == "add":
            roles = [role.value for role in StaffRole]
            if args.role not in roles:
                raise UsageError(f"--role は {'・'.join(roles)} のどれかにしてください。")
            draft = accounts.StaffDraft(
                login_id=args.login,
                name=args.name,
                office_code=office_code(args.office),
                role=args.role,
                name_kana=args.kana,
            )
            password = read_new_password(args, f"{args.login} のパスワード")
            accounts.create_staff(database, admin, draft, password=password)
            print(f"職員 {accounts.normalise_login(args.login)} を登録しました。")
        elif args.staff_command == "list":
            for row in accounts.list_staff(database, admin):
                state = "" if row.active else "（停止中）"
                password = "" if row.has_password else "（パスワード未設定）"
                print(
                    f"{row.login_id}\t{row.name}\t{row.office_code} {row.office_name}"
                    f"\t{row.role.label}{state}{password}"
                )
        elif args.staff_command == "passwd":
            found = accounts.find_staff(database, admin, args.login)
            password = read_new_password(args, f"{found.login_id} の新しいパスワード")
            accounts.set_staff_password(database, admin, found.id, password)
            print(f"{found.login_id} のパスワードを変更しました。")
        elif args.staff_command == "deactivate":
            found = accounts.find_staff(database, admin, args.login)
            accounts.deactivate_staff(database, admin, found.id)
            print(f"{found.login_id} のアカウントを停止しました。")
        elif args.staff_command == "idle-lock":
            if args.minutes is not None:
                installation.set_idle_lock_minutes(database, admin, args.minutes)
            print(f"画面ロックまでの時間: {installation.idle_lock_minutes(database)}分")
    finally:
        workspace.close()
    return 0


def add_commands(commands: Any) -> None:
    """Add ``staff add | list | passwd | deactivate | idle-lock``."""
    add = add_group(
        commands,
        "staff",
        "staff accounts: add, list, passwd, deactivate, idle-lock",
        "staff_command",
        metavar=None,
    )
    staff_add = add("add", "add a staff account", cmd_staff)
    staff_add.add_argument("--login", required=True, help="login ID")
    staff_add.add_argument("--name", required=True, help="name")
    staff_add.add_argument("--kana", default="", help="name in katakana")
    staff_add.add_argument("--office", required=True, help="office code (01-17)")
    staff_add.add_argument("--role", required=True, help="counter, head_office, viewer or admin")
    staff_add.add_argument("--password-stdin", action="store_true", help="password from stdin")
    add("list", "list the staff accounts", cmd_staff)
    passwd = add("passwd", "set a staff member's password", cmd_staff)
    passwd.add_argument("--login", required=True, help="login ID")
    passwd.add_argument("--password-stdin", action="store_true", help="password from stdin")
    deactivate = add("deactivate", "stop an account from signing in", cmd_staff)
    deactivate.add_argument("--login", required=True, help="login ID")
    idle = add("idle-lock", "show or set the minutes before the screen locks", cmd_staff)
    idle.add_argument("--minutes", type=int, help="1-120 (default 10)")
