"""Putting a PDF's pages on paper: each page drawn as an image at the printer's resolution.

Qt has no way to send PDF pages to a printer as they are; QtPdf (pdfium) renders a page to
an image and QPainter draws it on the printer. The image is rendered at exactly the size it
takes on paper, in device pixels, so the printer gets one image pixel per dot: text prints
as sharp as the printer can make it. No widgets here: the preview asks, this prints.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
# A page at 1,200 dpi is 10,000 × 14,000 pixels (560 MB as one image): it is rendered and
# drawn in strips of this many pixel rows, so printing needs a few tens of MB at any dpi.
BAND_ROWS = 1024


class PrintJobError(Exception):
    """The printer would not start the job (off line, its driver refused, a file not writable)."""


def render_page(document: QPdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` as it looks on paper at ``dpi``: black on white, no transparency."""
    size = (document.pagePointSize(index) * (dpi / POINTS_PER_INCH)).toSize()
    return _render_band(document, index, size, QRect(QPoint(0, 0), size))


def _render_band(document: QPdfDocument, index: int, page: QSize, band: QRect) -> QImage:
    """Rows ``band`` of page ``index`` rendered at the size ``page``, over white paper."""
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(page)
    options.setScaledClipRect(band)
    # pdfium leaves the page transparent where nothing is drawn; paper is white.
    image = QImage(band.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(index, band.size(), options))
    painter.end()
    return image


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The 0-based pages the print dialog asked for (all, a range such as 1,3-4, or current)."""
    every = list(range(page_count))
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.CurrentPage:
        return [current_page] if 0 <= current_page < page_count else []
    if chosen != QPrinter.PrintRange.PageRange:
        return every
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [page for page in every if ranges.contains(page + 1)]
    first = max(printer.fromPage(), 1)
    last = printer.toPage() or page_count
    return [page for page in every if first <= page + 1 <= last]


def target_rect(page_points: QSizeF, area: QRectF) -> QRectF:
    """Where a page goes in the printable ``area``: as large as fits, aspect kept, centred."""
    if page_points.isEmpty():
        return QRectF()
    scale = min(area.width() / page_points.width(), area.height() / page_points.height())
    width, height = page_points.width() * scale, page_points.height() * scale
    left = area.left() + (area.width() - width) / 2
    top = area.top() + (area.height() - height) / 2
    return QRectF(left, top, width, height)


def print_pdf(document: QPdfDocument, printer: QPrinter, current_page: int = 0) -> int:
    """Print the pages the printer's settings ask for; how many pages went to the printer.

    Raises PrintJobError if the job cannot start or the printer reports an error.
    """
    pages = pages_to_print(printer, document.pageCount(), current_page)
    if not pages:
        return 0
    copies = 1
    if not printer.supportsMultipleCopies():  # the driver does not: send each page again
        copies, collate = printer.copyCount(), printer.collateCopies()
        if not collate:
            pages = [page for page in pages for _ in range(copies)]
            copies = 1
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintJobError(printer.printerName() or printer.outputFileName())
    printed = 0
    try:
        # The painter's origin is the printable area's top-left corner (fullPage is off).
        area = QRectF(QPointF(0, 0), printer.pageRect(QPrinter.Unit.DevicePixel).size())
        for _copy in range(copies):
            for page in pages:
                if printed and not printer.newPage():
                    raise PrintJobError(printer.printerName() or printer.outputFileName())
                _draw_page(painter, document, page, area)
                printed += 1
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintJobError(printer.printerName() or printer.outputFileName())
    return printed


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, area: QRectF) -> None:
    target = target_rect(document.pagePointSize(page), area).toAlignedRect()
    size = target.size()
    for top in range(0, size.height(), BAND_ROWS):
        band = QRect(0, top, size.width(), min(BAND_ROWS, size.height() - top))
        painter.drawImage(
            target.left(), target.top() + top, _render_band(document, page, size, band)
        )


def self_check() -> str | None:
    """Why printing would not work in this build, or None: a blank form is rendered (the
    forms, their data and fonts found through the package) and read back by QtPdf, whose
    plug-in a frozen build must carry. The smoke test runs it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from kyodo_desktop.forms.catalogue import FormKind, render_forms
    from kyodo_desktop.forms.paper import ConsultationPaper

    pdf = render_forms([(FormKind.CONSULTATION, ConsultationPaper())])
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.pageCount() < 1:
        return f"QtPdf could not read a printed form ({document.error()})"
    if render_page(document, 0, 30).isNull():
        return "QtPdf could not draw a printed form's page"
    document.close()
    return None
