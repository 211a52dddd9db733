"""団体: the group registry, searched as the officer types, in 五十音 order of the reading."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.groups import office_choices
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import GroupFilter
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.group_dialog import GroupDialog
from kyodo_desktop.ui.group_page import GroupPage
from kyodo_desktop.ui.lazy_model import Column
from kyodo_desktop.ui.list_screen import ListScreen

SEARCH_DELAY_MS = 250  # long enough to type a word, short enough to feel instant


class FilteredGroups:
    """The groups the filters keep, as a paged source the table can be pointed at again."""

    def __init__(self, workspace: Workspace, wanted: GroupFilter) -> None:
        self._workspace = workspace
        self.wanted = wanted
        self._browser = browse.groups(workspace.database, workspace.actor, wanted)

    def narrow(self, wanted: GroupFilter) -> None:
        self.wanted = wanted
        self._browser = browse.groups(self._workspace.database, self._workspace.actor, wanted)

    def count(self) -> int:
        return self._browser.count()

    def page(self, offset: int, limit: int) -> list:
        return self._browser.page(offset, limit)


class GroupScreen(ListScreen):
    """Every group in 五十音 order, narrowed by what is typed and chosen above the list."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("groups", parent)
        self._workspace = workspace
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
        self.groups = FilteredGroups(workspace, GroupFilter())
        self.setup(
            self.tr("Groups"), self.groups, columns, widths=(240, 240, 150, 130, 90, 100, 120)
        )
        self._build_filters()
        self.table.activated.connect(self.open_group)  # Enter or a double click on a row

    def _build_filters(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("groupSearch")
        self.search_edit.setPlaceholderText(self.tr("Search by name or reading (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("All kinds"), None)
        for kind in GroupKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.office_box = QComboBox(self)
        self.office_box.addItem(self.tr("All offices"), None)
        for office in office_choices(self._workspace.database, self._workspace.actor):
            self.office_box.addItem(f"{office.code} {office.name}", office.id)
        self.active_box = QComboBox(self)
        self.active_box.addItem(self.tr("Active groups"), True)
        self.active_box.addItem(self.tr("Inactive groups"), False)
        self.active_box.addItem(self.tr("Active and inactive"), None)
        self.new_button = QPushButton(self.tr("New group"), self)
        self.new_button.setEnabled(allows(self._workspace.actor, Permission.WRITE))
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.kind_box, 1)
        bar.addWidget(self.office_box, 1)
        bar.addWidget(self.active_box)
        bar.addWidget(self.new_button)
        self.layout().insertLayout(1, bar)

        # Typing waits a moment before searching, so a word is not searched letter by letter.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self._search_now)
        for box in (self.kind_box, self.office_box, self.active_box):
            box.currentIndexChanged.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_group)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)

    def wanted(self) -> GroupFilter:
        return GroupFilter(
            text=self.search_edit.text(),
            kind=self.kind_box.currentData(),
            office_id=self.office_box.currentData(),
            active=self.active_box.currentData(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.groups.narrow(self.wanted())
        self.model.reload()

    def _search_now(self) -> None:
        self.apply_filters()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def open_group(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and GroupPage.ask(self._workspace, self, row.id):
            self.model.reload()

    def new_group(self) -> None:
        group_id = GroupDialog.ask(self._workspace, self)
        if group_id is None:
            return
        self.model.reload()
        GroupPage.ask(self._workspace, self, group_id)
        self.model.reload()
