"""kyodo-admin applications: the ① yearly round, scripted by the head office.

Unlike the commands that act as the program itself, the round acts as a named 協働推進課 officer (``--staff``):
every step of an application names the officer who recorded it, and the audit trail says
who opened the round. A dry run only reads, so it may act as the program.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_group,
    day,
    fiscal_year,
    open_existing_workspace,
    system_admin,
    system_head_office,
)


def _officer(database: Any, login: str | None) -> Any:
    """The head-office officer the round acts as (every step names its officer)."""
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access import accounts, installation
    from kyodo_desktop.services.errors import PermissionDeniedError
    from kyodo_desktop.services.permissions import DENIED, Permission

    if not login:
        # Like the other kyodo-admin commands, the program itself acts (as the head
        # office); its steps and audit entries then name the system, not an officer.
        return system_head_office(database)
    found = accounts.find_staff(database, system_admin(database), login)
    if not found.active:
        raise UsageError(f"職員 {found.login_id} のアカウントは停止されています。")
    if found.role is not StaffRole.HEAD_OFFICE:
        raise PermissionDeniedError(
            f"{found.login_id}（{found.role.label}）: {DENIED[Permission.DECIDE]}"
            "年度一括申請は協働推進課の職員として実行してください。"
        )
    at_office = installation.system_actor(database, found.role, office_code=found.office_code)
    return dataclasses.replace(
        at_office, staff_id=found.id, login_id=found.login_id, name=found.name
    )


def report(result: Any) -> list[str]:
    """The round's outcome as kyodo-admin prints it, one line each."""
    from kyodo_desktop.rules import format_fiscal_year, format_yen

    head = f"{format_fiscal_year(result.fiscal_year)} {result.programme_name}: "
    amounts = f"{result.count:,}件 合計 {format_yen(result.total)}"
    if result.saved and result.count == 0:
        lines = [f"{head}新しく申請として登録する町会・自治会はありませんでした（{amounts}）"]
    elif result.saved:
        lines = [f"{head}{amounts}を申請として登録しました"]
    else:
        lines = [f"{head}{amounts}を申請として登録します（確認のみ。まだ登録していません）"]
    sections = (
        ("加入世帯数が登録されていない町会・自治会", result.lacking, lambda e: ""),
        (
            "既に申請があるため対象外",
            result.skipped,
            lambda e: f"（{e.status.label}）" if e.status else "",
        ),
        (
            "規則により受け付けられない町会・自治会",
            result.refused,
            lambda e: ": " + "。".join(e.reasons),
        ),
    )
    for title, entries, detail in sections:
        if entries:
            lines.append(f"{title}: {len(entries):,}件")
            lines += [f"  {e.name}（{e.office_code} {e.office_name}）{detail(e)}" for e in entries]
    return lines


def cmd_applications(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.applications import rounds

    year = fiscal_year(args.fiscal_year)
    opened_on = day(args.date)
    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        if args.dry_run:
            actor = _officer(database, args.staff) if args.staff else system_head_office(database)
            result = rounds.preview_round(
                database, actor, args.programme, year, opened_on=opened_on
            )
        else:
            actor = _officer(database, args.staff)
            result = rounds.open_round(database, actor, args.programme, year, opened_on)
        for line in report(result):
            print(line)
        return 0
    finally:
        workspace.close()


def add_commands(commands: Any) -> None:
    """Add ``applications open-round`` to kyodo-admin's subcommands."""
    add = add_group(
        commands,
        "applications",
        "subsidy applications (申請): the ① yearly round",
        "applications_command",
    )
    text = (
        "file ① for every active 町会・自治会 of a 年度 from the households on record; "
        "lists those without a household count"
    )
    one = add("open-round", text, cmd_applications)
    one.add_argument("--programme", default="jichi", help="the programme (only jichi, ①)")
    one.add_argument("--fiscal-year", help="the 年度, e.g. 2026 for 令和8年度")
    one.add_argument("--date", help="the day of the 交付申請, YYYY-MM-DD (default: today)")
    one.add_argument("--staff", help="login ID of the 協働推進課 officer the round acts as")
    one.add_argument("--dry-run", action="store_true", help="print what it would do, save nothing")
