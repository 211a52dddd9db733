"""The first start (初期設定): this installation's office and its first administrator."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.access.installation import (
    InstallationDraft,
    installation_offices,
    set_up_installation,
)
from kyodo_desktop.services.access.signing_in import sign_in
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.store.database import Database
from kyodo_desktop.ui.sign_in.login import password_edit
from kyodo_desktop.ui.widgets.refusal_box import message_label, refusal_text


class SetupDialog(QDialog):
    """Asked once, on the first start with a new database; accepted signs the admin in."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("First start of Kyodo Desk"))
        intro = QLabel(
            self.tr(
                "This is the first start of Kyodo Desk with this database. Choose the office "
                "this PC serves, and create the account of the head office's administrator, "
                "who will then add the staff."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.office_box = QComboBox(self)
        for code, name in installation_offices(database):
            self.office_box.addItem(f"{code} {name}", code)
        self.login_edit = QLineEdit(self)
        self.login_edit.setPlaceholderText(self.tr("e.g. kyodo-admin"))
        self.name_edit = QLineEdit(self)
        self.kana_edit = QLineEdit(self)
        self.password_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        form = QFormLayout()
        form.addRow(self.tr("This installation's office"), self.office_box)
        form.addRow(self.tr("Administrator's login ID"), self.login_edit)
        form.addRow(self.tr("Administrator's name"), self.name_edit)
        form.addRow(self.tr("Name in katakana (optional)"), self.kana_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Password again"), self.repeat_edit)
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set up"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.login_edit.setFocus()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def accept(self) -> None:
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self._refuse(self.tr("The two passwords differ. Type them again."))
            self.password_edit.clear()
            self.repeat_edit.clear()
            self.password_edit.setFocus()
            return
        draft = InstallationDraft(
            office_code=self.office_box.currentData(),
            admin_login=self.login_edit.text(),
            admin_name=self.name_edit.text(),
            admin_name_kana=self.kana_edit.text(),
            password=password,
        )
        try:
            set_up_installation(self._database, draft)
            self.actor = sign_in(self._database, draft.admin_login, password)
        except Exception as error:
            text = refusal_text(error)
            if text is None:
                raise
            self._refuse(text)
            return
        super().accept()

    @classmethod
    def ask(cls, database: Database, parent: QWidget | None = None) -> Actor | None:
        """The administrator, set up and signed in; None if the dialog was cancelled."""
        dialog = cls(database, parent)
        try:
            return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
