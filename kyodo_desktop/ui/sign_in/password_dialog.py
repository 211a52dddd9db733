"""Changing one's own password (パスワードの変更)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.access.passwords import MIN_LENGTH
from kyodo_desktop.services.access.signing_in import change_own_password
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.store.database import Database
from kyodo_desktop.ui.sign_in.login import password_edit
from kyodo_desktop.ui.widgets.refusal_box import message_label, refusal_text


class PasswordDialog(QDialog):
    """The current password, then the new one twice; accepted once it is saved."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.setWindowTitle(self.tr("Change password"))
        intro = QLabel(
            self.tr("%1 (%2): the new password needs at least %3 characters.")
            .replace("%1", actor.name)
            .replace("%2", actor.login_id)
            .replace("%3", str(MIN_LENGTH)),
            self,
        )
        intro.setWordWrap(True)
        self.current_edit = password_edit(self)
        self.new_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.current_edit)
        form.addRow(self.tr("New password"), self.new_edit)
        form.addRow(self.tr("New password again"), self.repeat_edit)
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.current_edit.setFocus()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def accept(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            self._refuse(self.tr("The two new passwords differ. Type them again."))
            self.new_edit.clear()
            self.repeat_edit.clear()
            self.new_edit.setFocus()
            return
        try:
            change_own_password(
                self._database, self._actor, self.current_edit.text(), self.new_edit.text()
            )
        except Exception as error:
            text = refusal_text(error)
            if text is None:
                raise
            self._refuse(text)
            return
        super().accept()

    @classmethod
    def ask(cls, database: Database, actor: Actor, parent: QWidget | None = None) -> bool:
        """Whether the password was changed."""
        dialog = cls(database, actor, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
