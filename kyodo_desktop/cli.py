"""kyodo-admin: the operations head-office and IT staff script."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kyodo_desktop import __version__


class UsageError(Exception):
    """A fault of the input: reported as one line, never as a traceback."""


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return args.data_dir
    from kyodo_desktop.app import default_data_dir

    return default_data_dir()


def cmd_init(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.access.staff import (
        InstallationDraft,
        needs_set_up,
        normalise_login,
        set_up_installation,
    )
    from kyodo_desktop.services.workspace import open_workspace

    if (args.admin_login is None) != (args.office is None):
        raise UsageError("--admin-login と --office は両方指定してください。")
    workspace = open_workspace(_data_dir(args))
    try:
        print(f"データベースを用意しました: {workspace.database.location}")
        if args.admin_login is not None:
            draft = InstallationDraft(
                office_code=_office_code(args.office),
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


def _office_code(text: str) -> str:
    text = text.strip()
    return text.zfill(2) if text.isdigit() and len(text) == 1 else text


def read_new_password(args: argparse.Namespace, prompt: str) -> str:
    """A new password: one line of standard input, or typed twice at the terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("標準入力にパスワードがありません。")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError(
            "パスワードを入力できる端末がありません。--password-stdin で標準入力から渡してください。"
        )
    import getpass

    first = getpass.getpass(f"{prompt}: ")
    if getpass.getpass(f"{prompt}（確認）: ") != first:
        raise UsageError("2回入力したパスワードが違います。もう一度やり直してください。")
    return first


