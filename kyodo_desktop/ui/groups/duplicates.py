"""Asked when a group seems registered already: open it, register (or save) anyway, or go back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.groups.registry import SimilarGroup


class DuplicateChoice(Enum):
    OPEN_EXISTING = "open"
    REGISTER_ANYWAY = "register"
    GO_BACK = "back"


class DuplicateQuestion(QDialog):
    """The similar groups, one to open, and the officer's choice."""

    def __init__(
        self,
        similar: Sequence[SimilarGroup],
        parent: QWidget | None = None,
        *,
        renaming: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This group may be registered already"))
        self.choice = DuplicateChoice.GO_BACK
        if renaming:  # a group being changed: saving it or not is the only question
            told = self.tr(
                "Groups with the same name, or at the same address, are in the registry. "
                "Save the change only if this group is another one."
            )
        else:
            told = self.tr(
                "Groups with the same name, or at the same address, are in the registry. "
                "Open the one that is this group, or register a new group if it is another."
            )
        intro = QLabel(told, self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        inactive = self.tr("(inactive)")
        for group in similar:
            text = f"{group.name}（{group.name_kana}） {group.address} ／ {group.office_name}"
            if not group.active:
                text += f" {inactive}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(
            lambda _item: self._choose(DuplicateChoice.OPEN_EXISTING)
        )
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Open the existing group"), self)
        self.register_button = QPushButton(
            self.tr("Save anyway") if renaming else self.tr("Register anyway"), self
        )
        self.back_button = QPushButton(self.tr("Go back"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.register_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda: self._choose(DuplicateChoice.OPEN_EXISTING))
        self.register_button.clicked.connect(lambda: self._choose(DuplicateChoice.REGISTER_ANYWAY))
        self.back_button.clicked.connect(self.reject)
        self.open_button.setDefault(not renaming)
        self.open_button.setVisible(not renaming)
        self.back_button.setDefault(renaming)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def selected_id(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _choose(self, choice: DuplicateChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, similar: Sequence[SimilarGroup], *, renaming: bool = False
    ) -> tuple[DuplicateChoice, uuid.UUID | None]:
        """What the officer chose, and the group to open when that is the choice."""
        dialog = cls(similar, parent, renaming=renaming)
        try:
            dialog.exec()
            return dialog.choice, dialog.selected_id()
        finally:
            dialog.deleteLater()
