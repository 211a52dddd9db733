"""A support case's page (支援ケース): its details, next action and timeline, and what to do."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import format_fiscal_year
from kyodo_desktop.rules.vocabulary import CaseEventKind, CaseStatus, Channel, StepKind
from kyodo_desktop.services.cases.lifecycle import (
    CaseView,
    TimelineLine,
    case_timeline,
    close_case,
    complete_next_action,
    reopen_case,
)
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.case_timeline import CONSULTATION, EVENT, STEP
from kyodo_desktop.ui.formatting import label, programme_code_label, wareki, yen
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import ListSource, make_table
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.record_page import exec_until_closed, show_details
from kyodo_desktop.ui.widgets.refusal_box import message_label, open_or_tell, say_refusal


class CloseCaseQuestion:
    """Asked before a case is closed (終結): its next action goes with it."""

    @classmethod
    def ask(cls, parent: QWidget, title: str) -> bool:
        translate = QCoreApplication.translate
        return confirm(
            parent,
            translate("CloseCaseQuestion", "Close the support case"),
            translate(
                "CloseCaseQuestion",
                "Close %1 as of today? Its next action is dropped; it can be reopened.",
            ).replace("%1", title),
        )


def kind_text(line: TimelineLine) -> str:
    """The kind of line in the ward's words: 訪問, 相談（電話）, 交付決定, ..."""
    if line.source == EVENT:
        return label(CaseEventKind, line.kind)
    if line.source == CONSULTATION:
        return f"{CaseEventKind.CONSULTATION.label}（{label(Channel, line.kind)}）"
    return label(StepKind, line.kind)


def what_text(line: TimelineLine) -> str:
    if line.source == STEP:
        year = format_fiscal_year(line.fiscal_year) if line.fiscal_year else ""
        parts = [programme_code_label(line.programme_code), year, line.what]
        return " ".join(part for part in parts if part)
    text = " ".join(line.what.split())
    return f"{line.department}: {text}" if line.department else text


