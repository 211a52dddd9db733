"""Signing in (ログイン): the login dialog, and the question before someone else signs in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.access.signing_in import DEMO_PASSWORD, sign_in
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.store.database import Database
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.refusal_box import message_label, refusal_text


def show_refusal(error: Exception, message: QLabel, password: QLineEdit) -> bool:
    """Show why signing in was refused and clear the password; False if it is not a refusal."""
    text = refusal_text(error)
    if text is None:
        return False
    message.setText(text)
    message.show()
    password.clear()
    password.setFocus()
    return True


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class LoginDialog(QDialog):
    """Login ID and password; accepted only when they sign someone in."""

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        login_id: str = "",
        demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sign in to Kyodo Desk"))
        intro = QLabel(self.tr("Enter your login ID and password."), self)
        self.login_edit = QLineEdit(login_id, self)
        self.password_edit = password_edit(self)
        form = QFormLayout()
        form.addRow(self.tr("Login ID"), self.login_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if demo:
            hint = QLabel(
                self.tr('Demo data: every staff member\'s password is "%1".').replace(
                    "%1", DEMO_PASSWORD
                ),
                self,
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password_edit if login_id else self.login_edit).setFocus()

    def accept(self) -> None:
        try:
            self.actor = sign_in(self._database, self.login_edit.text(), self.password_edit.text())
        except Exception as error:
            if not show_refusal(error, self.message, self.password_edit):
                raise
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        database: Database,
        parent: QWidget | None = None,
        *,
        login_id: str = "",
        demo: bool = False,
    ) -> Actor | None:
        """Who signed in, or None if the dialog was cancelled."""
        dialog = cls(database, parent, login_id=login_id, demo=demo)
        try:
            return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class DiscardQuestion:
    """Asked before signing in as someone else throws away what was typed but not saved."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        return confirm(
            parent,
            QCoreApplication.translate("DiscardQuestion", "Sign in as someone else"),
            QCoreApplication.translate(
                "DiscardQuestion",
                "What you typed but did not save will be lost when someone else signs in. Go on?",
            ),
        )
