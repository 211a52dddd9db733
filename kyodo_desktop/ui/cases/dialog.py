"""Opening a support case (支援ケースの登録) for a group, or changing one."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from kyodo_desktop.rules.vocabulary import CaseStatus
from kyodo_desktop.services import browse
from kyodo_desktop.services.cases.lifecycle import (
    CaseChange,
    CaseDraft,
    CaseView,
    edit_case,
    get_case,
    lead_officers,
    open_case,
)
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.filters import GroupFilter
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.fields import ChoiceCombo, FieldError
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog


def group_choices(workspace: Workspace) -> list[tuple[str, object]]:
    """The active groups, 五十音順, each named with its office (names may repeat)."""
    browser = browse.groups(workspace.database, workspace.actor, GroupFilter(active=True))
    return [(f"{r.name}（{r.office_name}）", r.id) for r in browser.page(0, browser.count())]


def index_of(box: QComboBox, value: object) -> int:
    """The entry holding `value`, or -1: an id read again is equal, not the same object,
    and QComboBox.findData matches a Python value only by identity."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)


class CaseDialog(RecordDialog):
    """The case's title, purpose, lead officer, status and next action."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        group_id: uuid.UUID | None = None,
        case_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        database, actor = workspace.database, workspace.actor
        self._opened: CaseView | None = None
        if case_id is not None:
            self._opened = get_case(database, actor, case_id)
        self._group_id = self._opened.group_id if self._opened else group_id
        self.setWindowTitle(
            self.tr("Change a support case") if self._opened else self.tr("New support case")
        )
        self.group_box: ChoiceCombo | None = None
        if self._group_id is None:  # opened from the case list: the officer chooses the group
            self.group_box = self.add_field(
                self.tr("Group"), "group_id", ChoiceCombo(group_choices(workspace), self)
            )
            self.group_box.setCurrentIndex(-1)
        self.title_edit = self.add_field(self.tr("Title"), "title", QLineEdit(self))
        self.purpose_edit = self.add_field(self.tr("Purpose"), "purpose", QPlainTextEdit(self))
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setFixedHeight(70)
        self.lead_box = self.add_field(self.tr("Lead officer"), "lead_staff_id", QComboBox(self))
        office = self._opened.office_code if self._opened else None
        for choice in lead_officers(database, actor, office):
            self.lead_box.addItem(choice.label, choice.value)
        self.status_box = self.add_field(self.tr("Status"), "status", QComboBox(self))
        closed = self._opened is not None and self._opened.closed
        for status in CaseStatus:
            if (status is CaseStatus.CLOSED) == closed:
                self.status_box.addItem(status.label, status.value)
        self.opened_edit = self.add_field(
            self.tr("Opened on"), "opened_on", DayEdit("opened_on", self)
        )
        self.action_edit = self.add_field(self.tr("Next action"), "next_action", QLineEdit(self))
        self.due_edit = self.add_field(
            self.tr("Due by"), "next_action_due", DayEdit("next_action_due", self)
        )
        for widget in (self.action_edit, self.due_edit):
            widget.setEnabled(not closed)  # a closed case has nothing next
        self.lay_out(self.form)
        self.setMinimumWidth(520)
        self._fill()
        self.opened(self.group_box or self.title_edit)

    def _fill(self) -> None:
        case = self._opened
        lead = case.lead_staff_id if case else self._workspace.actor.staff_id
        index = index_of(self.lead_box, lead)
        if index < 0 and case is not None:  # a lead who left the office stays shown
            self.lead_box.addItem(case.lead_staff_name, case.lead_staff_id)
            index = self.lead_box.count() - 1
        self.lead_box.setCurrentIndex(max(index, 0))
        if case is None:
            self.opened_edit.set_day(date.today())
            return
        self.title_edit.setText(case.title)
        self.purpose_edit.setPlainText(case.purpose)
        self.status_box.setCurrentIndex(max(self.status_box.findData(case.status), 0))
        self.opened_edit.set_day(case.opened_on)
        self.opened_edit.setEnabled(False)  # the day a case opened is not changed
        self.action_edit.setText(case.next_action)
        self.due_edit.set_day(case.next_action_due)

    def _group(self) -> uuid.UUID:
        if self.group_box is None:
            assert self._group_id is not None
            return self._group_id
        try:
            chosen = self.group_box.value()
        except FieldError as error:
            raise InputError(error.message, field="group_id") from error
        assert isinstance(chosen, uuid.UUID)
        return chosen

    def save(self) -> uuid.UUID:
        database, actor = self._workspace.database, self._workspace.actor
        if self._opened is None:
            draft = CaseDraft(
                group_id=self._group(),
                title=self.title_edit.text(),
                purpose=self.purpose_edit.toPlainText(),
                lead_staff_id=self.lead_box.currentData(),
                opened_on=self.opened_edit.day(),
                status=self.status_box.currentData(),
                next_action=self.action_edit.text(),
                next_action_due=self.due_edit.day(),
            )
            return open_case(database, actor, draft)
        change = CaseChange(
            title=self.title_edit.text(),
            purpose=self.purpose_edit.toPlainText(),
            lead_staff_id=self.lead_box.currentData(),
            status=self.status_box.currentData(),
            next_action=self.action_edit.text(),
            next_action_due=self.due_edit.day(),
        )
        opened = self._opened
        return edit_case(database, actor, opened.id, change, row_version=opened.row_version).id

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        group_id: uuid.UUID | None = None,
        case_id: uuid.UUID | None = None,
    ) -> uuid.UUID | None:
        """The case opened or changed; None if cancelled."""
        return cls(workspace, parent, group_id=group_id, case_id=case_id).run()
