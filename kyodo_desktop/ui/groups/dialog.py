"""Registering a group (団体の新規登録) or changing one, with the registry's checks."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from kyodo_desktop.rules import GroupKind
from kyodo_desktop.services.groups.draft import MAX_HOUSEHOLDS
from kyodo_desktop.services.groups.registry import (
    DuplicateGroupError,
    GroupDraft,
    GroupView,
    change_group,
    create_group,
    get_group,
    office_choices,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.groups.duplicates import DuplicateChoice, DuplicateQuestion
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog


class GroupDialog(RecordDialog):
    """The group's details; accepted once they are saved (or an existing group is chosen)."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, group_id: uuid.UUID | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self._opened: GroupView | None = None
        if group_id is not None:
            self._opened = get_group(workspace.database, workspace.actor, group_id)
        self.setWindowTitle(self.tr("Change a group") if self._opened else self.tr("New group"))

        self.name_edit = self.add_field(self.tr("Name"), "name", QLineEdit(self))
        self.kana_edit = self.add_field(self.tr("Reading"), "name_kana", QLineEdit(self))
        self.kana_edit.setPlaceholderText(self.tr("In katakana or hiragana"))
        self.kind_box = self.add_field(self.tr("Kind"), "kind", QComboBox(self))
        for kind in GroupKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.office_box = self.add_field(
            self.tr("Office in charge"), "office_code", QComboBox(self)
        )
        for office in office_choices(workspace.database, workspace.actor):
            self.office_box.addItem(f"{office.code} {office.name}", office.code)
        self.representative_edit = self.add_field(
            self.tr("Representative"), "representative", QLineEdit(self)
        )
        self.postal_edit = self.add_field(self.tr("Postal code"), "postal_code", QLineEdit(self))
        self.postal_edit.setPlaceholderText("176-8501")
        self.address_edit = self.add_field(self.tr("Address"), "address", QLineEdit(self))
        self.phone_edit = self.add_field(self.tr("Phone"), "phone", QLineEdit(self))
        self.phone_edit.setPlaceholderText("03-3993-1111")
        self.email_edit = self.add_field(self.tr("Email"), "email", QLineEdit(self))
        self.households_box = self.add_field(
            self.tr("Member households"), "households", QSpinBox(self)
        )
        self.households_box.setRange(0, MAX_HOUSEHOLDS)
        self.households_box.setSpecialValueText(" ")  # 0: not counted
        self.households_box.setGroupSeparatorShown(True)
        self.counted_edit = self.add_field(
            self.tr("Households counted on"),
            "households_counted_on",
            DayEdit("households_counted_on", self),
        )
        self.founded_edit = self.add_field(
            self.tr("Founded on"), "founded_on", DayEdit("founded_on", self)
        )
        self.notes_edit = self.add_field(self.tr("Notes"), "notes", QPlainTextEdit(self))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(70)
        self.lay_out(self.form)
        self.setMinimumWidth(560)
        self.kind_box.currentIndexChanged.connect(self._show_households)
        self._fill()
        self._show_households()
        self.opened(self.name_edit)

    def _fill(self) -> None:
        office = self._opened.office_code if self._opened else self._workspace.actor.office_code
        self.office_box.setCurrentIndex(max(self.office_box.findData(office), 0))
        group = self._opened
        if group is None:
            return
        self.name_edit.setText(group.name)
        self.kana_edit.setText(group.name_kana)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(group.kind), 0))
        self.representative_edit.setText(group.representative)
        self.postal_edit.setText(group.postal_code)
        self.address_edit.setText(group.address)
        self.phone_edit.setText(group.phone)
        self.email_edit.setText(group.email)
        self.households_box.setValue(group.households or 0)
        self.counted_edit.set_day(group.households_counted_on)
        self.founded_edit.set_day(group.founded_on)
        self.notes_edit.setPlainText(group.notes)

    def _is_chokai(self) -> bool:
        return self.kind_box.currentData() == GroupKind.CHOKAI.value

    def _show_households(self) -> None:
        # Only a 町会・自治会 counts its member households (programme ①).
        for widget in (self.households_box, self.counted_edit):
            widget.setEnabled(self._is_chokai())

    def draft(self) -> GroupDraft:
        """What is typed, as the service takes it; `InputError` for a date it cannot read."""
        chokai = self._is_chokai()
        households = self.households_box.value() or None
        return GroupDraft(
            name=self.name_edit.text(),
            name_kana=self.kana_edit.text(),
            kind=self.kind_box.currentData(),
            office_code=self.office_box.currentData(),
            representative=self.representative_edit.text(),
            postal_code=self.postal_edit.text(),
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            households=households if chokai else None,
            households_counted_on=self.counted_edit.day() if chokai else None,
            founded_on=self.founded_edit.day(),
            notes=self.notes_edit.toPlainText(),
        )

    def _save(self, draft: GroupDraft, *, allow_duplicate: bool = False) -> uuid.UUID:
        database, actor = self._workspace.database, self._workspace.actor
        if self._opened is None:
            return create_group(database, actor, draft, allow_duplicate=allow_duplicate)
        opened = self._opened
        return change_group(
            database,
            actor,
            opened.id,
            draft,
            row_version=opened.row_version,
            allow_duplicate=allow_duplicate,
        ).id

    def save(self) -> uuid.UUID:
        draft = self.draft()
        try:
            return self._save(draft)
        except DuplicateGroupError as duplicate:
            # Renamed, the group's page is showing this group: another one is not offered.
            renaming = self._opened is not None
            choice, existing = DuplicateQuestion.ask(self, duplicate.similar, renaming=renaming)
            if choice is DuplicateChoice.REGISTER_ANYWAY:
                return self._save(draft, allow_duplicate=True)
            if choice is DuplicateChoice.OPEN_EXISTING and existing is not None and not renaming:
                return existing
            raise  # go back: the refusal is shown, the cursor on the name

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, group_id: uuid.UUID | None = None
    ) -> uuid.UUID | None:
        """The group registered, changed or chosen instead; None if cancelled."""
        return cls(workspace, parent, group_id).run()
