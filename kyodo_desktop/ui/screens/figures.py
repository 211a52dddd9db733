"""集計: the ward's figures per programme and 年度 (実績)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import fiscal, programme_label, yen
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen, ListSource


class FigureScreen(ListScreen):
    """Per 年度 and programme: applications, groups funded, awards and amounts."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("figures", parent)
        columns = [
            Column(self.tr("Fiscal year"), lambda r: fiscal(r.fiscal_year)),
            Column(
                self.tr("Programme"),
                lambda r: programme_label(r.programme_number, r.programme_name),
            ),
            Column(self.tr("Applications"), lambda r: f"{r.applications:,}", align_right=True),
            Column(self.tr("Groups funded"), lambda r: f"{r.groups_funded:,}", align_right=True),
            Column(self.tr("Awards"), lambda r: f"{r.awards:,}", align_right=True),
            Column(self.tr("Amount decided"), lambda r: yen(r.amount_decided), align_right=True),
            Column(self.tr("Amount paid"), lambda r: yen(r.amount_paid), align_right=True),
        ]
        self.setup(
            self.tr("Figures by programme and fiscal year"),
            ListSource(browse.figures(workspace.database, workspace.actor)),
            columns,
            widths=(100, 260, 80, 90, 80, 130, 130),
        )