class CasePage(QDialog):
    """The case, its timeline (oldest first), and the buttons to write on it."""

    def __init__(
        self, workspace: Workspace, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.case_id = case_id
        self.changed = False  # the list behind should reload
        self.details = QFormLayout()
        self.message = message_label(self)
        # The case's lines, held whole (a case has tens of lines, not thousands).
        self.timeline: ListSource[TimelineLine] = ListSource()
        self.columns = [
            Column(self.tr("Date"), lambda r: wareki(r.on)),
            Column(self.tr("Kind"), kind_text),
            Column(self.tr("What"), lambda r: what_text(r)[:200], tooltip=what_text),
            Column(self.tr("Amount"), lambda r: yen(r.amount), align_right=True),
            Column(self.tr("Document No."), lambda r: r.document_number),
            Column(self.tr("Officer"), lambda r: r.who),
        ]
        self.model = LazyTableModel(self.timeline, self.columns, parent=self)
        self.table = make_table(self.model, self)
        for column, width in enumerate((100, 110, 380, 90, 120)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self.open_line)
        self.timeline_label = QLabel(self)
        self.entry_button = QPushButton(self.tr("Add entry..."), self)
        self.edit_button = QPushButton(self.tr("Edit..."), self)
        self.done_button = QPushButton(self.tr("Next action done"), self)
        self.close_case_button = QPushButton(self)
        self.entry_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit)
        self.done_button.clicked.connect(self.mark_done)
        self.close_case_button.clicked.connect(self.close_or_reopen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (
            self.entry_button,
            self.edit_button,
            self.done_button,
            self.close_case_button,
        ):
            # Enter on the timeline opens the line; it must not press a button too.
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.details)
        layout.addWidget(self.message)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)
        self.reload()

    def reload(self) -> None:
        found = case_timeline(self._workspace.database, self._workspace.actor, self.case_id)
        self.case = found.case
        self._show_details(found.case)
        self.timeline.rows = list(found.lines)
        self.model.reload()
        self.table.scrollToBottom()  # the latest in sight, the past above it
        self.timeline_label.setText(
            self.tr("Timeline (%n line(s), oldest first)", "", len(self.timeline.rows))
        )
        writer = allows(self._workspace.actor, Permission.WRITE)
        closed = found.case.closed
        self.entry_button.setEnabled(writer)
        self.edit_button.setEnabled(writer)
        self.done_button.setEnabled(writer and not closed and bool(found.case.next_action))
        self.close_case_button.setEnabled(writer)
        self.close_case_button.setText(self.tr("Reopen") if closed else self.tr("Close case..."))

    def _show_details(self, case: CaseView) -> None:
        self.setWindowTitle(f"{case.title} — {case.group_name}")
        period = wareki(case.opened_on)
        if case.closed_on is not None:
            period = f"{period} – {wareki(case.closed_on)}"
        next_action = case.next_action
        if case.next_action_due is not None:
            due = self.tr("by %1").replace("%1", wareki(case.next_action_due))
            late = (date.today() - case.next_action_due).days
            if late > 0:
                due += " " + self.tr("(%n day(s) overdue)", "", late)
            next_action = f"{next_action}（{due}）"
        rows = [
            (self.tr("Group"), case.group_name),
            (self.tr("Title"), case.title),
            (self.tr("Purpose"), case.purpose),
            (self.tr("Office"), case.office_name),
            (self.tr("Lead officer"), case.lead_staff_name),
            (self.tr("Status"), label(CaseStatus, case.status)),
            (self.tr("Period"), period),
            (self.tr("Next action"), next_action),
        ]
        show_details(self.details, self, rows)

    # Acting ---------------------------------------------------------------------------

    def _refused(self, error: Exception) -> None:
        if not self._tell(error):
            raise error  # a bug

    def _tell(self, error: Exception) -> bool:
        return say_refusal(self.message, error)

    def _done(self) -> None:
        """Something on the case, or opened from it, changed: read again, and the list too."""
        self.message.hide()
        self.changed = True
        try:
            self.reload()
        except Exception as error:  # deleted on another PC meanwhile, a locked disk...
            self._refused(error)

    def add_entry(self) -> None:
        from kyodo_desktop.ui.cases.event_dialog import CaseEventDialog

        if CaseEventDialog.ask(self._workspace, self, self.case_id) is not None:
            self._done()

    def edit(self) -> None:
        from kyodo_desktop.ui.cases.dialog import CaseDialog

        if CaseDialog.ask(self._workspace, self, case_id=self.case_id) is not None:
            self._done()

    def mark_done(self) -> None:
        try:
            complete_next_action(
                self._workspace.database,
                self._workspace.actor,
                self.case_id,
                row_version=self.case.row_version,
            )
        except Exception as error:
            self._refused(error)
            return
        self._done()

    def close_or_reopen(self) -> None:
        database, actor, case = self._workspace.database, self._workspace.actor, self.case
        try:
            if case.closed:
                reopen_case(database, actor, case.id, row_version=case.row_version)
            elif CloseCaseQuestion.ask(self, case.title):
                close_case(database, actor, case.id, row_version=case.row_version)
            else:
                return
        except Exception as error:
            self._refused(error)
            return
        self._done()

    def _open_application(self, application_id: uuid.UUID) -> QWidget | None:
        from kyodo_desktop.ui.applications.page import ApplicationPage

        page = open_or_tell(
            self._tell, lambda: ApplicationPage.show_for(self._workspace, self, application_id)
        )
        if page is not None:
            page.updated.connect(self._done)
        return page

    def open_line(self, index: QModelIndex) -> QWidget | None:
        """A consultation opens in its form, an application (or its step) in its page."""
        if not 0 <= index.row() < len(self.timeline.rows):
            return None
        line = self.timeline.rows[index.row()]
        if line.application_id is not None:
            return self._open_application(line.application_id)
        if line.consultation_id is None:
            return None
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        consultation_id = line.consultation_id
        form = open_or_tell(
            self._tell,
            lambda: ConsultationForm.open_existing(self._workspace, consultation_id, self),
        )
        if form is not None:
            form.saved.connect(self._done)
        return form

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None, case_id: uuid.UUID) -> bool:
        """Show the page until closed; True if the case was changed meanwhile."""
        return exec_until_closed(cls(workspace, case_id, parent))
