"""団体: the group registry."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen


class GroupScreen(ListScreen):
    """Every group in 五十音 order."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("groups", parent)
        active, inactive = self.tr("Active"), self.tr("Inactive")
        columns = [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Reading"), lambda r: r.name_kana),
            Column(self.tr("Kind"), lambda r: label(GroupKind, r.kind)),
            Column(self.tr("Office"), lambda r: r.office_name),
            Column(
                self.tr("Households"),
                lambda r: "" if r.households is None else f"{r.households:,}",
                align_right=True,
            ),
            Column(self.tr("Counted on"), lambda r: wareki(r.households_counted_on)),
            Column(self.tr("Representative"), lambda r: r.representative),
            Column(self.tr("Status"), lambda r: active if r.active else inactive),
        ]
        self.setup(
            self.tr("Groups"),
            browse.groups(workspace.database, workspace.actor),
            columns,
            widths=(240, 240, 150, 130, 90, 100, 120),
        )
