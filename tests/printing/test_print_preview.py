"""The print preview: every page shown, printed on the printer chosen, saved as the same PDF.

Printed pages are images of the form (ui/printing/printer.py), so a printed file is checked by
its page count and by what is on each page; the form's text is checked in the printout.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pdf_reading import page_count, pdf_text
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageRanges, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from kyodo_desktop.forms import layout
from kyodo_desktop.forms.document import Sheet, render
from kyodo_desktop.services.printing.printouts import Printout
from kyodo_desktop.ui.printing.preview import PrintPreview
from kyodo_desktop.ui.printing.printer import pages_to_print, render_page

pytestmark = pytest.mark.usefixtures("ui_resources")


def sample_printout(pages: int = 3) -> Printout:
    """A form of ``pages`` pages, page n holding n × 8 lines: each page looks different."""
    sheets = [
        Sheet(
            f"第{n}ページ",
            [layout.text(f"第{n}ページの本文　練馬区豊玉北一丁目町会", layout.BODY)] * (n * 8),
            document_number=f"練地第{n}号",
        )
        for n in range(1, pages + 1)
    ]
    pdf = render(sheets, title="交付申請書")
    return Printout(
        "交付申請書　豊玉北一丁目町会", "交付申請書_令和8年度_豊玉北一丁目町会.pdf", pdf, pages
    )


def dark_pixels(image: QImage) -> int:
    """How many pixels are ink (darker than mid-grey): 0 for a blank page."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    line, width = gray.bytesPerLine(), gray.width()
    return sum(
        sum(1 for value in data[row * line : row * line + width] if value < 128)
        for row in range(gray.height())
    )


def open_pdf(pdf: bytes, parent: QPdfView | None = None) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def pdf_printer(path: Path) -> QPrinter:
    """The printer a test prints on: a PDF file, A4 without margins, at 100 dpi."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    return printer


def shown(qtbot, printout: Printout) -> PrintPreview:  # type: ignore[no-untyped-def]
    preview = PrintPreview(printout)
    qtbot.addWidget(preview)
    preview.show()
    return preview


@pytest.fixture
def told(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The messages the preview showed, instead of boxes nobody would close."""
    messages: list[str] = []
    monkeypatch.setattr(
        PrintPreview, "tell", classmethod(lambda cls, parent, text: messages.append(text))
    )
    return messages


@pytest.fixture
def printer_installed(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(PrintPreview, "printers_installed", classmethod(lambda cls: True))


def ask_for(monkeypatch, printer: QPrinter) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        PrintPreview, "ask_printer", classmethod(lambda cls, parent, pages=0: printer)
    )


# Showing ---------------------------------------------------------------------------------


def test_the_preview_shows_every_page_and_the_title(qtbot) -> None:  # type: ignore[no-untyped-def]
    printout = sample_printout(3)
    preview = shown(qtbot, printout)

    assert preview.pages_label.text() == "全3ページ"
    assert preview.title.text() == "交付申請書　豊玉北一丁目町会"
    assert preview.windowTitle() == "印刷プレビュー：交付申請書　豊玉北一丁目町会"
    assert preview.document.pageCount() == 3
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    # The pages are drawn in the view (QtPdf renders them on a thread, then paints).
    qtbot.waitUntil(lambda: dark_pixels(preview.view.viewport().grab().toImage()) > 200)


def test_zooming_in_and_out_and_back_to_the_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = shown(qtbot, sample_printout(1))
    fitted = preview.view.zoomFactor()

    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    larger = preview.view.zoomFactor()
    assert larger > fitted
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() < larger
    qtbot.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_the_pages_are_read_from_the_printouts_bytes_for_as_long_as_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    import gc

    preview = shown(qtbot, sample_printout(2))
    gc.collect()  # nothing but the dialog holds the buffer the document reads

    page = render_page(preview.document, 1, 50)
    assert page.size().width() == round(595.28 * 50 / 72)
    assert page.pixelColor(2, 2).name() == "#ffffff"  # white paper, not transparent
    assert dark_pixels(page) > 100


# Printing --------------------------------------------------------------------------------


def test_printing_puts_every_page_on_the_printer(
    qtbot, tmp_path: Path, monkeypatch, printer_installed
) -> None:  # type: ignore[no-untyped-def]
    printout = sample_printout(3)
    assert "第1ページの本文練馬区豊玉北一丁目町会" in pdf_text(printout.pdf)
    output = tmp_path / "printed.pdf"
    ask_for(monkeypatch, pdf_printer(output))
    preview = shown(qtbot, printout)

    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    printed = output.read_bytes()
    assert page_count(printed) == 3
    assert preview.status.text() == "3ページをプリンターに送りました。"
    source, _source_buffer = open_pdf(printout.pdf)
    paper, _paper_buffer = open_pdf(printed)
    for page in range(3):
        # Each printed page carries its page's ink, the same amount at the same size.
        ink = dark_pixels(render_page(paper, page, 50))
        expected = dark_pixels(render_page(source, page, 50))
        assert ink > 100
        assert abs(ink - expected) < expected * 0.2


