"""団体: the group registry, searched as the officer types, in 五十音 order of the reading."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.groups.ledger_import import may_import
from kyodo_desktop.services.groups.registry import office_choices
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import GroupFilter
from kyodo_desktop.ui.formatting import label, wareki
from kyodo_desktop.ui.groups.dialog import GroupDialog
from kyodo_desktop.ui.groups.import_dialog import GroupImportDialog
from kyodo_desktop.ui.groups.page import GroupPage
from kyodo_desktop.ui.widgets.filtered_screen import Filtered, FilteredListScreen
from kyodo_desktop.ui.widgets.lazy_model import Column
from kyodo_desktop.ui.widgets.refusal_box import open_or_tell


class GroupScreen(FilteredListScreen):
    """Every group in 五十音 order, narrowed by what is typed and chosen above the list."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("groups", workspace, parent)
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
        self.groups = Filtered(
            lambda wanted: browse.groups(workspace.database, workspace.actor, wanted),
            GroupFilter(),
        )
        self.setup(
            self.tr("Groups"), self.groups, columns, widths=(240, 240, 150, 130, 90, 100, 120)
        )
        self._build_filters()

    def _build_filters(self) -> None:
        self.search_box("groupSearch", self.tr("Search by name or reading (Ctrl+F)"))
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
        self.new_record_button(self.tr("New group"))
        # The head office brings in its ledgers; the counters register groups one by one.
        self.import_button = QPushButton(self.tr("Import from file…"), self)
        self.import_button.setVisible(may_import(self._workspace.actor))
        self.import_button.clicked.connect(self.import_from_file)
        self.place_filters(
            self.groups,
            [
                (self.search_edit, 2),
                (self.kind_box, 1),
                (self.office_box, 1),
                (self.active_box, 0),
                (self.new_button, 0),
                (self.import_button, 0),
            ],
            (self.kind_box, self.office_box, self.active_box),
        )

    def wanted(self) -> GroupFilter:
        return GroupFilter(
            text=self.search_edit.text(),
            kind=self.kind_box.currentData(),
            office_id=self.office_box.currentData(),
            active=self.active_box.currentData(),
        )

    def open_record(self, record_id: uuid.UUID) -> None:
        changed = open_or_tell(
            self._tell,
            lambda: GroupPage.ask(self._workspace, self, record_id),
        )
        if changed is None or changed:  # not read: the row may be gone
            self.model.reload()

    def import_from_file(self) -> None:
        if GroupImportDialog.run(self._workspace, self) is not None:
            self.model.reload()

    def new_record(self) -> None:
        group_id = GroupDialog.ask(self._workspace, self)
        if group_id is None:
            return
        self.model.reload()
        open_or_tell(
            self._tell,
            lambda: GroupPage.ask(self._workspace, self, group_id),
        )
        self.model.reload()
