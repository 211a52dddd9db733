"""今日のフォロー: the follow-ups due today or overdue, shown after sign-in and on Ctrl+T.

A dock inside the main window rather than a window of its own, so that the idle lock's
cover hides it with the rest (it names who asked and what) and it never takes the focus
from the screen the officer is typing in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.cases.lifecycle import complete_next_action
from kyodo_desktop.services.consultations.follow_ups import (
    FollowUpItem,
    FollowUpKind,
    due_follow_ups,
)
from kyodo_desktop.services.consultations.log import complete_follow_up
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.permissions import DENIED, Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.errors import EnvironmentFaultError
from kyodo_desktop.ui.formatting import wareki
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table


def _lateness(item: FollowUpItem) -> str:
    if item.days_overdue <= 0:
        return QCoreApplication.translate("FollowUpPanel", "Due today")
    return QCoreApplication.translate("FollowUpPanel", "%n day(s) overdue", "", item.days_overdue)


class FollowUpPanel(QWidget):
    """The officer's (or their office's) follow-ups not done and due by today."""

    closed = Signal()

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpPanel")
        self.workspace = workspace
        self.today = today
        assert workspace.actor is not None
        anonymous = self.tr("Anonymous")
        kinds = {
            FollowUpKind.CONSULTATION: self.tr("Consultation"),
            FollowUpKind.CASE: self.tr("Support case"),
        }
        self.columns = [
            Column(self.tr("Due"), lambda i: wareki(i.due_on)),
            Column(self.tr("Overdue"), _lateness),
            Column(self.tr("Kind"), lambda i: kinds.get(i.kind, i.kind)),
            Column(self.tr("Who asked"), lambda i: i.who or anonymous),
            Column(self.tr("What was asked"), lambda i: i.what, tooltip=lambda i: i.what),
            Column(self.tr("Topics"), lambda i: i.topics),
            Column(self.tr("Consulted on"), lambda i: wareki(i.occurred_on)),
            Column(self.tr("Officer"), lambda i: i.staff_name),
        ]
        self.mine = QRadioButton(self.tr("Mine only"), self)
        self.office = QRadioButton(self.tr("My office"), self)
        self.office.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.mine)
        scope.addButton(self.office)
        self.summary = QLabel(self)
        self.summary.setObjectName("countLabel")
        self.cut_note = QLabel(self)
        self.cut_note.setObjectName("followUpCut")
        self.cut_note.setWordWrap(True)
        self.cut_note.hide()
        self.message = QLabel(self)  # a refusal from the service, in its own words
        self.message.setObjectName("followUpMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.items: list[FollowUpItem] = []
        self.model = LazyTableModel(ListSource([]), self.columns, parent=self)
        self.table = make_table(self.model, self)
        for column, width in enumerate((90, 90, 90, 180, 300, 160, 90)):
            self.table.setColumnWidth(column, width)
        self.open_button = QPushButton(self.tr("Open consultation"), self)
        self.done_button = QPushButton(self.tr("Mark follow-up done"), self)
        if not allows(workspace.actor, Permission.WRITE):
            self.done_button.setToolTip(DENIED[Permission.WRITE])
        self.close_button = QPushButton(self.tr("Close"), self)

        top = QHBoxLayout()
        top.addWidget(self.mine)
        top.addWidget(self.office)
        top.addStretch(1)
        top.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cut_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.mine.toggled.connect(self.reload)
        self.open_button.clicked.connect(self.open_current)
        self.done_button.clicked.connect(self.mark_current_done)
        self.table.activated.connect(self._activated)
        self.close_button.clicked.connect(self.closed)
        self.reload()

    # Reading --------------------------------------------------------------------------

    def reload(self) -> None:
        actor = self.workspace.actor
        assert actor is not None
        due = due_follow_ups(
            self.workspace.database, actor, mine_only=self.mine.isChecked(), today=self.today
        )
        self.items = due.items
        old = self.model
        self.model = LazyTableModel(ListSource(self.items), self.columns, parent=self)
        self.table.setModel(self.model)
        old.deleteLater()
        self.table.selectionModel().currentRowChanged.connect(self._show_buttons)
        if self.items:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.summary.setText(
            self.tr("%1 due today, %2 overdue")
            .replace("%1", str(due.due_today))
            .replace("%2", str(due.overdue))
        )
        # The most overdue are listed; the rest are one filter away in the log.
        note = self.tr('First %1 shown of %2; filter the log by "Due by today" to see all')
        self.cut_note.setVisible(due.cut)
        self.cut_note.setText(
            note.replace("%1", str(len(due.items))).replace("%2", str(due.total)) if due.cut else ""
        )
        self._show_buttons()

    def _show_buttons(self) -> None:
        item = self.current_item()
        chosen = item is not None
        self.open_button.setEnabled(chosen)
        case = item is not None and item.kind is FollowUpKind.CASE
        self.open_button.setText(
            self.tr("Open support case") if case else self.tr("Open consultation")
        )
        actor = self.workspace.actor
        self.done_button.setEnabled(
            chosen and actor is not None and allows(actor, Permission.WRITE)
        )

    def current_item(self) -> FollowUpItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        return self.items[index.row()]

    # Acting ---------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_current()

    def open_current(self) -> QWidget | None:
        item = self.current_item()
        if item is None:
            return None
        if item.kind is FollowUpKind.CASE:
            return self._open_case(item)
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        try:
            form = ConsultationForm.open_existing(self.workspace, item.record_id, self)
        except (ServiceError, EnvironmentFaultError) as refusal:  # deleted meanwhile, locked
            self.reload()
            self.message.setText(refusal.message)
            return None
        form.saved.connect(self.reload)
        return form

    def _open_case(self, item: FollowUpItem) -> None:
        from kyodo_desktop.ui.cases.page import CasePage

        try:
            CasePage.ask(self.workspace, self, item.record_id)
        except (ServiceError, EnvironmentFaultError) as refusal:  # deleted, moved, locked
            self.message.setText(refusal.message)
        self.reload()
        return None

    def mark_current_done(self) -> bool:
        item = self.current_item()
        actor = self.workspace.actor
        if item is None or actor is None:
            return False
        done = complete_next_action if item.kind is FollowUpKind.CASE else complete_follow_up
        try:
            done(self.workspace.database, actor, item.record_id, row_version=item.row_version)
        except (ServiceError, EnvironmentFaultError) as refusal:
            self.message.setText(getattr(refusal, "message", None) or str(refusal))
            self.reload()
            return False
        self.message.clear()
        self.reload()
        return True


def follow_ups_due(workspace: Workspace, *, today: date | None = None) -> bool:
    """Whether the officer's office has anything due: the panel opens by itself if so."""
    actor = workspace.actor
    if actor is None or actor.staff_id is None:  # the smoke test's system viewer
        return False
    return due_follow_ups(workspace.database, actor, today=today).total > 0


def follow_up_dock(window: QMainWindow, workspace: Workspace) -> QDockWidget:
    """The panel in a dock at the bottom of the main window."""
    panel = FollowUpPanel(workspace)
    dock = QDockWidget(QCoreApplication.translate("FollowUpPanel", "Today's follow-ups"), window)
    dock.setObjectName("followUpDock")
    # Not floatable: a floating dock is a window of its own, which the idle lock's cover
    # (a child of the main window) would not hide.
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    dock.setWidget(panel)
    panel.closed.connect(dock.hide)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    # A third of the window at most: the consultation list stays the main thing on screen.
    window.resizeDocks([dock], [max(window.height() // 3, 180)], Qt.Orientation.Vertical)
    return dock
