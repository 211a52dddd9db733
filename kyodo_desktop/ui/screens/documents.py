"""帳票: the documents issued and received on applications, for printing."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import fiscal, label, wareki, yen
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen


class DocumentScreen(ListScreen):
    """Every document with a number (申請書, 交付決定通知書, ...), newest first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("documents", parent)
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
