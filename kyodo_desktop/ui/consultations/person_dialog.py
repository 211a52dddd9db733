"""Registering a resident who consults as an individual (相談者), or changing their record.

The dialog says why the details are kept and what consenting to share them means, so the
officer can explain it at the counter before ticking the box.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.consultations.persons import (
    PersonDraft,
    PersonView,
    change_person,
    create_person,
    open_person,
)
from kyodo_desktop.services.safekeeping.retention import retention_years
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.day_edit import DayEdit
from kyodo_desktop.ui.widgets.record_dialog import RecordDialog


class PersonDialog(RecordDialog):
    """A person's details and their consent to share; accepted once saved."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        person_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self._opened: PersonView | None = None
        if person_id is not None:  # opening is audited (services/consultations/persons.py)
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
        self.name_edit = self.add_field(self.tr("Name"), "name", QLineEdit(self))
        self.kana_edit = self.add_field(self.tr("Reading"), "name_kana", QLineEdit(self))
        self.kana_edit.setPlaceholderText(self.tr("In katakana (optional)"))
        self.phone_edit = self.add_field(self.tr("Phone"), "phone", QLineEdit(self))
        self.phone_edit.setPlaceholderText("03-3993-1111")
        self.postal_edit = self.add_field(self.tr("Postal code"), "postal_code", QLineEdit(self))
        self.postal_edit.setPlaceholderText("176-8501")
        self.address_edit = self.add_field(self.tr("Address"), "address", QLineEdit(self))
        self.notes_edit = self.add_field(self.tr("Notes"), "notes", QPlainTextEdit(self))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(60)

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
        self.fields["consent_to_share"] = self.consent_box
        consent_form = QFormLayout()
        consent_form.addRow(self.consent_box)
        self.consent_day = self.add_field(
            self.tr("Agreed on (empty: today)"),
            "consent_recorded_on",
            DayEdit("consent_recorded_on", consent),
            consent_form,
        )
        consent_layout = QVBoxLayout(consent)
        consent_layout.addWidget(explained)
        consent_layout.addLayout(consent_form)
        self.consent_box.toggled.connect(self.consent_day.setEnabled)

        self.lay_out(why, self.form, consent)
        self.setMinimumWidth(520)
        self._fill()
        self.opened(self.name_edit)

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

    def save(self) -> uuid.UUID:
        database, actor = self._workspace.database, self._workspace.actor
        draft = self.draft()
        if self._opened is None:
            return create_person(database, actor, draft)
        opened = self._opened
        return change_person(database, actor, opened.id, draft, row_version=opened.row_version).id

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, person_id: uuid.UUID | None = None
    ) -> uuid.UUID | None:
        """The person registered or changed; None if the dialog was cancelled."""
        return cls(workspace, parent, person_id).run()
