"""集計表: one 年度's figures on paper, a section per table (title, ruled table, total, note).

The forms engine prints A4 portrait only, and the widest tables (事務所 × 月: a label and
twelve months; 事務所 × 相談分類: twelve columns) do not fit it at the forms' 10.5 pt. Rather
than turn those pages, the type shrinks with the number of columns, down to 8 pt, which
still reads on paper; headings wrap inside their column instead of widening it.

The wording shared with the CSV and Excel files (the unit line, the headings with their unit,
the scope) is here too, so that the three files say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from kyodo_desktop.rules.calendar import format_fiscal_year, format_wareki

from .document import BODY_WIDTH, Sheet, render
from .fonts import GOTHIC, MINCHO
from .layout import GRID, SHADE, SMALL, spacer, text, title

EVERY_OFFICE = "全事務所"
PADDING = 3  # points each side of a cell
LABEL_WIDTH = (22 * mm, 62 * mm)  # the label column: at least, at most
VALUE_WIDTH = 30 * mm  # at most: a one-column table is not stretched across the page


@dataclass(frozen=True)
class ReportTable:
    """One table as printed: a label per line, whole numbers in its value columns."""

    title: str  # 「令和8年度 支援事業別の実績」
    row_heading: str  # the label column's heading
    columns: tuple[str, ...]
    units: tuple[str, ...]  # per column: 件, 団体, 円
    lines: tuple[tuple[str, tuple[int, ...]], ...]
    total: tuple[str, tuple[int, ...]] | None = None
    note: str = ""


@dataclass(frozen=True)
class FigureReport:
    fiscal_year: int
    scope: str  # one office's name, or 全事務所
    as_of: dt.date  # the day the figures were counted
    tables: tuple[ReportTable, ...]
    office: str = ""  # the footer: the office that printed it


def _style(
    name: str, font: str, size: float, align: int = TA_LEFT, **extra: float
) -> ParagraphStyle:
    extra.setdefault("leading", size * 1.5)
    return ParagraphStyle(
        name, fontName=font, fontSize=size, alignment=align, wordWrap="CJK", **extra
    )


def report_title(fiscal_year: int) -> str:
    return f"{format_fiscal_year(fiscal_year)} 集計表"


def context_line(scope: str, as_of: dt.date) -> str:
    """「対象：全事務所　令和8年11月27日現在」: whose figures, counted when."""
    return f"対象：{scope or EVERY_OFFICE}　{format_wareki(as_of)}現在"


def unit_line(units: Sequence[str]) -> str:
    """「（単位：件）」 above a table whose columns share a unit; "" when they differ."""
    return f"（単位：{units[0]}）" if units and len(set(units)) == 1 else ""


def headings(columns: Sequence[str], units: Sequence[str], between: str = "") -> tuple[str, ...]:
    """The column headings: each with its unit (「交付決定額（円）」) when the units differ."""
    if unit_line(units):
        return tuple(columns)
    return tuple(f"{c}{between}（{u}）" for c, u in zip(columns, units, strict=True))


def _size(columns: int) -> float:
    """The type size for a table of this many value columns (see the module's note)."""
    return 10.0 if columns <= 3 else 9.0 if columns <= 6 else 8.0


def _widths(table: ReportTable, size: float) -> list[float]:
    labels = [table.row_heading, *(label for label, _ in table.lines)]
    if table.total is not None:
        labels.append(table.total[0])
    widest = max(stringWidth(label, MINCHO, size) for label in labels) + 2 * PADDING + 1
    label = min(max(widest, LABEL_WIDTH[0]), LABEL_WIDTH[1])
    count = max(1, len(table.columns))
    value = min(VALUE_WIDTH, (BODY_WIDTH - label) / count)
    return [label, *([value] * len(table.columns))]


def _ruled(table: ReportTable, widths: list[float]) -> Table:
    size = _size(len(table.columns))
    head = _style(f"figure_head_{size}", GOTHIC, size - 0.5, TA_CENTER, leading=size * 1.25)
    label = _style(f"figure_label_{size}", MINCHO, size, leading=size * 1.3)
    total_label = _style(f"figure_total_{size}", GOTHIC, size, leading=size * 1.3)
    data: list[list[object]] = [
        # On paper the unit goes under the heading, not wherever the column wraps it.
        [text(h, head) for h in (table.row_heading, *headings(table.columns, table.units, "\n"))]
    ]
    data += [[text(name, label), *(f"{v:,}" for v in values)] for name, values in table.lines]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONT", (0, 0), (-1, -1), GOTHIC, size),  # the figures; blank cells: no Helvetica
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if table.total is not None:
        name, values = table.total
        data.append([text(name, total_label), *(f"{v:,}" for v in values)])
        style += [
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ("LINEABOVE", (0, -1), (-1, -1), 1.2, GRID),
        ]
    ruled = Table(
        data,
        colWidths=widths,
        minRowHeights=[size * 1.9] * len(data),
        repeatRows=1,  # a table longer than the page keeps its headings on the next
        hAlign="LEFT",
    )
    ruled.setStyle(TableStyle(style))
    return ruled


HEADING = _style("figure_heading", GOTHIC, 11.5, spaceBefore=5 * mm, spaceAfter=1 * mm)
UNIT = _style("figure_unit", MINCHO, 8.5, TA_RIGHT)
NOTE = _style("figure_note", MINCHO, 8.5, spaceBefore=1.5 * mm)


def section(table: ReportTable) -> list[Flowable]:
    """A table's section: its title and unit kept with the table's first rows."""
    head: list[Flowable] = [text(table.title, HEADING)]
    note = [text(f"注：{table.note}", NOTE)] if table.note else []
    if not table.lines:  # a heading row and a total of nothing would look like a misprint
        return [KeepTogether([*head, text("該当する記録はありません。", SMALL)]), *note]
    widths = _widths(table, _size(len(table.columns)))
    unit = unit_line(table.units)
    if unit:  # at the table's right edge, however narrow the table
        over = Table([[text(unit, UNIT)]], colWidths=[sum(widths)], hAlign="LEFT")
        over.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("FONT", (0, 0), (-1, -1), MINCHO, 8.5),  # no Helvetica in the file
                ]
            )
        )
        head.append(over)
    return [KeepTogether([*head, _ruled(table, widths)]), *note]


def figure_sheets(report: FigureReport) -> list[Sheet]:
    """The report as one sheet: its pages are numbered 「n / m」 together."""
    story: list[Flowable] = [
        *title(report_title(report.fiscal_year), context_line(report.scope, report.as_of)),
        spacer(1),
    ]
    for table in report.tables:
        story += section(table)
    return [Sheet(report_title(report.fiscal_year), story, office=report.office)]


def render_report(report: FigureReport) -> bytes:
    return render(figure_sheets(report), title=report_title(report.fiscal_year))
