"""kyodo-admin import groups: the head office's ledgers into the registry, from a script.

It acts as the program itself in the head office's role, like the other kyodo-admin commands: the audit trail names the system and
records the file and the counts.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import add_group, open_existing_workspace, system_head_office


def plan_lines(plan: Any) -> list[str]:
    """The plan as kyodo-admin prints it: the counts, then one line per row."""
    from kyodo_desktop.rules import format_wareki

    def counted(households: int | None, day: Any) -> str:
        if households is None:
            return ""
        return f"{households:,}世帯（{format_wareki(day)}現在）"

    lines = [
        f"{plan.file_name}: 作成 {len(plan.created):,}件、更新 {len(plan.updated):,}件、"
        f"変更なし {len(plan.unchanged):,}件、取り込まない {len(plan.left_out):,}件"
        f"（うち重複の疑い {len(plan.flagged):,}件）"
    ]
    lines += [
        f"作成\t{g.row}行目\t{g.name}\t{g.kind}\t{g.office_name}\t"
        f"{counted(g.households, g.households_counted_on)}".rstrip()
        for g in plan.created
    ]
    lines += [
        f"更新\t{u.row}行目\t{u.name}\t{counted(u.households_before, u.counted_on_before) or '未登録'}"
        f" → {counted(u.households, u.households_counted_on)}"
        for u in plan.updated
    ]
    lines += [
        f"{'重複の疑い' if r.possible_duplicate else '取り込まない'}\t{r.line}"
        for r in plan.left_out
    ]
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.groups.ledger_file import read_ledger
    from kyodo_desktop.services.groups.ledger_import import import_groups, preview_group_import

    ledger = read_ledger(args.file)  # a file that cannot be read: one line, exit 2
    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        actor = system_head_office(database)
        plan = preview_group_import(database, actor, ledger)
        if not args.dry_run:
            plan = import_groups(database, actor, ledger, expected=plan)
        for line in plan_lines(plan):
            print(line)
        if args.dry_run:
            print("確認のみです。まだ取り込んでいません。")
        else:
            print(f"{len(plan.created):,}件を作成、{len(plan.updated):,}件を更新しました")
        return 0
    finally:
        workspace.close()


def add_commands(commands: Any) -> None:
    """Add ``import groups`` to kyodo-admin's subcommands."""
    add = add_group(
        commands,
        "import",
        "bring the head office's ledgers in from .xlsx or CSV",
        "import_command",
        metavar="WHAT",
    )
    text = (
        "groups and 町会・自治会 household counts (docs/import.md): new groups are created, "
        "existing ones get their count updated, rejected and possibly duplicate rows are listed"
    )
    groups = add("groups", text, cmd_import)
    groups.add_argument("file", type=Path, metavar="FILE", help="a .xlsx or .csv file")
    groups.add_argument("--dry-run", action="store_true", help="print the plan, import nothing")
