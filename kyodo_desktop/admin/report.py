"""kyodo-admin report: one 年度's figures (集計) to a CSV, Excel or PDF file.

Like the other commands it acts as the program itself for the head office, and the export is audited (naming the system). Every fault of
the input is one Japanese line and exit 2, before the figures are counted.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kyodo_desktop.admin.common import (
    UsageError,
    add_command,
    fiscal_year,
    office_code,
    open_existing_workspace,
    system_head_office,
)


def _format(args: argparse.Namespace) -> Any:
    from kyodo_desktop.services.figures.export import FigureFormat

    given = args.format or Path(args.out).suffix.lstrip(".")  # report.xlsx: Excel
    try:
        return FigureFormat(given.strip().lower())
    except ValueError:
        raise UsageError(
            f"--format には csv・xlsx・pdf のどれかを指定してください。指定: {args.format or given}"
        ) from None


def _encoding(text: str) -> Any:
    from kyodo_desktop.services.consultations.export import CsvEncoding

    chosen = text.strip().lower().replace("_", "-")
    if chosen in ("utf-8", "utf8"):
        return CsvEncoding.UTF8_BOM
    if chosen in ("cp932", "shift-jis", "sjis"):
        return CsvEncoding.CP932
    raise UsageError(f"--encoding には utf-8 か cp932 を指定してください。指定: {text}")


def _office_id(database: Any, actor: Any, text: str) -> Any:
    from kyodo_desktop.services.groups.registry import office_choices

    code = office_code(text)
    for office in office_choices(database, actor):
        if office.code == code:
            return office.id, office.name
    raise UsageError(
        f"事務所コード「{text}」はありません。--office には 01〜17 を指定してください。"
    )


def cmd_report(args: argparse.Namespace) -> int:
    from kyodo_desktop.rules.calendar import format_fiscal_year
    from kyodo_desktop.services.figures.export import export_figures

    if args.out is None:
        raise UsageError("--out に書き出すファイルを指定してください（例: --out 集計.xlsx）。")
    year = fiscal_year(args.fiscal_year)
    fmt = _format(args)
    encoding = _encoding(args.encoding)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(
            f"書き出し先のフォルダ「{out.parent}」がありません。--out を確かめてください。"
        )
    workspace = open_existing_workspace(args)
    try:
        database = workspace.database
        actor = system_head_office(database)
        office_id, scope = _office_id(database, actor, args.office) if args.office else (None, "")
        result = export_figures(database, actor, year, office_id, fmt, out, encoding=encoding)
    finally:
        workspace.close()
    print(
        f"{format_fiscal_year(year)}の集計（{scope or '全事務所'}・{result.tables}表）を"
        f" {out} に書き出しました"
    )
    if result.replaced:
        print(f"Shift_JIS で書けない文字 {result.replaced:,}個を 〓 にしました")
    return 0


def add_commands(commands: Any) -> None:
    """Add ``report`` to kyodo-admin's subcommands."""
    text = "write one 年度's figures (集計: every table) to a CSV, Excel (.xlsx) or PDF file"
    parser = add_command(commands, "report", text, cmd_report)
    parser.add_argument("--fiscal-year", help="the 年度 in the western calendar (2026 = 令和8年度)")
    parser.add_argument(
        "--format", help="csv, xlsx or pdf (default: from the --out file's extension)"
    )
    parser.add_argument("--out", type=Path, help="the file to write")
    parser.add_argument("--office", help="one office's figures (01-17); default: every office")
    parser.add_argument(
        "--encoding",
        default="utf-8",
        help="a CSV's encoding: utf-8 (with BOM, Excel 2016 and later; default) or cp932",
    )
