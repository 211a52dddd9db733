"""What the dialogs of one record (a group, a resident) share: fields, refusals, closing.

A refusal is shown under the form with the cursor on the field it names, and nothing typed
is lost. Esc, Cancel and the window's × close at once only if nothing was changed since the
dialog opened; otherwise they ask first, as the quick-entry form does.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.refusal_box import message_label, refusal_text

Field = TypeVar("Field", bound=QWidget)


class DiscardChangesQuestion:
    """Asked before a record's dialog is closed with changes that were not saved."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        return confirm(
            parent,
            QCoreApplication.translate("RecordDialog", "Discard the changes"),
            QCoreApplication.translate(
                "RecordDialog", "What you typed has not been saved. Discard it and close?"
            ),
        )


def field_value(widget: QWidget) -> object:
    """What a field holds, to compare with what it held when the dialog opened."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    raise TypeError(f"no value to compare for {type(widget).__name__}")


class RecordDialog(QDialog):
    """A record's fields over Save and Cancel; accepted once `save()` has saved it.

    A subclass adds its fields (`add_field`), lays them out (`lay_out`), fills them with the
    record it opened and then calls `opened()`, and implements `save()`.
    """

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.saved_id: uuid.UUID | None = None
        self.form = QFormLayout()
        # The service's name of each field, so that a refusal can put the cursor there.
        self.fields: dict[str, QWidget] = {}
        self._as_opened: dict[str, object] = {}
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def add_field(
        self, label: str, name: str, widget: Field, form: QFormLayout | None = None
    ) -> Field:
        """A row of the form (or of `form`) for the service's field `name`."""
        (self.form if form is None else form).addRow(label, widget)
        self.fields[name] = widget
        return widget

    def lay_out(self, *parts: QWidget | QLayout) -> None:
        """The parts from the top, then the refusal line and the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def opened(self, first: QWidget) -> None:
        """The fields hold what the dialog was opened with: remember it, start at `first`."""
        self._as_opened = self._values()
        first.setFocus()

    def _values(self) -> dict[str, object]:
        return {name: field_value(widget) for name, widget in self.fields.items()}

    def is_changed(self) -> bool:
        """Whether anything differs from what the dialog was opened with."""
        return self._values() != self._as_opened

    def save(self) -> uuid.UUID:
        """Save what is typed and return the record's id; raise to refuse.

        Each record dialog (GroupDialog, PersonDialog) says how, through its own service;
        the base has no record of its own to save.
        """
        raise NotImplementedError(f"{type(self).__name__} must say how it saves")

    def refuse(self, text: str, field: str | None) -> None:
        """Say why under the form and put the cursor on the field it is about."""
        self.message.setText(text)
        self.message.show()
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def accept(self) -> None:
        try:
            saved = self.save()
        except Exception as error:  # a refusal is shown, everything typed stays
            text = refusal_text(error)
            if text is None:
                raise  # a bug
            self.refuse(text, error.field if isinstance(error, ServiceError) else None)
            return
        self.saved_id = saved
        super().accept()

    def reject(self) -> None:
        """Esc, Cancel, the window's ×: ask first if a change would be lost."""
        if self.is_changed() and not DiscardChangesQuestion.ask(self):
            return
        super().reject()

    def run(self) -> uuid.UUID | None:
        """Show the dialog until it closes: the record saved, or None if it was cancelled."""
        try:
            return self.saved_id if self.exec() == QDialog.DialogCode.Accepted else None
        finally:
            self.deleteLater()