def test_only_the_pages_asked_for_are_printed(
    qtbot, tmp_path: Path, monkeypatch, printer_installed
) -> None:  # type: ignore[no-untyped-def]
    printout = sample_printout(3)
    output = tmp_path / "printed.pdf"
    printer = pdf_printer(output)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    ask_for(monkeypatch, printer)
    preview = shown(qtbot, printout)

    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    printed = output.read_bytes()
    assert page_count(printed) == 2
    source, _source_buffer = open_pdf(printout.pdf)
    paper, _paper_buffer = open_pdf(printed)
    first = dark_pixels(render_page(paper, 0, 50))
    # The first sheet of paper is the form's page 2 (16 lines), not page 1 (8 lines).
    assert abs(first - dark_pixels(render_page(source, 1, 50))) < first * 0.1
    assert abs(first - dark_pixels(render_page(source, 0, 50))) > first * 0.2


def test_the_print_dialogs_ranges_and_current_page_choose_the_pages(tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "x.pdf")
    assert pages_to_print(printer, 4) == [0, 1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addPage(1)
    ranges.addRange(3, 9)
    printer.setPageRanges(ranges)
    assert pages_to_print(printer, 4) == [0, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 4, current_page=2) == [2]


def test_no_printer_installed_says_so_and_suggests_saving(qtbot, monkeypatch, told) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(PrintPreview, "printers_installed", classmethod(lambda cls: False))

    def no_dialog(cls, parent, pages=0):  # type: ignore[no-untyped-def]
        raise AssertionError("no print dialog without a printer")

    monkeypatch.setattr(PrintPreview, "ask_printer", classmethod(no_dialog))
    preview = shown(qtbot, sample_printout(1))

    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    assert told == [
        "このパソコンにはプリンターが設定されていません。「PDFとして保存...」で保存し、"
        "プリンターのあるパソコンから印刷するか、システム担当にプリンターの設定を依頼してください。"
    ]
    assert preview.isVisible()


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_print_job_that_cannot_start_is_told_and_the_preview_stays(
    qtbot, tmp_path: Path, monkeypatch, printer_installed, told
) -> None:  # type: ignore[no-untyped-def]
    unwritable = tmp_path / "no such folder" / "printed.pdf"
    ask_for(monkeypatch, pdf_printer(unwritable))
    preview = shown(qtbot, sample_printout(1))

    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    assert len(told) == 1
    assert told[0].startswith(f"{unwritable}で印刷を始められませんでした。")
    assert "「PDFとして保存...」で保存してください" in told[0]
    assert preview.isVisible() and preview.status.text() == ""


# Saving ----------------------------------------------------------------------------------


def saving_to(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    suggested: list[str] = []

    def ask(cls, parent, name):  # type: ignore[no-untyped-def]
        suggested.append(name)
        return str(path)

    monkeypatch.setattr(PrintPreview, "ask_save_path", classmethod(ask))
    return suggested


def test_saving_writes_exactly_the_printouts_bytes(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    printout = sample_printout(2)
    target = tmp_path / "交付申請書.pdf"
    suggested = saving_to(monkeypatch, target)
    preview = shown(qtbot, printout)

    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)

    assert suggested == ["交付申請書_令和8年度_豊玉北一丁目町会.pdf"]
    assert target.read_bytes() == printout.pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == ["交付申請書.pdf"]  # no temporary left
    assert preview.status.text() == f"{target} に保存しました。"


def test_saving_into_a_folder_gone_tells_why_and_keeps_the_preview(
    qtbot, tmp_path: Path, monkeypatch, told
) -> None:  # type: ignore[no-untyped-def]
    gone = tmp_path / "USBメモリ"
    saving_to(monkeypatch, gone / "交付申請書.pdf")
    preview = shown(qtbot, sample_printout(1))

    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)

    assert told == [
        f"PDFを保存できませんでした。フォルダ「{gone}」がありません（削除されたか、"
        "ネットワークドライブやUSBメモリが外れた可能性があります）。"
        "別のフォルダを選んで、もう一度保存してください。\n"
        "プレビューは開いたままです。帳票の内容は失われていません。"
    ]
    assert preview.isVisible() and preview.status.text() == ""


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="the administrator may write in any folder"
)
def test_saving_into_a_read_only_folder_tells_why(qtbot, tmp_path: Path, monkeypatch, told) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "読み取り専用"
    folder.mkdir()
    folder.chmod(0o555)
    saving_to(monkeypatch, folder / "交付申請書.pdf")
    preview = shown(qtbot, sample_printout(1))
    try:
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    finally:
        folder.chmod(0o755)
    assert len(told) == 1 and told[0].startswith(f"PDFを「{folder}」に保存できませんでした。")
    assert list(folder.iterdir()) == []
    assert preview.isVisible()


@pytest.mark.parametrize(
    ("failing", "error", "words"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device"), "のドライブに空きがありません"),
        (
            "replace",
            PermissionError(errno.EACCES, "Permission denied"),
            "ほかのプログラムで開かれて",
        ),
    ],
)
def test_a_save_that_fails_midway_leaves_the_earlier_file_and_no_half_pdf(
    qtbot, tmp_path: Path, monkeypatch, told, failing: str, error: OSError, words: str
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "交付申請書.pdf"
    target.write_bytes(b"%PDF earlier")
    saving_to(monkeypatch, target)
    preview = shown(qtbot, sample_printout(1))

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(os, failing, fail)  # the disk fills / a viewer holds the file
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    monkeypatch.undo()

    assert len(told) == 1 and words in told[0] and str(tmp_path) in told[0]
    assert told[0].endswith("プレビューは開いたままです。帳票の内容は失われていません。")
    assert target.read_bytes() == b"%PDF earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["交付申請書.pdf"]
    assert preview.isVisible()
