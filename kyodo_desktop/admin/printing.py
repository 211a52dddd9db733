"""kyodo-admin print: one record's form, a blank form, or a 年度's applications in one PDF.

Like the other commands it acts as the program itself for the head office; each print is
audited (naming the system).
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_command,
    fiscal_year,
    open_existing_workspace,
    system_head_office,
)

FORMS_HELP = (
    "application (交付申請書・事業計画書・収支予算書), report (実績報告書・収支決算書), "
    "claim (請求書), decision (交付決定通知書), rejection (不採択通知書), "
    "confirmation (額の確定通知書), "
    "consultation (相談記録票), group (団体台帳)"
)


def _record_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UsageError(
            f"--id には記録のID（例: 3f2b…の36文字）を指定してください。指定: {text}"
        ) from None


def printout_for(args: argparse.Namespace, database: Any, actor: Any) -> Any:
    """The Printout the arguments ask for (one record, a blank form, or a batch)."""
    from kyodo_desktop.forms.catalogue import APPLICATION_FORMS, FormKind
    from kyodo_desktop.services.printing import printouts as printing

    kind = FormKind(args.form)
    if args.blank:
        return printing.print_blank(database, actor, kind, args.programme)
    if args.id:
        record = _record_id(args.id)
        if kind is FormKind.CONSULTATION:
            return printing.print_consultation(database, actor, record)
        if kind is FormKind.GROUP:
            return printing.print_group(database, actor, record)
        return printing.print_application(database, actor, record, kind)
    if kind in APPLICATION_FORMS and args.programme:
        year = fiscal_year(args.fiscal_year)
        return printing.print_batch(database, actor, kind, args.programme, year)
    raise UsageError(
        "印刷する記録を指定してください: --id ID（1件）、--programme CODE --fiscal-year 年度"
        "（申請の様式を一括）、または --blank（白紙）。"
    )


def cmd_print(args: argparse.Namespace) -> int:
    from kyodo_desktop.services.safekeeping.saving import save_bytes

    out = Path(args.out)
    if not out.parent.is_dir():  # told before the forms are built, not after
        raise UsageError(
            f"書き出し先のフォルダ「{out.parent}」がありません。--out を確かめてください。"
        )
    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        printout = printout_for(args, database, system_head_office(database))
    finally:
        workspace.close()
    save_bytes(out, printout.pdf)
    print(f"{printout.title}: {printout.pages:,}ページを {out} に書き出しました")
    if printout.skipped:
        print(f"印刷しなかった申請: {len(printout.skipped):,}件")
        for line in printout.skipped:
            print(f"  {line}")
    return 0


def add_commands(commands: Any) -> None:
    """Add ``print`` to kyodo-admin's subcommands."""
    from kyodo_desktop.forms.catalogue import FormKind

    text = "print forms to a PDF: one record, a blank form, or a programme's 年度 at once"
    parser = add_command(commands, "print", text, cmd_print)
    parser.add_argument(
        "form", choices=[k.value for k in FormKind], metavar="FORM", help=FORMS_HELP
    )
    parser.add_argument("--id", help="the record: an application, consultation or group ID")
    parser.add_argument("--programme", help="jichi, yasashii, machizukuri, teian, hiroba, okoshi")
    parser.add_argument("--fiscal-year", help="the 年度 of a batch, e.g. 2026 for 令和8年度")
    parser.add_argument("--blank", action="store_true", help="a blank form to fill by hand")
    parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
