"""設定: the reference data the head office keeps (offices, staff, departments, topics), backups."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from kyodo_desktop.rules.vocabulary import OfficeKind, StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import label
from kyodo_desktop.ui.settings.backups_tab import BackupTab
from kyodo_desktop.ui.settings.exchange_tab import ExchangeTab
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table


class SettingsScreen(QWidget):
    """Reference data, one tab each, as this database holds it."""

    key = "settings"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.key)
        data = browse.reference(workspace.database, workspace.actor)
        unconfirmed = self.tr("(name to be confirmed)")
        yes, no = self.tr("Yes"), self.tr("No")
        self.title = QLabel(self.tr("Settings and reference data"), self)
        self.title.setObjectName("screenTitle")
        self.tabs = QTabWidget(self)
        self._add_tab(
            self.tr("Offices"),
            data.offices,
            [
                Column(self.tr("Code"), lambda r: r.code),
                Column(
                    self.tr("Name"),
                    lambda r: r.name if r.name_confirmed else f"{r.name} {unconfirmed}",
                ),
                Column(self.tr("Kind"), lambda r: label(OfficeKind, r.kind)),
                Column(self.tr("Staff"), lambda r: f"{r.staff:,}", align_right=True),
            ],
        )
        self._add_tab(
            self.tr("Staff"),
            data.staff,
            [
                Column(self.tr("Login ID"), lambda r: r.login_id),
                Column(self.tr("Name"), lambda r: r.name),
                Column(self.tr("Office"), lambda r: r.office_name),
                Column(self.tr("Role"), lambda r: label(StaffRole, r.role)),
                Column(self.tr("Active"), lambda r: yes if r.active else no),
            ],
        )
        self._add_tab(
            self.tr("Departments"),
            data.departments,
            [
                Column(self.tr("Division"), lambda r: r[2]),
                Column(self.tr("Name"), lambda r: r[1]),
                Column(self.tr("Code"), lambda r: r[0]),
            ],
        )
        self._add_tab(
            self.tr("Consultation topics"),
            data.topics,
            [Column(self.tr("Name"), lambda r: r[1]), Column(self.tr("Code"), lambda r: r[0])],
        )
        self.backup_tab = BackupTab(workspace, self)
        self.tabs.addTab(self.backup_tab, self.tr("Backups"))
        self.exchange_tab = ExchangeTab(workspace, self)
        self.tabs.addTab(self.exchange_tab, self.tr("Exchange"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

    def _add_tab(self, title: str, rows: list, columns: list[Column]) -> None:
        model = LazyTableModel(ListSource(rows), columns, parent=self)
        table = make_table(model, self)
        for column in range(len(columns) - 1):
            table.setColumnWidth(column, 200)
        self.tabs.addTab(table, title)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("screens/settings/tab", self.tabs.currentIndex())

    def restore_layout(self, settings: QSettings) -> None:
        self.tabs.setCurrentIndex(int(settings.value("screens/settings/tab", 0)))
