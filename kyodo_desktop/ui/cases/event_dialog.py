"""An entry on a support case's timeline (経過の記録): a visit, a referral, a note, ..."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from kyodo_desktop.rules.vocabulary import CaseEventKind
from kyodo_desktop.services.cases.events import CaseEventDraft, add_case_event, entry_choices
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog


class CaseEventDialog(RecordDialog):
    """What happened, when, and the record it is about; the officer signed in wrote it."""

    def __init__(
        self, workspace: Workspace, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.case_id = case_id
        self.setWindowTitle(self.tr("New entry"))
        choices = entry_choices(workspace.database, workspace.actor, case_id)
        self.kind_box = self.add_field(self.tr("Kind"), "kind", QComboBox(self))
        for kind in CaseEventKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.day_edit = self.add_field(self.tr("Date"), "occurred_on", DayEdit("occurred_on", self))
        self.day_edit.set_day(date.today())
        self.summary_edit = self.add_field(
            self.tr("What happened"), "summary", QPlainTextEdit(self)
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(90)
        none = self.tr("(none)")
        self.consultation_box = self.add_field(
            self.tr("Consultation"), "consultation_id", QComboBox(self)
        )
        self.department_box = self.add_field(
            self.tr("Referred to"), "department_id", QComboBox(self)
        )
        self.application_box = self.add_field(
            self.tr("Application"), "application_id", QComboBox(self)
        )
        for box, listed in (
            (self.consultation_box, choices.consultations),
            (self.department_box, choices.departments),
            (self.application_box, choices.applications),
        ):
            box.addItem(none, None)
            for choice in listed:
                box.addItem(choice.label, choice.value)
        self.lay_out(self.form)
        self.setMinimumWidth(520)
        self.kind_box.currentIndexChanged.connect(self._show_links)
        self._show_links()
        self.opened(self.kind_box)

    def choose_kind(self, kind: CaseEventKind) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind.value))

    def _show_links(self) -> None:
        # A referral names the department, an application entry the application.
        kind = self.kind_box.currentData()
        self.department_box.setEnabled(kind == CaseEventKind.REFERRAL.value)
        self.application_box.setEnabled(kind == CaseEventKind.APPLICATION.value)

    def draft(self) -> CaseEventDraft:
        def chosen(box: QComboBox) -> uuid.UUID | None:
            return box.currentData() if box.isEnabled() else None

        return CaseEventDraft(
            case_id=self.case_id,
            kind=self.kind_box.currentData(),
            occurred_on=self.day_edit.day(),  # type: ignore[arg-type]  # None: refused there
            summary=self.summary_edit.toPlainText(),
            consultation_id=self.consultation_box.currentData(),
            department_id=chosen(self.department_box),
            application_id=chosen(self.application_box),
        )

    def save(self) -> uuid.UUID:
        return add_case_event(self._workspace.database, self._workspace.actor, self.draft())

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None, case_id: uuid.UUID
    ) -> uuid.UUID | None:
        """The entry added; None if cancelled."""
        return cls(workspace, case_id, parent).run()
