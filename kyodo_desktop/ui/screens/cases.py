"""支援ケース: groups' support over time, the cases still open first in sight."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.services import browse
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import CaseFilter
from kyodo_desktop.ui.case_dialog import CaseDialog
from kyodo_desktop.ui.case_page import CasePage
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen
from kyodo_desktop.ui.refusal_box import tell_refusal

SEARCH_DELAY_MS = 250  # as the group registry: a word, not letter by letter
OPEN = (CaseStatus.ACTIVE.value, CaseStatus.WATCHING.value)


class FilteredCases:
    """The cases the filters keep, as a paged source the table can be pointed at again."""

    def __init__(self, workspace: Workspace, wanted: CaseFilter) -> None:
        self._workspace = workspace
        self.narrow(wanted)

    def narrow(self, wanted: CaseFilter) -> None:
        self.wanted = wanted
        self._browser = browse.cases(self._workspace.database, self._workspace.actor, wanted)

    def count(self) -> int:
        return self._browser.count()

    def page(self, offset: int, limit: int) -> list:
        return self._browser.page(offset, limit)


class CaseScreen(ListScreen):
    """The support cases the officer may see, the latest opened first, by status."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("cases", parent)
        self._workspace = workspace
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
        self.cases = FilteredCases(workspace, CaseFilter(statuses=OPEN))
        self.setup(
            self.tr("Support cases"),
            self.cases,
            columns,
            widths=(100, 220, 240, 70, 110, 60, 240),
        )
        self._build_filters()
        self.table.activated.connect(self.open_case)  # Enter or a double click on a row

    def _build_filters(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("caseSearch")
        self.search_edit.setPlaceholderText(self.tr("Search by group name"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_box = QComboBox(self)
        # Each entry's data is a CaseStatus code, or "open" / "all".
        self.status_box.addItem(self.tr("Open cases"), "open")
        for status in CaseStatus:
            self.status_box.addItem(status.label, status.value)
        self.status_box.addItem(self.tr("All cases"), "all")
        self.new_button = QPushButton(self.tr("New support case..."), self)
        self.new_button.setEnabled(allows(self._workspace.actor, Permission.WRITE))
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.status_box, 1)
        bar.addWidget(self.new_button)
        self.layout().insertLayout(1, bar)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.status_box.currentIndexChanged.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_case)

    def wanted(self) -> CaseFilter:
        chosen = self.status_box.currentData()
        statuses = OPEN if chosen == "open" else () if chosen == "all" else (chosen,)
        return CaseFilter(statuses=statuses, text=self.search_edit.text())

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.cases.narrow(self.wanted())
        self.model.reload()

    def open_case(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and self._ask(row.id):
            self.model.reload()

    def _ask(self, case_id: uuid.UUID) -> bool:
        """The case's page; True if it changed, or could not be read (the row may be gone)."""
        try:
            return CasePage.ask(self._workspace, self, case_id)
        except Exception as error:  # deleted on another PC meanwhile, a locked disk...
            if not tell_refusal(self, error):
                raise  # a bug
            return True

    def new_case(self) -> None:
        case_id = CaseDialog.ask(self._workspace, self)
        if case_id is None:
            return
        self.model.reload()
        if self._ask(case_id):
            self.model.reload()
