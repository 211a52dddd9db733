"""kyodo-admin applications: the ① yearly round, scripted by the head office.

Kept beside cli.py (which only wires it in), like admin_reference.py. Unlike the commands
that act as the program itself, the round acts as a named 協働推進課 officer (``--staff``):
every step of an application names the officer who recorded it, and the audit trail says
who opened the round. A dry run only reads, so it may act as the program.
"""

from __future__ import annotations

import argparse
import dataclasses
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any


def _fiscal_year(text: str | None) -> int:
    from kyodo_desktop.cli import UsageError

    if text is None:
        raise UsageError("--fiscal-year に年度を西暦で指定してください（例: 令和8年度は 2026）。")
    digits = unicodedata.normalize("NFKC", text).strip()
    if not digits.isascii() or not digits.isdigit():
        raise UsageError(
            f"--fiscal-year には年度を西暦の数字で指定してください（例: 令和8年度は 2026）。"
            f"指定: {text}"
        )
    return int(digits)


def _day(text: str | None) -> date | None:
    from kyodo_desktop.cli import UsageError
    from kyodo_desktop.rules import RulesValidationError, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except RulesValidationError as error:
        raise UsageError(f"--date は YYYY-MM-DD で指定してください（{error}）") from error


def _officer(database: Any, login: str | None) -> Any:
    """The head-office officer the round acts as (every step names its officer)."""
    from kyodo_desktop.admin_records import _admin
    from kyodo_desktop.cli import UsageError
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access import staff
    from kyodo_desktop.services.errors import PermissionDeniedError
    from kyodo_desktop.services.permissions import DENIED, Permission

    if not login:
        # Like the other kyodo-admin commands, the program itself acts (as the head
        # office); its steps and audit entries then name the system, not an officer.
        return staff.system_actor(database, StaffRole.HEAD_OFFICE)
    found = staff.find_staff(database, _admin(database), login)
    if not found.active:
        raise UsageError(f"職員 {found.login_id} のアカウントは停止されています。")
    if found.role is not StaffRole.HEAD_OFFICE:
        raise PermissionDeniedError(
            f"{found.login_id}（{found.role.label}）: {DENIED[Permission.DECIDE]}"
            "年度一括申請は協働推進課の職員として実行してください。"
        )
    at_office = staff.system_actor(database, found.role, office_code=found.office_code)
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
    from kyodo_desktop.admin_records import _workspace
    from kyodo_desktop.rules.vocabulary import StaffRole
    from kyodo_desktop.services.access.staff import system_actor
    from kyodo_desktop.services.applications import rounds

    fiscal_year = _fiscal_year(args.fiscal_year)
    opened_on = _day(args.date)
    workspace = _workspace(args)
    try:
        database = workspace.database
        if args.dry_run:
            actor = (
                _officer(database, args.staff)
                if args.staff
                else system_actor(database, StaffRole.HEAD_OFFICE)
            )
            result = rounds.preview_round(
                database, actor, args.programme, fiscal_year, opened_on=opened_on
            )
        else:
            actor = _officer(database, args.staff)
            result = rounds.open_round(database, actor, args.programme, fiscal_year, opened_on)
        for line in report(result):
            print(line)
        return 0
    finally:
        workspace.close()


def add_commands(commands: Any) -> None:
    """Add ``applications open-round`` to kyodo-admin's subcommands."""
    help_text = "subsidy applications (申請): the ① yearly round"
    parser = commands.add_parser("applications", help=help_text, description=help_text)
    sub = parser.add_subparsers(dest="applications_command", required=True, metavar="COMMAND")
    text = (
        "file ① for every active 町会・自治会 of a 年度 from the households on record; "
        "lists those without a household count"
    )
    one = sub.add_parser("open-round", help=text, description=text)
    one.add_argument("--data-dir", type=Path, help="the data folder (default: the user's)")
    one.add_argument("--programme", default="jichi", help="the programme (only jichi, ①)")
    one.add_argument("--fiscal-year", help="the 年度, e.g. 2026 for 令和8年度")
    one.add_argument("--date", help="the day of the 交付申請, YYYY-MM-DD (default: today)")
    one.add_argument("--staff", help="login ID of the 協働推進課 officer the round acts as")
    one.add_argument("--dry-run", action="store_true", help="print what it would do, save nothing")
    one.set_defaults(handler=cmd_applications)
