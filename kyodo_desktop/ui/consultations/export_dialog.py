"""Exporting the consultation log to CSV: where to, which encoding, and what came of it.

The file is written on a worker thread (a million rows take the better part of a minute),
with a progress dialog the officer can cancel; the result comes back as a signal.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from kyodo_desktop.host.file_names import file_name
from kyodo_desktop.services.consultations.export import (
    CsvEncoding,
    ExportCancelledError,
    ExportResult,
    export_consultations,
)
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.errors import EnvironmentFaultError
from kyodo_desktop.store.filters import ConsultationFilter


def encoding_filters() -> dict[str, CsvEncoding]:
    """The save dialog's file types; the one chosen decides the encoding (UTF-8 first)."""
    return {
        QCoreApplication.translate(
            "ExportDialog", "CSV, UTF-8 for Excel (*.csv)"
        ): CsvEncoding.UTF8_BOM,
        QCoreApplication.translate(
            "ExportDialog", "CSV, Shift_JIS for older Excel (*.csv)"
        ): CsvEncoding.CP932,
    }


def ask_destination(parent: QWidget) -> tuple[Path, CsvEncoding] | None:
    """Ask where to save and in which encoding; None if the officer cancelled.

    A module function so that tests replace it instead of facing a real dialog.
    """
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / file_name("相談記録", f"{date.today():%Y%m%d}", suffix=".csv"))
    filters = encoding_filters()
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportDialog", "Export consultations"),
        suggested,
        ";;".join(filters),
    )
    if not path:
        return None
    if not path.lower().endswith(".csv"):
        path += ".csv"
    return Path(path), filters.get(chosen, CsvEncoding.UTF8_BOM)


def tell(parent: QWidget, text: str, *, failed: bool = False) -> None:
    """Show the outcome; a module function, so that tests read it instead."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information,
        QCoreApplication.translate("ExportDialog", "Export consultations"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("exportOutcome")
    box.open()


def outcome(result: ExportResult) -> str:
    text = QCoreApplication.translate("ExportDialog", "%1 consultation(s) written to %2.").replace(
        "%1", f"{result.rows:,}"
    )
    text = text.replace("%2", str(result.path))
    if result.replaced:
        text += "\n" + QCoreApplication.translate(
            "ExportDialog",
            "%1 character(s) cannot be written in Shift_JIS and were replaced with 〓.",
        ).replace("%1", f"{result.replaced:,}")
    return text


class CsvExportJob(QObject):
    """One export running on a worker thread, with its progress dialog."""

    progressed = Signal(int)
    finished = Signal(object, object)  # ExportResult | None, Exception | None

    def __init__(
        self,
        parent: QWidget,
        workspace: Workspace,
        wanted: ConsultationFilter,
        destination: Path,
        encoding: CsvEncoding,
        expected_rows: int,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._stop = threading.Event()
        self.result: ExportResult | None = None
        self.dialog = QProgressDialog(
            QCoreApplication.translate("ExportDialog", "Writing %1...").replace(
                "%1", destination.name
            ),
            QCoreApplication.translate("ExportDialog", "Cancel"),
            0,
            max(1, expected_rows),
            parent,
        )
        self.dialog.setObjectName("exportProgress")
        self.dialog.setMinimumDuration(500)
        self.dialog.canceled.connect(self._stop.set)
        self.progressed.connect(self.dialog.setValue)
        self.finished.connect(self._finished)
        actor = workspace.actor
        assert actor is not None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self._executor.submit(self._work, workspace, actor, wanted, destination, encoding)

    def _work(self, workspace, actor, wanted, destination, encoding) -> None:  # type: ignore[no-untyped-def]
        def report(rows: int) -> bool:
            self.progressed.emit(rows)
            return not self._stop.is_set()

        try:
            result = export_consultations(
                workspace.database, actor, wanted, destination, encoding=encoding, progress=report
            )
        except Exception as error:
            self.finished.emit(None, error)
        else:
            self.finished.emit(result, None)

    def _finished(self, result: ExportResult | None, error: Exception | None) -> None:
        self._executor.shutdown(wait=True)
        self.dialog.reset()
        self.dialog.deleteLater()
        self.result = result
        if result is not None:
            tell(self._parent, outcome(result))
        elif isinstance(error, ExportCancelledError):
            pass  # the officer asked for it; nothing was written
        elif isinstance(error, ServiceError | EnvironmentFaultError):
            tell(self._parent, getattr(error, "message", None) or str(error), failed=True)
        elif error is not None:
            raise error  # a bug: the program's error handling shows it
        self.deleteLater()


def export_consultations_to_csv(
    parent: QWidget, workspace: Workspace, wanted: ConsultationFilter, expected_rows: int
) -> CsvExportJob | None:
    """Ask where to, then export in the background; the job, or None if cancelled."""
    chosen = ask_destination(parent)
    if chosen is None:
        return None
    path, encoding = chosen
    return CsvExportJob(parent, workspace, wanted, path, encoding, expected_rows)
