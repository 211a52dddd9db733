"""Out: one 年度's figures (集計) as a file — CSV, Excel or PDF — written whole, and audited.

Exporting takes the ward's figures out of the program, so it needs EXPORT (協働推進課), as
the consultation export does, and follows the same order: the figures are read (as the
集計 screen reads them, with its office bounds), the file is written beside the destination
under a temporary name, the export is audited, and only then is the file renamed into
place. A failure anywhere leaves no half file and an earlier file of that name untouched,
and no file leaves without its audit entry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from kyodo_desktop.forms.figure_report import EVERY_OFFICE, FigureReport, ReportTable, render_report
from kyodo_desktop.host.file_names import file_name as portable_file_name
from kyodo_desktop.rules.calendar import format_fiscal_year
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.consultations.export import CsvEncoding
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, NotFoundError, PermissionDeniedError
from kyodo_desktop.services.figures.files import csv_bytes, xlsx_bytes
from kyodo_desktop.services.figures.year import FIRST_FY, FigureSet, FigureTable, year_figures
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.safekeeping.saving import write_whole
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.reference import Office


class FigureFormat(StrEnum):
    """What the file is: the value is what `kyodo-admin report --format` takes."""

    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


@dataclass(frozen=True)
class FigureExportResult:
    path: Path
    format: FigureFormat
    tables: int
    replaced: int  # characters CP932 cannot hold, written as 〓 (a CP932 CSV only)


def _format(fmt: object) -> FigureFormat:
    try:
        return FigureFormat(fmt)
    except ValueError:
        raise InputError(
            "書き出す形式は CSV・Excel（xlsx）・PDF のどれかを選んでください。", field="format"
        ) from None


def _encoding(fmt: FigureFormat, encoding: object) -> CsvEncoding | None:
    if fmt is not FigureFormat.CSV:
        return None
    try:
        return CsvEncoding(encoding)
    except ValueError:
        raise InputError(
            "文字コードは UTF-8（BOM付き）か Shift_JIS（CP932）を選んでください。", field="encoding"
        ) from None


def file_name(fiscal_year: int, office_name: str, fmt: FigureFormat) -> str:
    """The name offered in the save dialog: 集計_令和8年度_全事務所.xlsx."""
    return portable_file_name(
        "集計", format_fiscal_year(fiscal_year), office_name or EVERY_OFFICE, suffix=f".{fmt.value}"
    )


def _report_table(table: FigureTable) -> ReportTable:
    total = None if table.total is None else (table.total.label, table.total.values)
    lines = tuple((line.label, line.values) for line in table.lines)
    return ReportTable(
        table.title, table.row_heading, table.columns, table.units, lines, total, table.note
    )


def report_of(figures: FigureSet, printed_by: str = "") -> FigureReport:
    """The figures as the forms engine prints them (forms know nothing of services)."""
    return FigureReport(
        figures.fiscal_year,
        figures.office_name or EVERY_OFFICE,
        figures.as_of,
        tuple(_report_table(t) for t in figures.tables),
        office=printed_by,
    )


def figure_bytes(
    figures: FigureSet, fmt: FigureFormat, encoding: CsvEncoding | None, printed_by: str = ""
) -> tuple[bytes, int]:
    """The file's bytes, and how many characters CP932 could not hold."""
    if fmt is FigureFormat.CSV:
        return csv_bytes(figures, encoding or CsvEncoding.UTF8_BOM)
    if fmt is FigureFormat.XLSX:
        return xlsx_bytes(figures), 0
    return render_report(report_of(figures, printed_by)), 0


@service("figures.export", Permission.EXPORT)
def record_figure_export(
    uow: UnitOfWork,
    fiscal_year: int,
    office_id: uuid.UUID | None,
    fmt: FigureFormat,
    encoding: CsvEncoding | None,
) -> None:
    """The audit entry of a figures export: which 年度, whose figures, in what file."""
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise InputError("年度を選んでください。", field="fiscal_year")
    if not FIRST_FY <= fiscal_year <= date.today().year + 1:
        raise InputError("書き出した年度が正しくありません。", field="fiscal_year")
    chosen = _format(fmt)
    written = _encoding(chosen, encoding)
    office = EVERY_OFFICE
    if office_id is not None:
        if not isinstance(office_id, uuid.UUID):
            raise InputError("事務所を一覧から選んでください。", field="office_id")
        uow.require_office(office_id)
        office = uow.session.scalar(
            select(Office.name).where(Office.id == office_id, Office.deleted_at.is_(None))
        )
        if office is None:
            raise NotFoundError("選んだ事務所が見つかりません。一覧から選び直してください。")
    uow.record_event(
        "export",
        "figures",
        "",
        fiscal_year=fiscal_year,
        office=office,
        format=chosen.value,
        encoding=written.value if written else "",
    )


def export_figures(
    database: Database,
    actor: Actor,
    fiscal_year: int,
    office_id: uuid.UUID | None,
    fmt: FigureFormat | str,
    destination: Path,
    *,
    encoding: CsvEncoding = CsvEncoding.UTF8_BOM,
    today: date | None = None,
) -> FigureExportResult:
    """Write every table of the 年度 (one office's, or every office's) to `destination`."""
    if not allows(actor, Permission.EXPORT):
        raise PermissionDeniedError(DENIED[Permission.EXPORT])
    chosen = _format(fmt)
    written = _encoding(chosen, encoding)
    destination = Path(destination)
    folder = destination.parent
    if not folder.is_dir():  # told before the figures are counted, not after
        raise InputError(
            f"保存先のフォルダ「{folder}」がありません。フォルダを確かめて、別のフォルダを選んでください。",
            field="path",
        )
    figures = year_figures(database, actor, fiscal_year, office_id, today=today)
    if office_id is not None and not figures.office_name:
        raise NotFoundError("選んだ事務所が見つかりません。一覧から選び直してください。")
    data, replaced = figure_bytes(figures, chosen, written, actor.office_name)
    try:
        write_whole(
            destination,
            data,
            before_publish=lambda: record_figure_export(
                database, actor, fiscal_year, office_id, chosen, written
            ),
        )
    except OSError as error:
        raise InputError(
            f"ファイル「{destination.name}」を書き出せませんでした（{error.strerror or error}）。"
            "同じ名前のファイルを Excel などで開いている場合は閉じてください。"
            "空き容量と書き込み権限を確かめて、もう一度書き出してください。",
            field="path",
        ) from error
    return FigureExportResult(destination, chosen, len(figures.tables), replaced)
