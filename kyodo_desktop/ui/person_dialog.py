"""Registering a resident who consults as an individual (相談者), or changing their record.

The dialog says why the details are kept and what consenting to share them means, so the
officer can explain it at the counter before ticking the box.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.persons import (
    PersonDraft,
    PersonView,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.retention import retention_years
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.day_edit import DayEdit
from kyodo_desktop.ui.login import message_label, refusal_text


class PersonDialog(QDialog):
    """A person's details and their consent to share; accepted once saved."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        person_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.saved_id: uuid.UUID | None = None
        self._opened: PersonView | None = None
        if person_id is not None:  # opening is audited (services/persons.py)
            self._opened = open_person(workspace.database, workspace.actor, person_id)
        self.setWindowTitle(
            self.tr("Change a resident's record") if self._opened else self.tr("New resident")
        )
        years = retention_years(workspace.database)
        why = QLabel(
            self.tr(
                "Only what the work needs is kept: the name to find the record again, and a "
                "phone number or address to contact the person about their consultation. "
                "The details are erased %n year(s) after the last contact.",
                "",
                years,
            ),
            self,
        )
        why.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.kana_edit = QLineEdit(self)
        self.kana_edit.setPlaceholderText(self.tr("In katakana (optional)"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText("03-3993-1111")
        self.postal_edit = QLineEdit(self)
        self.postal_edit.setPlaceholderText("176-8501")
        self.address_edit = QLineEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(60)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Reading"), self.kana_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("Postal code"), self.postal_edit)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Notes"), self.notes_edit)

        consent = QGroupBox(self.tr("Consent to share"), self)
        explained = QLabel(
            self.tr(
                "With the person's consent, the ward's other departments may be told of their "
                "consultation so that they are not asked the same things again when referred. "
                "Without it, their details are not passed on. Ask the person, "
                "and tick only if they agree; they may withdraw it at any time."
            ),
            consent,
        )
        explained.setWordWrap(True)
        self.consent_box = QCheckBox(
            self.tr("The person agrees to their details being shared"), consent
        )
        self.consent_day = DayEdit("consent_recorded_on", consent)
        consent_form = QFormLayout()
        consent_form.addRow(self.consent_box)
        consent_form.addRow(self.tr("Agreed on (empty: today)"), self.consent_day)
        consent_layout = QVBoxLayout(consent)
        consent_layout.addWidget(explained)
        consent_layout.addLayout(consent_form)
        self.consent_box.toggled.connect(self.consent_day.setEnabled)

        self.fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "name_kana": self.kana_edit,
            "phone": self.phone_edit,
            "postal_code": self.postal_edit,
            "address": self.address_edit,
            "notes": self.notes_edit,
            "consent_to_share": self.consent_box,
            "consent_recorded_on": self.consent_day,
        }
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(consent)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._fill()
        self.name_edit.setFocus()

    def _fill(self) -> None:
        person = self._opened
        if person is not None:
            self.name_edit.setText(person.name)
            self.kana_edit.setText(person.name_kana)
            self.phone_edit.setText(person.phone)
            self.postal_edit.setText(person.postal_code)
            self.address_edit.setText(person.address)
            self.notes_edit.setPlainText(person.notes)
            self.consent_box.setChecked(person.consent_to_share)
            self.consent_day.set_day(person.consent_recorded_on)
        self.consent_day.setEnabled(self.consent_box.isChecked())

    def draft(self) -> PersonDraft:
        """What is typed, as the service takes it; `InputError` for a date it cannot read."""
        consent = self.consent_box.isChecked()
        return PersonDraft(
            name=self.name_edit.text(),
            name_kana=self.kana_edit.text(),
            phone=self.phone_edit.text(),
            postal_code=self.postal_edit.text(),
            address=self.address_edit.text(),
            consent_to_share=consent,
            consent_recorded_on=self.consent_day.day() if consent else None,
            notes=self.notes_edit.toPlainText(),
        )

    def accept(self) -> None:
        database, actor = self._workspace.database, self._workspace.actor
        try:
            draft = self.draft()
            if self._opened is None:
                self.saved_id = create_person(database, actor, draft)
            else:
                opened = self._opened
                self.saved_id = change_person(
                    database, actor, opened.id, draft, row_version=opened.row_version
                ).id
        except Exception as error:  # a refusal is shown, everything typed stays
            text = refusal_text(error)
            if text is None:
                raise
            self.message.setText(text)
            self.message.show()
            field = error.field if isinstance(error, ServiceError) else None
            widget = self.fields.get(field or "")
            if widget is not None:
                widget.setFocus()
            return
        super().accept()

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, person_id: uuid.UUID | None = None
    ) -> uuid.UUID | None:
        """The person registered or changed; None if the dialog was cancelled."""
        dialog = cls(workspace, parent, person_id)
        try:
            return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
