"""kyodo-admin: the operations head-office and IT staff script.

The parser is put together here from the command modules beside it (one per command group);
what they share is in `admin.common`. Every fault of the input or of the machine ends as one
line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from kyodo_desktop import __version__
from kyodo_desktop.admin import (
    applications,
    backups,
    bench,
    exchange,
    installation,
    ledgers,
    printing,
    records,
    reference,
    report,
    server,
    staff,
)
from kyodo_desktop.admin.common import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kyodo-admin", description="協働デスクの管理コマンド（本庁・システム担当向け）"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    installation.add_init(commands)  # init
    staff.add_commands(commands)  # staff add | list | passwd | deactivate | idle-lock
    installation.add_demo_and_migrate(commands)  # demo, migrate
    backups.add_commands(commands)  # backup, restore, check
    bench.add_commands(commands)  # bench
    records.add_commands(commands)  # audit, retention
    reference.add_commands(commands)  # topics
    applications.add_commands(commands)  # applications open-round
    printing.add_commands(commands)  # print
    report.add_commands(commands)  # report
    ledgers.add_commands(commands)  # import groups
    server.add_commands(commands)  # server copy-from
    exchange.add_commands(commands)  # exchange keys create | card | add | list
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
