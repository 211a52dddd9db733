"""The figures out: every table of a 年度 to CSV (both encodings), Excel and PDF, audited.

Each file is read back the way the officer's program reads it (the csv module, openpyxl, the
PDF's text) and must hold every figure `year_figures` gives, a few of which are counted
again directly on the records.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import data_args
from openpyxl import load_workbook
from pdf_reading import fonts, pdf_text
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.calendar import fiscal_year_range
from kyodo_desktop.services.consultations.export import CsvEncoding
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.figures.export import FigureFormat, export_figures
from kyodo_desktop.services.figures.files import csv_bytes, sheet_name, xlsx_bytes
from kyodo_desktop.services.figures.year import (
    Chart,
    FigureLine,
    FigureSet,
    FigureTable,
    year_figures,
)
from kyodo_desktop.services.permissions import DENIED, Permission
from kyodo_desktop.store.applications import Application
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.awards import AWARDED_STATUSES
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.reference import Office

FY = 2026  # the demo's 年度 (its today is 2026-11-27)
TODAY = date(2026, 11, 27)


def _figures(ws, office_id=None) -> FigureSet:  # type: ignore[no-untyped-def]
    return year_figures(ws.database, ws.actor, FY, office_id, today=TODAY)


def _export(ws, fmt, path, office_id=None, encoding=CsvEncoding.UTF8_BOM):  # type: ignore[no-untyped-def]
    return export_figures(
        ws.database, ws.actor, FY, office_id, fmt, path, encoding=encoding, today=TODAY
    )


def _office_01(ws) -> Office:  # type: ignore[no-untyped-def]
    with ws.database.reading() as session:
        return session.scalars(select(Office).where(Office.code == "01")).one()


def _lines(table: FigureTable) -> list[FigureLine]:
    return [*table.lines, *([table.total] if table.total else [])]


@pytest.mark.parametrize("encoding", list(CsvEncoding))
def test_the_csv_holds_every_table_line_for_line_in_either_encoding(
    demo_head_office, out, encoding
) -> None:  # type: ignore[no-untyped-def]
    target = out / "集計.csv"
    result = _export(demo_head_office, FigureFormat.CSV, target, encoding=encoding)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding is CsvEncoding.UTF8_BOM)
    with open(target, encoding=encoding.value, newline="") as file:
        rows = list(csv.reader(file))
    figures = _figures(demo_head_office)
    assert result.tables == len(figures.tables) == 8 and result.replaced == 0
    assert rows[0] == ["令和8年度 集計表"]
    for table in figures.tables:
        at = next(i for i, row in enumerate(rows) if row and row[0] == table.title)
        assert rows[at + 1][0] == table.row_heading
        assert len(rows[at + 1]) == len(table.columns) + 1
        for offset, line in enumerate(_lines(table), 2):
            assert rows[at + offset] == [line.label, *(str(v) for v in line.values)]
    programmes = next(r for r in rows if r and r[0] == "支援事業")
    assert "交付決定額（円）" in programmes  # mixed units: each heading says its own


def test_the_figures_agree_with_a_direct_count_on_the_records(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    office = _office_01(demo_head_office)
    first, last = fiscal_year_range(FY)
    with demo_head_office.database.reading() as session:
        consultations = session.scalar(
            select(func.count())
            .select_from(Consultation)
            .where(
                Consultation.office_id == office.id,
                Consultation.occurred_on.between(first, last),
                Consultation.deleted_at.is_(None),
            )
        )
        decided = session.scalar(
            select(func.coalesce(func.sum(Application.amount_decided), 0)).where(
                Application.fiscal_year == FY,
                Application.status.in_(AWARDED_STATUSES),
                Application.deleted_at.is_(None),
            )
        )
    assert consultations > 0 and decided > 0
    target = out / "集計.csv"
    _export(demo_head_office, FigureFormat.CSV, target)
    with open(target, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    topic_heading = next(r for r in rows if r and r[0] == "事務所" and r[-1] == "相談件数")
    at = rows.index(topic_heading)
    office_row = next(r for r in rows[at:] if r and r[0] == office.name)
    assert int(office_row[-1]) == consultations
    programme_total = next(r for r in rows if r and r[0] == "合計")  # the first table's
    assert int(programme_total[5]) == decided


def test_one_office_export_holds_that_office_only(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    office = _office_01(demo_head_office)
    target = out / "練馬.csv"
    _export(demo_head_office, FigureFormat.CSV, target, office_id=office.id)
    text = target.read_text(encoding="utf-8-sig")
    assert f"対象：{office.name}" in text
    assert "出張所05" not in text  # another office's line


def test_the_workbook_has_a_summary_then_a_sheet_per_table_with_numbers(
    demo_head_office, out
) -> None:  # type: ignore[no-untyped-def]
    target = out / "集計.xlsx"
    _export(demo_head_office, FigureFormat.XLSX, target)
    book = load_workbook(target)
    figures = _figures(demo_head_office)
    summary = book["概要"]
    assert book.sheetnames[0] == "概要"
    assert summary["A1"].value == "令和8年度 集計表"
    assert (summary["A3"].value, summary["B3"].value) == ("年度", "令和8年度")
    assert summary["B4"].value == "全事務所" and summary["B5"].value == "令和8年11月27日"
    assert len(book.sheetnames) == 1 + len(figures.tables)
    for name, table in zip(book.sheetnames[1:], figures.tables, strict=True):
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
        sheet = book[name]
        assert sheet["A1"].value == table.title and sheet["A1"].font.bold
        assert sheet["A3"].value == table.row_heading and sheet["B3"].font.bold
        for row, line in enumerate(_lines(table), 4):
            assert sheet.cell(row, 1).value == line.label
            for column, (value, unit) in enumerate(zip(line.values, table.units, strict=True), 2):
                cell = sheet.cell(row, column)
                assert type(cell.value) is int and cell.value == value
                assert cell.number_format == ('#,##0"円"' if unit == "円" else "#,##0")
        if table.note:
            assert f"注：{table.note}" in [c.value for c in sheet["A"]]
    programmes = book[book.sheetnames[1]]
    assert programmes.column_dimensions["A"].width >= 20  # 「② やさしいまちづくり支援事業」
    history = next(book[n] for n in book.sheetnames if "推移" in n)
    assert history["A4"].value == "令和8年度"  # 年度 as the ward writes them


def test_the_pdf_prints_every_line_of_every_table(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    target = out / "集計.pdf"
    _export(demo_head_office, FigureFormat.PDF, target)
    pdf = target.read_bytes()
    shown = pdf_text(pdf)
    assert shown.startswith("令和8年度集計表対象：全事務所令和8年11月27日現在")
    for table in _figures(demo_head_office).tables:
        assert table.title.replace(" ", "") in shown
        for line in _lines(table):
            # A row reads label, then its figures with thousands separators, in order.
            row = line.label + "".join(f"{v:,}" for v in line.values)
            assert row.replace(" ", "") in shown
    assert "交付決定額（円）" in shown and "（単位：件）" in shown
    assert all(fonts(pdf).values())  # every glyph embedded


def test_each_export_is_audited(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    office = _office_01(demo_head_office)
    _export(demo_head_office, FigureFormat.CSV, out / "a.csv", office.id, CsvEncoding.CP932)
    with demo_head_office.database.reading() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "export", AuditEntry.entity == "figures")
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and entry.staff_id == demo_head_office.actor.staff_id
    detail = json.loads(entry.after or "{}")
    assert detail == {
        "fiscal_year": FY,
        "office": office.name,
        "format": "csv",
        "encoding": "cp932",
    }


def test_a_counter_officer_may_not_export(demo_workspace, out) -> None:  # type: ignore[no-untyped-def]
    target = out / "no.xlsx"
    with pytest.raises(PermissionDeniedError) as refused:
        _export(demo_workspace, FigureFormat.XLSX, target)
    assert refused.value.message == DENIED[Permission.EXPORT]
    assert list(out.iterdir()) == []


def test_a_missing_folder_is_told_in_japanese_and_nothing_is_written(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as refused:
        _export(demo_head_office, FigureFormat.PDF, out / "gone" / "集計.pdf")
    assert "フォルダ" in refused.value.message and "ありません" in refused.value.message
    assert list(out.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file_and_the_earlier_file_whole(
    demo_head_office, out, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    target = out / "集計.xlsx"
    target.write_bytes(b"last year's")
    import kyodo_desktop.services.safekeeping.saving as saving

    def full_disk(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving.os, "replace", full_disk)
    with pytest.raises(InputError) as refused:
        _export(demo_head_office, FigureFormat.XLSX, target)
    assert "書き出せませんでした" in refused.value.message
    assert [p.name for p in out.iterdir()] == ["集計.xlsx"]
    assert target.read_bytes() == b"last year's"


def test_a_bad_format_or_year_is_refused_plainly(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="CSV・Excel"):
        _export(demo_head_office, "doc", out / "x.doc")
    with pytest.raises(InputError, match="年度"):
        export_figures(
            demo_head_office.database, demo_head_office.actor, 1990, None, "csv", out / "x.csv"
        )
    assert list(out.iterdir()) == []


def _tiny(label: str, title: str = "令和8年度 テスト用の表") -> FigureSet:
    table = FigureTable(
        "tiny",
        title,
        "区分",
        ("件数",),
        ("件",),
        (FigureLine(label, (3,), (None,)),),
        None,
        Chart("bar", (0,)),
    )
    return FigureSet(FY, "", TODAY, (table,))


def test_a_label_never_runs_as_a_formula_nor_breaks_shift_jis() -> None:
    data, replaced = csv_bytes(_tiny('=HYPERLINK("x")𠮷'), CsvEncoding.CP932)
    rows = list(csv.reader(io.StringIO(data.decode("cp932"))))
    assert ['\'=HYPERLINK("x")〓', "3"] in rows and replaced == 1
    sheet = load_workbook(io.BytesIO(xlsx_bytes(_tiny("=1+1"))))["テスト用の表"]
    assert sheet["A4"].value == "'=1+1" and sheet["A4"].data_type == "s"


def test_sheet_names_are_what_excel_allows() -> None:
    table = _tiny(
        "x", "令和8年度 事務所別[月別]・相談/分類*の件数?ほか、とても長い表の名前です"
    ).tables[0]
    taken: set[str] = set()
    first, second = sheet_name(table, FY, taken), sheet_name(table, FY, taken)
    for name in (first, second):
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert first != second and first.startswith("事務所別")


def test_kyodo_admin_report_writes_the_file(demo_workspace, out, capsys) -> None:  # type: ignore[no-untyped-def]
    data = data_args(demo_workspace)
    target = out / "集計.xlsx"
    code = main(["report", *data, "--fiscal-year", str(FY), "--out", str(target)])
    assert code == 0
    assert "令和8年度の集計（全事務所・8表）" in capsys.readouterr().out
    assert load_workbook(target)["概要"]["B3"].value == "令和8年度"
    pdf = out / "one.pdf"
    args = ["--fiscal-year", str(FY), "--format", "pdf", "--office", "1", "--out", str(pdf)]
    assert main(["report", *data, *args]) == 0
    assert "対象：練馬区民事務所" in pdf_text(pdf.read_bytes())


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--fiscal-year", "2026", "--format", "docx"], "--format には csv・xlsx・pdf"),
        (["--fiscal-year", "令和8"], "--fiscal-year には年度を西暦の数字で"),
        (["--fiscal-year", "1990"], "集計できる年度は"),
    ],
)
def test_kyodo_admin_report_refuses_bad_input_in_one_japanese_line(
    demo_workspace, out, capsys, given, said
) -> None:  # type: ignore[no-untyped-def]
    code = main(["report", *data_args(demo_workspace), *given, "--out", str(out / "x.csv")])
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and said in error
    assert list(out.iterdir()) == []


# The 集計 screen's 書き出し… ------------------------------------------------------------


@pytest.fixture
def screen(demo_head_office, qtbot):  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.figures.screen import FigureScreen

    shown = FigureScreen(demo_head_office, today=TODAY)
    qtbot.addWidget(shown)
    return shown


def _open_dialog(screen, qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from kyodo_desktop.ui.figures.export_dialog import FigureExportDialog

    button = screen.findChild(QPushButton, "figureExportButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.findChild(FigureExportDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_the_screen_exports_what_it_shows_and_says_where(
    screen, demo_head_office, out, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.figures.export_dialog import FigureExportDialog

    asked: list[Path] = []

    def answer(cls, parent, suggested, file_filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return out / "今年度"  # typed without its extension

    monkeypatch.setattr(FigureExportDialog, "ask_path", classmethod(answer))
    dialog = _open_dialog(screen, qtbot)
    dialog.choose(2)  # Excel
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = out / "今年度.xlsx"
    assert asked[0].name == "集計_令和8年度_全事務所.xlsx"
    assert str(written) in dialog.outcome.text() and dialog.outcome.isVisible()
    assert load_workbook(written)["概要"]["B3"].value == "令和8年度"


def test_the_screen_tells_in_japanese_when_the_folder_is_gone(
    screen, demo_head_office, out, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.figures.export_dialog import FigureExportDialog

    gone = out / "gone" / "集計.pdf"
    monkeypatch.setattr(FigureExportDialog, "ask_path", classmethod(lambda *a: gone))
    dialog = _open_dialog(screen, qtbot)
    dialog.choose(3)  # PDF
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "保存先のフォルダ" in dialog.outcome.text() and dialog.result is None
    assert list(out.iterdir()) == []


def test_a_counter_officer_sees_the_button_greyed_out(demo_workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from kyodo_desktop.ui.figures.screen import FigureScreen

    shown = FigureScreen(demo_workspace, today=TODAY)
    qtbot.addWidget(shown)
    button = shown.findChild(QPushButton, "figureExportButton")
    assert button is not None and not button.isEnabled() and button.toolTip()
