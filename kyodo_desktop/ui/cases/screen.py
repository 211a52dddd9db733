"""支援ケース: groups' support over time, the cases still open first in sight."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QWidget

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import CaseFilter
from kyodo_desktop.ui.cases.dialog import CaseDialog
from kyodo_desktop.ui.cases.page import CasePage
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.widgets.filtered_screen import Filtered, FilteredListScreen
from kyodo_desktop.ui.widgets.lazy_model import Column
from kyodo_desktop.ui.widgets.refusal_box import open_or_tell

OPEN = (CaseStatus.ACTIVE.value, CaseStatus.WATCHING.value)


class CaseScreen(FilteredListScreen):
    """The support cases the officer may see, the latest opened first, by status."""

    # As before the screens shared their wiring: no Ctrl+F here, and Enter only searches.
    find_shortcut = False
    enter_selects_first = False

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("cases", workspace, parent)
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
        self.cases = Filtered(
            lambda wanted: browse.cases(workspace.database, workspace.actor, wanted),
            CaseFilter(statuses=OPEN),
        )
        self.setup(
            self.tr("Support cases"),
            self.cases,
            columns,
            widths=(100, 220, 240, 70, 110, 60, 240),
        )
        self._build_filters()

    def _build_filters(self) -> None:
        self.search_box("caseSearch", self.tr("Search by group name"))
        self.status_box = QComboBox(self)
        # Each entry's data is a CaseStatus code, or "open" / "all".
        self.status_box.addItem(self.tr("Open cases"), "open")
        for status in CaseStatus:
            self.status_box.addItem(status.label, status.value)
        self.status_box.addItem(self.tr("All cases"), "all")
        self.new_record_button(self.tr("New support case..."))
        self.place_filters(
            self.cases,
            [(self.search_edit, 2), (self.status_box, 1), (self.new_button, 0)],
            (self.status_box,),
        )

    def wanted(self) -> CaseFilter:
        chosen = self.status_box.currentData()
        statuses = OPEN if chosen == "open" else () if chosen == "all" else (chosen,)
        return CaseFilter(statuses=statuses, text=self.search_edit.text())

    def open_record(self, record_id: uuid.UUID) -> None:
        if self._ask(record_id):
            self.model.reload()

    def _ask(self, case_id: uuid.UUID) -> bool:
        """The case's page; True if it changed, or could not be read (the row may be gone)."""
        changed = open_or_tell(
            self._tell,
            lambda: CasePage.ask(self._workspace, self, case_id),
        )
        return True if changed is None else changed

    def new_record(self) -> None:
        case_id = CaseDialog.ask(self._workspace, self)
        if case_id is None:
            return
        self.model.reload()
        self.open_record(case_id)