def _staff_workspace(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.workspace import open_workspace
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    data_dir = _data_dir(args)
    if not (data_dir / DATABASE_FILE_NAME).exists() and not os.environ.get("KYODO_DATABASE_URL"):
        raise UsageError(
            f"データベース {data_dir / DATABASE_FILE_NAME} がありません。"
            "先に kyodo-admin init を実行するか、--data-dir を確かめてください。"
        )
    return open_workspace(data_dir, url=os.environ.get("KYODO_DATABASE_URL"))


def cmd_staff(args: argparse.Namespace) -> int:
    """Staff accounts, acting as the program itself (the trail records the system)."""
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access import staff

    workspace = _staff_workspace(args)
    try:
        database = workspace.database
        admin = staff.system_actor(database, StaffRole.ADMIN)
        if args.staff_command == "add":
            roles = [role.value for role in StaffRole]
            if args.role not in roles:
                raise UsageError(f"--role は {'・'.join(roles)} のどれかにしてください。")
            draft = staff.StaffDraft(
                login_id=args.login,
                name=args.name,
                office_code=_office_code(args.office),
                role=args.role,
                name_kana=args.kana,
            )
            password = read_new_password(args, f"{args.login} のパスワード")
            staff.create_staff(database, admin, draft, password=password)
            print(f"職員 {staff.normalise_login(args.login)} を登録しました。")
        elif args.staff_command == "list":
            for row in staff.list_staff(database, admin):
                state = "" if row.active else "（停止中）"
                password = "" if row.has_password else "（パスワード未設定）"
                print(
                    f"{row.login_id}\t{row.name}\t{row.office_code} {row.office_name}"
                    f"\t{row.role.label}{state}{password}"
                )
        elif args.staff_command == "passwd":
            found = staff.find_staff(database, admin, args.login)
            password = read_new_password(args, f"{found.login_id} の新しいパスワード")
            staff.set_staff_password(database, admin, found.id, password)
            print(f"{found.login_id} のパスワードを変更しました。")
        elif args.staff_command == "deactivate":
            found = staff.find_staff(database, admin, args.login)
            staff.deactivate_staff(database, admin, found.id)
            print(f"{found.login_id} のアカウントを停止しました。")
        elif args.staff_command == "idle-lock":
            if args.minutes is not None:
                staff.set_idle_lock_minutes(database, admin, args.minutes)
            print(f"画面ロックまでの時間: {staff.idle_lock_minutes(database)}分")
    finally:
        workspace.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kyodo_desktop.rules import parse_date
    from kyodo_desktop.services.workspace import build_demo
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    folder = _data_dir(args)
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

    database = open_database(_data_dir(args) / DATABASE_FILE_NAME)
    try:
        with database.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        print(f"スキーマは最新です（リビジョン {revision}）: {database.location}")
    finally:
        database.close()
    return 0


def _database_file(args: argparse.Namespace) -> Path:
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    source = _data_dir(args) / DATABASE_FILE_NAME
    if not source.exists():
        raise UsageError(f"データベース {source} がありません。--data-dir を確かめてください。")
    return source


def cmd_backup(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.copies import backup_infos

    if args.list:
        from kyodo_desktop.store.database import DATABASE_FILE_NAME

        infos = backup_infos(_data_dir(args) / DATABASE_FILE_NAME)
        for info in infos:
            known = info.known_reason
            reason = known.label if known else info.reason
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{reason}\t{info.size:,}\t{info.path}")
        if not infos:
            print("バックアップはまだありません。")
        return 0
    from kyodo_desktop.services.safekeeping.backups import backup_now
    from kyodo_desktop.store.backup.names import BackupReason

    print(backup_now(_database_file(args), BackupReason.MANUAL))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup.copies import backup_folder
    from kyodo_desktop.store.backup.restore import BackupRefusedError, restore
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    database = _data_dir(args) / DATABASE_FILE_NAME
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

    source = _database_file(args)
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


def cmd_bench(args: argparse.Namespace) -> int:
    from kyodo_desktop.bench.runner import run_bench

    return run_bench(
        only=args.only,
        scale=args.scale,
        repeat=args.repeat,
        json_file=args.json,
        work_dir=args.data_dir,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kyodo-admin", description="協働デスクの管理コマンド（本庁・システム担当向け）"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]):  # type: ignore[no-untyped-def]
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--data-dir", type=Path, help="the data folder (default: the user's)")
        sub.set_defaults(handler=handler)
        return sub

    init = add("init", "create (or migrate) the database; with --admin-login, set it up", cmd_init)
    init.add_argument("--admin-login", help="the first administrator's login ID")
    init.add_argument("--admin-name", default="管理者", help="the administrator's name")
    init.add_argument("--office", help="this installation's office code (01-17)")
    init.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    staff_parser = commands.add_parser(
        "staff", help="staff accounts: add, list, passwd, deactivate, idle-lock"
    )
    staff_commands = staff_parser.add_subparsers(dest="staff_command", required=True)

    def add_staff(name: str, help_text: str):  # type: ignore[no-untyped-def]
        sub = staff_commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--data-dir", type=Path, help="the data folder (default: the user's)")
        sub.set_defaults(handler=cmd_staff)
        return sub

    staff_add = add_staff("add", "add a staff account")
    staff_add.add_argument("--login", required=True, help="login ID")
    staff_add.add_argument("--name", required=True, help="name")
    staff_add.add_argument("--kana", default="", help="name in katakana")
    staff_add.add_argument("--office", required=True, help="office code (01-17)")
    staff_add.add_argument("--role", required=True, help="counter, head_office, viewer or admin")
    staff_add.add_argument("--password-stdin", action="store_true", help="password from stdin")
    add_staff("list", "list the staff accounts")
    passwd = add_staff("passwd", "set a staff member's password")
    passwd.add_argument("--login", required=True, help="login ID")
    passwd.add_argument("--password-stdin", action="store_true", help="password from stdin")
    deactivate = add_staff("deactivate", "stop an account from signing in")
    deactivate.add_argument("--login", required=True, help="login ID")
    idle = add_staff("idle-lock", "show or set the minutes before the screen locks")
    idle.add_argument("--minutes", type=int, help="1-120 (default 10)")
    demo = add("demo", "write the demo database into an empty data folder", cmd_demo)
    demo.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="size factor (1 ≈ 380 groups, 28,000 consultations)",
    )
    demo.add_argument("--seed", type=int, default=2017, help="random seed (same seed, same data)")
    demo.add_argument("--today", help="the demo's today (default: the real today)")
    add("migrate", "back up, then bring the schema up to date", cmd_migrate)
    backup = add(
        "backup",
        "copy the database into the backups folder (SQLite's backup API) and prune old copies",
        cmd_backup,
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = add(
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
    check = add("check", "check the database file for damage (quick_check)", cmd_check)
    check.add_argument(
        "--full", action="store_true", help="the full integrity_check (indexes too; slower)"
    )
    bench = add("bench", "measure scenarios beside their baselines", cmd_bench)
    bench.add_argument("--only", help="run one scenario by name")
    bench.add_argument("--scale", type=float, default=1.0, help="demo data size factor")
    bench.add_argument("--repeat", type=int, default=5, help="runs per scenario (median)")
    bench.add_argument("--json", type=Path, help="write one JSON record per scenario here")
    from kyodo_desktop.admin_records import add_commands  # audit, retention
    from kyodo_desktop.admin_reference import add_commands as add_reference_commands

    add_commands(commands)
    add_reference_commands(commands)  # topics
    from kyodo_desktop.admin_applications import add_commands as add_application_commands

    add_application_commands(commands)  # applications open-round
    from kyodo_desktop.admin_print import add_commands as add_print_commands

    add_print_commands(commands)  # print
    from kyodo_desktop.admin_report import add_commands as add_report_commands

    add_report_commands(commands)  # report
    from kyodo_desktop.admin_import import add_commands as add_import_commands

    add_import_commands(commands)  # import groups
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kyodo_desktop.rules import RulesValidationError
    from kyodo_desktop.services.errors import ServiceError
    from kyodo_desktop.store.errors import classify

    try:
        return args.handler(args)
    except (UsageError, RulesValidationError, ServiceError) as error:
        print(f"kyodo-admin: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kyodo-admin: 中断しました。", file=sys.stderr)
        return 130
    except Exception as error:
        problem = classify(error)
        if problem is None:
            raise
        print(f"kyodo-admin: {problem.message}（{problem.detail}）", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
