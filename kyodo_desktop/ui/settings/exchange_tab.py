"""設定 → 受け渡し: the ward's shared folder, where files are sent and received by themselves.

The folder is the installation's setting (services.exchange.shared_folder); who may change
reference data sets it. The tab also says which office this database speaks for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.exchange.offices import office_label
from kyodo_desktop.services.exchange.setup import exchange_office
from kyodo_desktop.services.exchange.shared_folder import (
    PASS_INTERVAL_MINUTES,
    set_shared_folder,
    shared_folder,
)
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal


def choose_shared_folder(parent: QWidget, start: Path | None) -> Path | None:
    """The folder chosen; None if the officer cancelled (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(
        parent,
        QCoreApplication.translate("ExchangeTab", "The ward's shared folder"),
        str(start or ""),
    )
    return Path(chosen) if chosen else None


class ExchangeTab(QWidget):
    """The shared folder: shown to everyone, changed by who may change the settings."""

    changed = Signal(object)  # the new folder, or None when cleared

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeTab")
        self._workspace = workspace
        actor = workspace.actor
        assert actor is not None
        self.office = QLabel(office_label(exchange_office(workspace.database, actor)), self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("sharedFolder")
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("Not set: files travel on a USB stick only"))
        self.choose_button = QPushButton(self.tr("Choose..."), self)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        may = allows(actor, Permission.MANAGE_REFERENCE)
        self.choose_button.setEnabled(may)
        self.clear_button.setEnabled(may)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        form = QFormLayout()
        form.addRow(self.tr("This office in the exchange:"), self.office)
        form.addRow(self.tr("Shared folder:"), row)
        explanation = QLabel(
            self.tr(
                "While the shared folder can be reached, the program sends and receives by "
                "itself: at start, when an officer signs out, and every %1 minutes. Files for "
                "the head office are put in to-00, the head office's files for each office in "
                "to-01 … to-17; a file taken in is moved into received inside them. The status "
                "bar says when it last happened."
            ).replace("%1", str(PASS_INTERVAL_MINUTES)),
            self,
        )
        explanation.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("exchangeTabMessage")
        self.message.setWordWrap(True)
        if not may:
            self.message.setText(self.tr("Only an administrator can change the shared folder."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._show(shared_folder(workspace.database))

    def _show(self, folder: Path | None) -> None:
        self.folder.setText(str(folder) if folder is not None else "")

    def choose(self) -> None:
        current = shared_folder(self._workspace.database)
        chosen = choose_shared_folder(self, current)
        if chosen is not None:
            self._set(str(chosen))

    def clear(self) -> None:
        self._set(None)

    def _set(self, folder: str | None) -> None:
        actor = self._workspace.actor
        assert actor is not None
        try:
            saved = set_shared_folder(self._workspace.database, actor, folder)
        except Exception as error:
            if not tell_refusal(self, error):
                raise
            return
        self._show(saved)
        self.message.setText(
            self.tr("The shared folder was set.")
            if saved is not None
            else self.tr("The shared folder was cleared.")
        )
        self.changed.emit(saved)
