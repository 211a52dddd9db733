"""書き出し…: the 集計 screen's figures to a CSV, Excel or PDF file.

The dialog offers the four files an office asks for, asks where to save (`ask_path`, the
seam tests answer), writes every table of the 年度 and office on screen, and says where the
file went, or, in Japanese, why it was not written. It stays open after an export, so that
the same figures can be written in another format too.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.consultations.export import CsvEncoding
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.ui.formatting import fiscal
from kyodo_desktop.ui.widgets.refusal_box import MESSAGE_STYLE, refusal_text

# The writers (openpyxl, reportlab) load when something is first exported, not at start-up.
if TYPE_CHECKING:
    from kyodo_desktop.services.figures.export import FigureExportResult
    from kyodo_desktop.services.figures.tables import FigureSet
    from kyodo_desktop.services.workspace import Workspace

# The radio buttons in order: the file's format (FigureFormat's value) and a CSV's encoding.
CHOICES = (
    ("csv", CsvEncoding.UTF8_BOM),
    ("csv", CsvEncoding.CP932),
    ("xlsx", CsvEncoding.UTF8_BOM),
    ("pdf", CsvEncoding.UTF8_BOM),
)


def _choice_texts() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("FigureExportDialog", "CSV, UTF-8 (Excel 2016 and later)"),
        QCoreApplication.translate("FigureExportDialog", "CSV, Shift_JIS (older Excel)"),
        QCoreApplication.translate("FigureExportDialog", "Excel workbook (.xlsx)"),
        QCoreApplication.translate("FigureExportDialog", "PDF (to print)"),
    )


def _file_filter(fmt: str) -> str:
    if fmt == "csv":
        return QCoreApplication.translate("FigureExportDialog", "CSV (*.csv)")
    if fmt == "xlsx":
        return QCoreApplication.translate("FigureExportDialog", "Excel workbook (*.xlsx)")
    return QCoreApplication.translate("FigureExportDialog", "PDF (*.pdf)")


class FigureExportDialog(QDialog):
    """Choose the file's kind, then where: one 年度's (and office's) tables written out."""

    def __init__(
        self,
        workspace: Workspace,
        fiscal_year: int,
        office_id: uuid.UUID | None,
        office_name: str,
        parent: QWidget | None = None,
        *,
        as_of: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figureExport")
        self.setWindowTitle(self.tr("Export figures"))
        self.setMinimumWidth(440)  # room for a path in the outcome line
        self._workspace = workspace
        self._fiscal_year = fiscal_year
        self._office_id = office_id
        self._office_name = office_name
        self._as_of = as_of
        self.result: FigureExportResult | None = None
        scope = office_name or self.tr("All offices")
        what = QLabel(
            self.tr("Every table of %1, %2.")
            .replace("%1", fiscal(fiscal_year))
            .replace("%2", scope),
            self,
        )
        what.setWordWrap(True)
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        for number, text in enumerate(_choice_texts()):
            button = QRadioButton(text, self)
            button.setObjectName(f"figureFormat{number}")
            self.choices.addButton(button, number)
            layout.addWidget(button)
        self.choices.button(0).setChecked(True)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("exportOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("Export..."), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, CsvEncoding]:
        return CHOICES[max(0, self.choices.checkedId())]

    def choose(self, number: int) -> None:
        """Pick the file's kind: 0 CSV UTF-8, 1 CSV Shift_JIS, 2 Excel, 3 PDF."""
        self.choices.button(number).setChecked(True)

    def export(self) -> FigureExportResult | None:
        """Ask where, write the file, say where it went (or why not); None if not written."""
        from kyodo_desktop.services.figures.export import FigureFormat, export_figures, file_name

        value, encoding = self.chosen()
        fmt = FigureFormat(value)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / file_name(self._fiscal_year, self._office_name, fmt)
        path = self.ask_path(self, suggested, _file_filter(value))
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt.value}":
            path = path.with_name(f"{path.name}.{fmt.value}")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_figures(
                self._workspace.database,
                self._workspace.actor,
                self._fiscal_year,
                self._office_id,
                fmt,
                path,
                encoding=encoding,
                today=self._as_of,
            )
        except Exception as error:  # refused, a folder that is gone, a locked database
            QGuiApplication.restoreOverrideCursor()
            text = refusal_text(error)
            if text is None:
                raise  # a bug
            self._say(text, failed=True)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.result = result
        said = self.tr("Written to %1").replace("%1", str(result.path))
        if result.replaced:
            said += "\n" + self.tr(
                "%1 character(s) cannot be written in Shift_JIS and were replaced with 〓."
            ).replace("%1", f"{result.replaced:,}")
        self._say(said)
        return result

    def _say(self, text: str, *, failed: bool = False) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(MESSAGE_STYLE if failed else "")
        self.outcome.show()

    # The seam: tests answer this instead of a person.

    @classmethod
    def ask_path(cls, parent: QWidget | None, suggested: Path, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FigureExportDialog", "Export figures"),
            str(suggested),
            file_filter,
        )
        return Path(path) if path else None


class FigureSource(Protocol):
    """The widget whose figures are exported, and the dialog's parent: the 集計 screen."""

    def current_figures(self) -> FigureSet | None: ...

    def office_id(self) -> uuid.UUID | None: ...


def open_for(screen: FigureSource, workspace: Workspace) -> FigureExportDialog | None:
    """The dialog for the figures on `screen` (their 年度, office and day); None if none."""
    figures = screen.current_figures()
    if figures is None:  # they could not be read: the screen said why
        return None
    dialog = FigureExportDialog(
        workspace,
        figures.fiscal_year,
        screen.office_id(),
        figures.office_name,
        screen,
        as_of=figures.as_of,
    )
    dialog.open()
    return dialog


def export_button(screen: FigureSource, workspace: Workspace) -> QPushButton:
    """書き出し… for the screen's actions; greyed out, with why, for who may not export."""
    button = QPushButton(QCoreApplication.translate("FigureExportDialog", "Export..."), screen)
    button.setObjectName("figureExportButton")
    actor = workspace.actor
    if actor is None or not allows(actor, Permission.EXPORT):
        button.setEnabled(False)
        button.setToolTip(
            QCoreApplication.translate(
                "FigureExportDialog", "Only the head office may export the figures"
            )
        )
    button.clicked.connect(lambda: open_for(screen, workspace))
    return button
