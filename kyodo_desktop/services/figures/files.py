"""The figures as files a spreadsheet opens: CSV (UTF-8 with BOM, or CP932) and Excel (.xlsx).

Both say what the printed 集計表 says (forms.figure_report's wording): each table's title,
its headings (with the unit when the columns' units differ, else 「（単位：件）」 by the
title), its lines, the total and the note. Figures are whole numbers: plain digits in the
CSV, so that Excel reads them as numbers; numbers formatted ``#,##0`` in the workbook.
Labels come from the reference data an administrator types (offices, topics), so a label
that a spreadsheet would run as a formula is written as text, as the consultation export does.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from kyodo_desktop.forms.figure_report import (
    EVERY_OFFICE,
    context_line,
    headings,
    report_title,
    unit_line,
)
from kyodo_desktop.rules.calendar import format_fiscal_year, format_wareki
from kyodo_desktop.services.consultations.export import Cp932Cells, CsvEncoding, neutralise
from kyodo_desktop.services.figures.year import FigureSet, FigureTable

YEN = "円"
SUMMARY_SHEET = "概要"
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
FONT = "游ゴシック"  # Excel's own Japanese font since 2016; older Excel falls back to its own
THIN = Side(style="thin", color="666666")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHADED = PatternFill("solid", fgColor="EDEDED")


def _rows(table: FigureTable) -> list[list[str | int]]:
    """Heading row, lines and total, as cells (labels str, figures int)."""
    rows: list[list[str | int]] = [[table.row_heading, *headings(table.columns, table.units)]]
    rows += [[line.label, *line.values] for line in table.lines]
    if table.total is not None:
        rows.append([table.total.label, *table.total.values])
    return rows


def csv_bytes(figures: FigureSet, encoding: CsvEncoding) -> tuple[bytes, int]:
    """Every table one after another; the bytes and how many characters CP932 could not hold."""
    cp932 = Cp932Cells() if encoding is CsvEncoding.CP932 else None

    def cell(value: str | int) -> str:
        if isinstance(value, int):
            return str(value)
        shown = neutralise(value)
        return cp932(shown) if cp932 else shown

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # what Excel on Windows expects
    scope = figures.office_name or EVERY_OFFICE
    writer.writerow([cell(report_title(figures.fiscal_year))])
    writer.writerow([cell(context_line(scope, figures.as_of))])
    writer.writerow([])
    for table in figures.tables:
        unit = unit_line(table.units)
        writer.writerow([cell(table.title), *([cell(unit)] if unit else [])])
        writer.writerows([[cell(v) for v in row] for row in _rows(table)])
        if table.note:
            writer.writerow([cell(f"注：{table.note}")])
        writer.writerow([])
    return out.getvalue().encode(encoding.value), (cp932.replaced if cp932 else 0)


def sheet_name(table: FigureTable, fiscal_year: int, taken: set[str]) -> str:
    """The table's title without its 年度 or date, as Excel allows a sheet's name (≤31)."""
    name = table.title.removeprefix(format_fiscal_year(fiscal_year)).strip()
    name = re.sub(r"（[^）]*現在）$", "", name)  # the day belongs in the title row, not the tab
    name = NOT_IN_SHEET_NAMES.sub("・", name).strip("'") or table.key
    name = name[:31]
    candidate, number = name, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"（{number}）"
        candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _width(value: object) -> int:
    """How many half-width characters a value takes on screen (a kanji takes two)."""
    shown = f"{value:,}" if isinstance(value, int) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown)


def _number_format(unit: str) -> str:
    return '#,##0"円"' if unit == YEN else "#,##0"


def _table_sheet(sheet: Worksheet, table: FigureTable, context: str, text: Callable) -> None:
    rows = _rows(table)
    width = len(rows[0])
    sheet["A1"] = text(table.title)
    sheet["A1"].font = Font(name=FONT, size=14, bold=True)
    sheet["A2"] = text(context)
    sheet["A2"].font = Font(name=FONT, size=10)
    unit = unit_line(table.units)
    if unit:
        corner = sheet.cell(2, width, unit)
        corner.font = Font(name=FONT, size=10)
        corner.alignment = Alignment(horizontal="right")
    first = 3
    for offset, row in enumerate(rows):
        heading = offset == 0
        total = table.total is not None and offset == len(rows) - 1
        for column, value in enumerate(row, 1):
            cell = sheet.cell(first + offset, column, text(value))
            cell.border = BOX
            cell.font = Font(name=FONT, size=10, bold=heading or total)
            if heading or total:
                cell.fill = SHADED
            if heading:
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif column > 1:
                cell.number_format = _number_format(table.units[column - 2])
    if table.note:
        note = sheet.cell(first + len(rows) + 1, 1, text(f"注：{table.note}"))
        note.font = Font(name=FONT, size=9)
    label = max(_width(row[0]) for row in rows)
    sheet.column_dimensions["A"].width = min(max(label + 2, 10), 44)
    for column in range(2, width + 1):
        figures = max(_width(row[column - 1]) for row in rows[1:]) if len(rows) > 1 else 0
        wanted = max(figures + 3, min(_width(rows[0][column - 1]), 16) + 2, 8)
        sheet.column_dimensions[get_column_letter(column)].width = wanted
    sheet.freeze_panes = sheet.cell(first + 1, 2)  # headings and labels stay when scrolling


def xlsx_bytes(figures: FigureSet) -> bytes:
    """A workbook: 概要 first (年度, scope, day, the tables), then a sheet per table."""
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    scope = figures.office_name or EVERY_OFFICE

    def text(value: str | int) -> str | int:
        return value if isinstance(value, int) else neutralise(value)

    summary["A1"] = report_title(figures.fiscal_year)
    summary["A1"].font = Font(name=FONT, size=14, bold=True)
    facts = (
        ("年度", format_fiscal_year(figures.fiscal_year)),
        ("対象", text(scope)),
        ("集計日", format_wareki(figures.as_of)),
    )
    for row, (label, value) in enumerate(facts, 3):
        summary.cell(row, 1, label).font = Font(name=FONT, size=10, bold=True)
        summary.cell(row, 2, value).font = Font(name=FONT, size=10)
    listed = 3 + len(facts) + 1
    for column, heading in enumerate(("シート", "表"), 1):
        cell = summary.cell(listed, column, heading)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill, cell.border = SHADED, BOX
    taken = {SUMMARY_SHEET}
    context = context_line(scope, figures.as_of)
    for row, table in enumerate(figures.tables, listed + 1):
        name = sheet_name(table, figures.fiscal_year, taken)
        _table_sheet(book.create_sheet(name), table, context, text)
        link = summary.cell(row, 1, name)
        # A click opens the table's sheet (a link inside the book, not to a file).
        quoted = name.replace("'", "''")
        link.hyperlink = Hyperlink(link.coordinate, location=f"'{quoted}'!A1")
        link.font = Font(name=FONT, size=10, color="0563C1", underline="single")
        summary.cell(row, 2, text(table.title)).font = Font(name=FONT, size=10)
        for column in (1, 2):
            summary.cell(row, column).border = BOX
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 52
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
