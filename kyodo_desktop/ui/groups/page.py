"""A group's page (団体の詳細): its details and what happened with it, in date order."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.rules.vocabulary import CaseStatus, Channel, StepKind
from kyodo_desktop.services.groups.registry import (
    GroupView,
    HistoryRow,
    deactivate_group,
    group_history,
    reactivate_group,
)
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import label, programme_code_label, wareki
from kyodo_desktop.ui.groups.entitlement_panel import EntitlementPanel
from kyodo_desktop.ui.printing.menu import preview_printout
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.record_page import exec_until_closed, show_details
from kyodo_desktop.ui.widgets.refusal_box import message_label, open_or_tell, say_refusal


class ActiveQuestion:
    """Asked before a group is deactivated or made active again."""

    @classmethod
    def ask(cls, parent: QWidget, group_name: str, *, deactivate: bool) -> bool:
        translate = QCoreApplication.translate
        if deactivate:
            title = translate("ActiveQuestion", "Deactivate the group")
            text = translate(
                "ActiveQuestion",
                "Deactivate %1? It stays in the registry with its records and can be made "
                "active again.",
            )
        else:
            title = translate("ActiveQuestion", "Make the group active again")
            text = translate("ActiveQuestion", "Make %1 active again?")
        return confirm(parent, title, text.replace("%1", group_name))


class GroupPage(QDialog):
    """The group's details, its timeline, and the buttons to change or deactivate it."""

    def __init__(
        self, workspace: Workspace, group_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.group_id = group_id
        self.changed = False  # the list behind should reload
        self.details = QFormLayout()
        self.message = message_label(self)
        kinds = {
            "consultation": self.tr("Consultation"),
            "case": self.tr("Support case"),
            "project": self.tr("Project"),
            "application": self.tr("Application"),
        }
        # The timeline, held whole: a page shows at most a few thousand lines.
        self.history: ListSource[HistoryRow] = ListSource()
        self.model = LazyTableModel(
            self.history,
            [
                Column(self.tr("Date"), lambda r: wareki(r.on)),
                Column(self.tr("Record"), lambda r: kinds.get(r.kind, r.kind)),
                Column(self.tr("Office"), lambda r: r.office_code),
                Column(self.tr("Summary"), self._summary, tooltip=self._summary),
                Column(self.tr("Status"), self._status),
            ],
            parent=self,
        )
        self.table = make_table(self.model, self)
        for column, width in enumerate((100, 90, 50, 360)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self.open_history_row)
        self.history_label = QLabel(self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.active_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.case_button = QPushButton(self.tr("New support case..."), self)
        self.case_button.clicked.connect(self.new_case)
        self.case_button.setEnabled(allows(workspace.actor, Permission.WRITE))
        writer = allows(workspace.actor, Permission.WRITE)
        self.edit_button.setEnabled(writer)
        self.active_button.setEnabled(writer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.active_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.case_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.application_button = QPushButton(self.tr("New application..."), self)
        self.application_button.clicked.connect(self.new_application)
        self.application_button.setEnabled(allows(workspace.actor, Permission.WRITE))
        buttons.addButton(self.application_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = QPushButton(self.tr("Print group register"), self)
        self.print_button.clicked.connect(self.print_card)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter on the timeline opens the row; it must not press a button (Edit) too.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.details)
        layout.addWidget(self.message)
        # The timeline, and 受けられる支援 (what the group could still receive), as tabs.
        self.tabs = QTabWidget(self)
        history = QWidget(self.tabs)
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(self.history_label)
        history_layout.addWidget(self.table, 1)
        self.tabs.addTab(history, self.tr("History"))
        self.entitlements = EntitlementPanel(workspace, group_id, self.tabs)
        self.tabs.addTab(self.entitlements, self.tr("Support it could receive"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self.reload()

    @staticmethod
    def _summary(row: HistoryRow) -> str:
        text = programme_code_label(row.summary) if row.kind == "application" else row.summary
        return " ".join(text.split())[:200]

    @staticmethod
    def _status(row: HistoryRow) -> str:
        vocabulary = {"consultation": Channel, "case": CaseStatus, "application": StepKind}
        found = vocabulary.get(row.kind)
        return label(found, row.status) if found else row.status

    def reload(self) -> None:
        found = group_history(self._workspace.database, self._workspace.actor, self.group_id)
        self.group = found.group
        self._show_details(found.group)
        self.history.rows = list(found.entries)
        self.model.reload()
        self.entitlements.reload()  # the kind or households may have just changed
        self.table.scrollToBottom()  # the latest first in sight, the past above it
        self.history_label.setText(
            self.tr("History (%n record(s), oldest first)", "", len(found.entries))
        )

    def _show_details(self, group: GroupView) -> None:
        self.setWindowTitle(group.name)
        address = f"〒{group.postal_code} {group.address}" if group.postal_code else group.address
        households = ""
        if group.households is not None:
            households = self.tr("%1 households (counted on %2)")
            households = households.replace("%1", f"{group.households:,}").replace(
                "%2", wareki(group.households_counted_on)
            )
        rows = [
            (self.tr("Name"), group.name),
            (self.tr("Reading"), group.name_kana),
            (self.tr("Kind"), label(GroupKind, group.kind)),
            (self.tr("Office in charge"), group.office_name),
            (self.tr("Representative"), group.representative),
            (self.tr("Address"), address),
            (self.tr("Phone"), group.phone),
            (self.tr("Email"), group.email),
            (self.tr("Member households"), households),
            (self.tr("Founded on"), wareki(group.founded_on)),
            (self.tr("Status"), self.tr("Active") if group.active else self.tr("Inactive")),
            (self.tr("Notes"), group.notes),
        ]
        show_details(self.details, self, rows)
        self.active_button.setText(
            self.tr("Deactivate") if group.active else self.tr("Make active again")
        )

    def edit(self) -> None:
        from kyodo_desktop.ui.groups.dialog import GroupDialog

        if GroupDialog.ask(self._workspace, self, self.group_id) is not None:
            self.changed = True
            self.reload()

    def open_case(self, case_id: uuid.UUID) -> None:
        """A support case on the timeline opens its page (支援ケース)."""
        from kyodo_desktop.ui.cases.page import CasePage

        changed = open_or_tell(self._tell, lambda: CasePage.ask(self._workspace, self, case_id))
        if changed:
            self.reload()

    def new_case(self) -> None:
        """Open a support case for this group, then its page."""
        from kyodo_desktop.ui.cases.dialog import CaseDialog
        from kyodo_desktop.ui.cases.page import CasePage

        case_id = CaseDialog.ask(self._workspace, self, group_id=self.group_id)
        if case_id is None:
            return
        self.reload()
        open_or_tell(self._tell, lambda: CasePage.ask(self._workspace, self, case_id))
        self.reload()

    def new_application(self) -> None:
        """File an application for this group (ui/applications/dialog.py), then its page."""
        from kyodo_desktop.ui.applications.dialog import ApplicationDialog

        application_id = ApplicationDialog.ask(self._workspace, self, group_id=self.group_id)
        if application_id is None:
            return
        self.changed = True
        self.reload()
        self._show_application(application_id)

    def open_history_row(self, index: QModelIndex) -> None:
        """An application on the timeline opens its page (申請の詳細), without blocking."""
        row = self.model.row_at(index.row())
        if row is not None and row.kind == "case":
            self.open_case(row.id)
            return
        if row is not None and row.kind == "application":
            self._show_application(row.id)

    def _show_application(self, application_id: uuid.UUID) -> None:
        from kyodo_desktop.ui.applications.page import ApplicationPage

        page = open_or_tell(
            self._tell, lambda: ApplicationPage.show_for(self._workspace, self, application_id)
        )
        if page is not None:  # a decision moves 受けられる支援
            page.updated.connect(self._application_changed)

    def _tell(self, error: Exception) -> bool:
        return say_refusal(self.message, error)

    def print_card(self) -> None:
        """団体台帳を印刷: the group's card, in the print preview."""
        from kyodo_desktop.services.printing.printouts import print_group

        database, actor = self._workspace.database, self._workspace.actor
        preview_printout(self, self._tell, lambda: print_group(database, actor, self.group_id))

    def _application_changed(self) -> None:
        self.changed = True
        self.reload()

    def toggle_active(self) -> None:
        deactivate = self.group.active
        if not ActiveQuestion.ask(self, self.group.name, deactivate=deactivate):
            return
        change = deactivate_group if deactivate else reactivate_group
        try:
            change(self._workspace.database, self._workspace.actor, self.group_id)
        except Exception as error:
            if not self._tell(error):
                raise  # a bug
            return
        self.message.hide()
        self.changed = True
        self.reload()

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None, group_id: uuid.UUID) -> bool:
        """Show the page until closed; True if the group was changed meanwhile."""
        return exec_until_closed(cls(workspace, group_id, parent))
