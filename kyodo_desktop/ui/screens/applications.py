"""申請: subsidy applications and the step each has reached."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import division_label, fiscal, label, programme_label, yen
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen


class ApplicationScreen(ListScreen):
    """Every application, the latest 年度 first."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("applications", parent)
        columns = [
            Column(self.tr("Fiscal year"), lambda r: fiscal(r.fiscal_year)),
            Column(
                self.tr("Programme"),
                lambda r: programme_label(r.programme_number, r.programme_name),
            ),
            Column(self.tr("Division"), lambda r: division_label(r.programme_code, r.division)),
            Column(self.tr("Group"), lambda r: r.group_name),
            Column(self.tr("Project"), lambda r: r.project_title),
            Column(self.tr("Step"), lambda r: label(StepKind, r.status)),
            Column(self.tr("Requested"), lambda r: yen(r.amount_requested), align_right=True),
            Column(self.tr("Decided"), lambda r: yen(r.amount_decided), align_right=True),
            Column(self.tr("Paid"), lambda r: yen(r.amount_paid), align_right=True),
        ]
        self.setup(
            self.tr("Applications"),
            browse.applications(workspace.database, workspace.actor),
            columns,
            widths=(90, 230, 170, 220, 180, 80, 100, 100, 100),
        )
