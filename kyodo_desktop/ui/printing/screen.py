"""帳票: the documents issued and received on applications, for printing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import fiscal, label, wareki, yen
from kyodo_desktop.ui.printing.blank_forms import print_blank_form
from kyodo_desktop.ui.printing.menu import preview_printout
from kyodo_desktop.ui.widgets.lazy_model import Column
from kyodo_desktop.ui.widgets.list_screen import ListScreen
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal


class DocumentScreen(ListScreen):
    """Every document with a number (申請書, 交付決定通知書, ...), newest first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("documents", parent)
        self._workspace = workspace
        columns = [
            Column(self.tr("Date"), lambda r: wareki(r.occurred_on)),
            Column(self.tr("Document number"), lambda r: r.document_number),
            Column(self.tr("Step"), lambda r: label(StepKind, r.kind)),
            Column(self.tr("Programme"), lambda r: r.programme_name),
            Column(self.tr("Fiscal year"), lambda r: fiscal(r.fiscal_year)),
            Column(self.tr("Group"), lambda r: r.group_name),
            Column(self.tr("Amount"), lambda r: yen(r.amount), align_right=True),
        ]
        self.setup(
            self.tr("Documents"),
            browse.documents(workspace.database, workspace.actor),
            columns,
            widths=(100, 150, 90, 220, 90, 240),
        )
        # 印刷 prints the selected row's form; a double click or Enter on a row does too.
        self.print_button = QPushButton(self.tr("Print"), self)
        self.blank_button = QPushButton(self.tr("Blank forms..."), self)
        self.print_button.clicked.connect(self.print_selected)
        self.blank_button.clicked.connect(self.print_blank)
        self.table.activated.connect(self.print_row)
        self.table.selectionModel().selectionChanged.connect(self._show_print_button)
        self.model.modelReset.connect(self._show_print_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.blank_button)
        self.layout().addLayout(row)
        self._show_print_button()

    def _show_print_button(self) -> None:
        self.print_button.setEnabled(self.table.selectionModel().hasSelection())

    def print_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self.print_row(selected[0])

    def print_row(self, index: QModelIndex) -> None:
        """The form of the row's document (its step's), in the print preview."""
        from kyodo_desktop.services.printing.printouts import print_document

        row = self.model.row_at(index.row())
        if row is None:
            return
        database, actor = self._workspace.database, self._workspace.actor
        preview_printout(self, self._tell, lambda: print_document(database, actor, row.id))

    def print_blank(self) -> None:
        print_blank_form(self._workspace, self, self._tell)

    def _tell(self, error: Exception) -> bool:
        return tell_refusal(self, error)
