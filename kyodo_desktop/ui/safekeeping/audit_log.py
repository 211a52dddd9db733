"""監査ログ: the audit trail for 協働推進課 and 管理者, filtered, each entry opened field by field.

Not one of the seven screens of the counter's day: the main window opens it from
ツール → 監査ログ, for the roles that may read the trail (services/permissions.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import RulesValidationError, parse_date
from kyodo_desktop.services.browse import Browser
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.safekeeping import audit
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.audit.listing import AuditRow
from kyodo_desktop.ui.formatting import wareki
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table

SYSTEM = "system"  # the staff filter's choice for the program's own acts


def when(row: AuditRow) -> str:
    """``R8.11.27 14:03``: the day in 和暦 and the time on the ward's clock."""
    local = audit.japan_time(row.at)
    return f"{wareki(local.date())} {local:%H:%M}"


class AuditSource:
    """The browser for the filter last asked for; the table model reads through it."""

    def __init__(self, browser: Browser[AuditRow]) -> None:
        self.browser = browser

    def count(self) -> int:
        return self.browser.count()

    def page(self, offset: int, limit: int) -> Sequence[AuditRow]:
        return self.browser.page(offset, limit)


class AuditScreen(QWidget):
    """Every audit entry that matches the filters, newest first, and the one selected."""

    key = "audit"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.key)
        self._database = workspace.database
        self._actor = workspace.actor
        choices = audit.filter_choices(self._database, self._actor)

        self.title = QLabel(self.tr("Audit log"), self)
        self.title.setObjectName("screenTitle")
        self.since_edit = QLineEdit(self)
        self.until_edit = QLineEdit(self)
        for edit in (self.since_edit, self.until_edit):
            edit.setPlaceholderText(self.tr("e.g. R8.4.1"))
            edit.setClearButtonEnabled(True)
        self.office_combo = QComboBox(self)
        self.office_combo.addItem(self.tr("All offices"), None)
        for code, name in choices.offices:
            self.office_combo.addItem(f"{code} {name}", code)
        self.staff_combo = QComboBox(self)
        self.staff_combo.addItem(self.tr("All staff"), None)
        self.staff_combo.addItem(self.tr("The program itself"), SYSTEM)
        for staff in choices.staff:
            self.staff_combo.addItem(f"{staff.name} ({staff.login_id})", str(staff.id))
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(self.tr("All actions"), None)
        for action, label in audit.ACTION_LABELS.items():
            self.action_combo.addItem(label, action)
        self.entity_combo = QComboBox(self)
        self.entity_combo.addItem(self.tr("All records"), None)
        for entity, label in audit.ENTITY_LABELS.items():
            self.entity_combo.addItem(label, entity)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("Record ID or words in the content"))
        self.text_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.verify_button = QPushButton(self.tr("Verify the chain"), self)
        self.message = QLabel(self)
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.source = AuditSource(audit.browse_audit(self._database, self._actor))
        self.model = LazyTableModel(
            self.source,
            [
                Column(self.tr("Date and time"), when),
                Column(
                    self.tr("Office"), lambda r: audit.office_label(r.office_code, r.office_name)
                ),
                Column(self.tr("Staff name"), lambda r: r.staff_name or audit.SYSTEM_NAME),
                Column(self.tr("Action"), lambda r: audit.action_label(r.action)),
                Column(self.tr("Record"), lambda r: audit.entity_label(r.entity)),
                Column(self.tr("Content"), lambda r: r.summary, tooltip=lambda r: r.entity_id),
            ],
            parent=self,
        )
        self.table = make_table(self.model, self)
        for column, width in enumerate((130, 130, 130, 80, 110)):
            self.table.setColumnWidth(column, width)
        self.detail_title = QLabel(self.tr("Select an entry to see what it recorded."), self)
        self.detail_title.setWordWrap(True)
        self.detail_table = QTableView(self)
        self._show_fields([])

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("From"), self), 0, 0)
        filters.addWidget(self.since_edit, 0, 1)
        filters.addWidget(QLabel(self.tr("To"), self), 0, 2)
        filters.addWidget(self.until_edit, 0, 3)
        filters.addWidget(QLabel(self.tr("Office"), self), 0, 4)
        filters.addWidget(self.office_combo, 0, 5)
        filters.addWidget(QLabel(self.tr("Staff"), self), 0, 6)
        filters.addWidget(self.staff_combo, 0, 7)
        filters.addWidget(QLabel(self.tr("Action"), self), 1, 0)
        filters.addWidget(self.action_combo, 1, 1)
        filters.addWidget(QLabel(self.tr("Record"), self), 1, 2)
        filters.addWidget(self.entity_combo, 1, 3)
        filters.addWidget(QLabel(self.tr("Text"), self), 1, 4)
        filters.addWidget(self.text_edit, 1, 5, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

        self.search_button.clicked.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.verify_button.clicked.connect(self.verify)
        for edit in (self.since_edit, self.until_edit, self.text_edit):
            edit.returnPressed.connect(self.apply_filters)
        for combo in (self.office_combo, self.staff_combo, self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    # Filtering ----------------------------------------------------------------------

    def current_filter(self) -> audit.AuditFilter:
        """The filter as typed and chosen; a date that cannot be read raises its message."""
        staff = self.staff_combo.currentData()
        return audit.AuditFilter(
            since=self._day(self.since_edit),
            until=self._day(self.until_edit),
            office=self.office_combo.currentData(),
            staff_id=uuid.UUID(staff) if staff not in (None, SYSTEM) else None,
            system_only=staff == SYSTEM,
            action=self.action_combo.currentData(),
            entity=self.entity_combo.currentData(),
            text=self.text_edit.text(),
        )

    @staticmethod
    def _day(edit: QLineEdit):  # type: ignore[no-untyped-def]
        typed = edit.text().strip()
        return parse_date(typed) if typed else None

    def apply_filters(self) -> bool:
        """Show the entries that match; a bad filter is explained and the list stays."""
        try:
            browser = audit.browse_audit(self._database, self._actor, self.current_filter())
        except (RulesValidationError, ServiceError) as error:
            self.message.setText(error.message)
            return False
        self.message.clear()
        self.source.browser = browser
        self.model.reload()
        return True

    def clear_filters(self) -> None:
        for widget in (self.office_combo, self.staff_combo, self.action_combo, self.entity_combo):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        for edit in (self.since_edit, self.until_edit, self.text_edit):
            edit.clear()
        self.apply_filters()

    def verify(self) -> str:
        """Walk the whole chain and say whether it holds."""
        try:
            result = audit.verify_trail(self._database, self._actor)
        except ServiceError as error:
            self.message.setText(error.message)
            return error.message
        self.message.setText(result.message)
        return result.message

    def _after_reset(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            QCoreApplication.translate("ListScreen", "%n record(s)", "", count)
        )
        self.detail_title.setText(self.tr("Select an entry to see what it recorded."))
        self._show_fields([])

    # The entry selected -------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.show_entry(row.seq)

    def show_entry(self, seq: int) -> None:
        try:
            detail = audit.entry_detail(self._database, self._actor, seq)
        except ServiceError as error:
            self.message.setText(error.message)
            return
        local = audit.japan_time(detail.at)
        heading = (
            self.tr("No. %1 · %2 · %3 · %4 %5 · ID %6")
            .replace("%1", str(detail.seq))
            .replace("%2", f"{wareki(local.date())} {local:%H:%M:%S}")
            .replace("%3", detail.staff_name)
            .replace("%4", audit.entity_label(detail.entity))
            .replace("%5", audit.action_label(detail.action))
            .replace("%6", detail.entity_id or "-")
        )
        if detail.redacted_at is not None:
            heading += "\n" + self.tr(
                "Its content was erased when the person's retention period ended."
            )
        self.detail_title.setText(heading)
        self._show_fields(detail.fields)

    def _show_fields(self, fields: Sequence[audit.FieldChange]) -> None:
        old = self.detail_table.model()
        self.detail_model = LazyTableModel(
            ListSource(fields),
            [
                Column(self.tr("Field"), lambda f: f.label),
                Column(self.tr("Before"), lambda f: f.before, tooltip=lambda f: f.before),
                Column(self.tr("After"), lambda f: f.after, tooltip=lambda f: f.after),
            ],
            parent=self,
        )
        self.detail_table.setModel(self.detail_model)
        self.detail_table.horizontalHeader().setStretchLastSection(True)
        self.detail_table.setColumnWidth(0, 160)
        self.detail_table.setColumnWidth(1, 320)
        if old is not None:
            old.deleteLater()
