"""The print preview (印刷プレビュー): every page of a form, then print it or save it as a PDF.

Every 印刷 button opens this on a service's `Printout`; nothing goes to paper unseen. A
printer missing or refusing, or a folder that cannot be written, is told in Japanese and the
preview stays open, so the form is never lost: the officer saves it or tries again.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QKeySequence, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.safekeeping.saving import write_whole
from kyodo_desktop.ui.printing.printer import PrintJobError, print_pdf

if TYPE_CHECKING:
    from kyodo_desktop.services.printing.printouts import Printout

ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.25, 4.0)
SAVED_STYLE = "color: #1b5e20;"
# errno values that mean "you may not write there" (read-only drive, rights, a file held
# open by a PDF viewer on Windows) and "there is no room".
REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}
FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


class PrintPreview(QDialog):
    """One printout's pages, fit to the width, with 印刷..., PDFとして保存... and 閉じる."""

    def __init__(self, printout: Printout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printout = printout
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", printout.title))
        # QPdfDocument reads the bytes through the buffer for as long as it shows them:
        # both belong to the dialog and go with it.
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(printout.pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.title = QLabel(printout.title, self)
        self.title.setObjectName("screenTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pages = self.document.pageCount()
        self.pages_label = QLabel(self.tr("%n page(s) in all", "", pages), self)
        self.status = QLabel(self)
        self.status.setStyleSheet(SAVED_STYLE)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_out_button = QPushButton(self.tr("Zoom out"), self)
        self.zoom_in_button = QPushButton(self.tr("Zoom in"), self)
        self.fit_button = QPushButton(self.tr("Fit to width"), self)
        self.print_button = QPushButton(self.tr("Print..."), self)
        self.save_button = QPushButton(self.tr("Save as PDF..."), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setDefault(True)
        self.print_button.setEnabled(pages > 0)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_to_width)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.close_button.clicked.connect(self.reject)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.pages_label)
        heading.addWidget(self.zoom_out_button)
        heading.addWidget(self.zoom_in_button)
        heading.addWidget(self.fit_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(760, 900)

    @classmethod
    def open_for(cls, printout: Printout, parent: QWidget | None) -> PrintPreview:
        """Show the preview beside its opener, without blocking; deleted when closed."""
        preview = cls(printout, parent)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        preview.raise_()
        preview.activateWindow()
        return preview

    # Looking --------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        low, high = ZOOM_LIMITS
        zoomed = min(max(self.view.zoomFactor() * factor, low), high)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoomed)

    def fit_to_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # The seams tests replace ------------------------------------------------------------

    @classmethod
    def printers_installed(cls) -> bool:
        return bool(QPrinterInfo.availablePrinters())

    @classmethod
    def ask_printer(cls, parent: QWidget, pages: int = 0) -> QPrinter | None:
        """The print dialog: printer, pages, copies; None if the officer cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the ward's paper, any locale
        dialog = QPrintDialog(printer, parent)
        if pages:
            dialog.setMinMax(1, pages)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str | None:
        """Where to save, offered in the Documents folder; None if the officer cancelled."""
        path, _chosen = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("PrintPreview", "Save as PDF"),
            str(documents_folder() / suggested),
            QCoreApplication.translate("PrintPreview", "PDF files (*.pdf)"),
        )
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else f"{path}.pdf"

    @classmethod
    def tell(cls, parent: QWidget, text: str) -> None:
        QMessageBox.warning(
            parent, QCoreApplication.translate("PrintPreview", "Print preview"), text
        )

    # Printing and saving ---------------------------------------------------------------

    def print_pages(self) -> int:
        """印刷...: the print dialog, then the pages chosen; how many were printed."""
        self.status.clear()
        if not self.printers_installed():
            self.tell(
                self,
                self.tr(
                    "No printer is set up on this computer. Save the form with "
                    "'Save as PDF...' and print it from a computer with a printer, or ask "
                    "the system staff to set one up."
                ),
            )
            return 0
        printer = self.ask_printer(self, self.document.pageCount())
        if printer is None:
            return 0
        printer.setDocName(self.printout.title)
        try:
            printed = print_pdf(self.document, printer, self.view.pageNavigator().currentPage())
        except PrintJobError as failed:
            text = self.tr(
                "Printing on %1 could not start. Check that the printer is switched on, "
                "connected and has paper, then print again; or save the form with "
                "'Save as PDF...'. The preview stays open."
            )
            self.tell(self, text.replace("%1", str(failed) or self.tr("the printer")))
            return 0
        self.status.setText(self.tr("%n page(s) sent to the printer.", "", printed))
        return printed

    def save_as_pdf(self) -> Path | None:
        """PDFとして保存...: the printout's very bytes, in a file the officer names."""
        self.status.clear()
        chosen = self.ask_save_path(self, self.printout.filename)
        if chosen is None:
            return None
        path = Path(chosen)
        try:
            write_whole(path, self.printout.pdf)
        except OSError as error:
            self.tell(self, self.save_failure_text(error, path))
            return None
        self.status.setText(self.tr("Saved as %1.").replace("%1", str(path)))
        return path

    def save_failure_text(self, error: OSError, path: Path) -> str:
        """What went wrong in words, what to do, and that the form is still here."""
        folder = str(path.parent)
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            text = self.tr(
                "The PDF could not be saved: the folder %1 does not exist (it may have been "
                "removed, or a network drive or USB memory disconnected). Choose another "
                "folder and save again."
            )
        elif error.errno in REFUSED:
            text = self.tr(
                "The PDF could not be saved in %1: writing there is not allowed, the drive is "
                "read-only, or a file of that name is open in another program. Close that "
                "file or choose another folder, and save again."
            )
        elif error.errno in FULL:
            text = self.tr(
                "The PDF could not be saved: the drive of %1 is full. Free some space or "
                "choose another drive, and save again."
            )
        else:
            text = self.tr(
                "The PDF could not be saved in %1 (%2). Choose another folder and save again."
            ).replace("%2", error.strerror or str(error))
        kept = self.tr("The preview stays open: nothing is lost.")
        return f"{text.replace('%1', folder)}\n{kept}"
