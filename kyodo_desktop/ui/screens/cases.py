"""支援ケース: groups' support over time."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen


class CaseScreen(ListScreen):
    """Every support case, the most recently opened first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("cases", parent)
        columns = [
            Column(self.tr("Opened"), lambda r: wareki(r.opened_on)),
            Column(self.tr("Group"), lambda r: r.group_name),
            Column(self.tr("Title"), lambda r: r.title),
            Column(self.tr("Status"), lambda r: label(CaseStatus, r.status)),
            Column(self.tr("Lead officer"), lambda r: r.lead_staff_name),
            Column(self.tr("Entries"), lambda r: f"{r.events:,}", align_right=True),
            Column(self.tr("Next action"), lambda r: r.next_action),
            Column(self.tr("Due"), lambda r: wareki(r.next_action_due)),
        ]
        self.setup(
            self.tr("Support cases"),
            browse.cases(workspace.database, workspace.actor),
            columns,
            widths=(100, 220, 240, 70, 110, 60, 240),
        )
