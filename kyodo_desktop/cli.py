"""kyodo-admin: the operations head-office and IT staff script."""

from __future__ import annotations

import argparse
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
    from kyodo_desktop.services.workspace import open_workspace

    workspace = open_workspace(_data_dir(args))
    try:
        print(f"データベースを用意しました: {workspace.database.location}")
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


def cmd_backup(args: argparse.Namespace) -> int:
    from kyodo_desktop.store.backup import timestamped_backup
    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    source = _data_dir(args) / DATABASE_FILE_NAME
    if not source.exists():
        raise UsageError(f"データベース {source} がありません。--data-dir を確かめてください。")
    print(timestamped_backup(source, "manual"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import sqlite3

    from kyodo_desktop.store.database import DATABASE_FILE_NAME

    source = _data_dir(args) / DATABASE_FILE_NAME
    if not source.exists():
        raise UsageError(f"データベース {source} がありません。--data-dir を確かめてください。")
    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
    if result == ["ok"]:
        print(f"異常はありません: {source}")
        return 0
    print(f"データベースに異常があります: {source}", file=sys.stderr)
    for line in result[:20]:
        print(f"  {line}", file=sys.stderr)
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

    add("init", "create (or migrate) the database in the data folder", cmd_init)
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
    add("backup", "copy the database into the backups folder", cmd_backup)
    add("check", "check the database file for damage (integrity_check)", cmd_check)
    bench = add("bench", "measure scenarios beside their baselines", cmd_bench)
    bench.add_argument("--only", help="run one scenario by name")
    bench.add_argument("--scale", type=float, default=1.0, help="demo data size factor")
    bench.add_argument("--repeat", type=int, default=5, help="runs per scenario (median)")
    bench.add_argument("--json", type=Path, help="write one JSON record per scenario here")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kyodo_desktop.rules import RulesValidationError
    from kyodo_desktop.store.errors import classify

    try:
        return args.handler(args)
    except (UsageError, RulesValidationError) as error:
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
