"""Who asked (相談者): a group found by typing, a person, a new person, or anonymous."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations import askers
from kyodo_desktop.store.filters import GroupFilter
from kyodo_desktop.ui.widgets.fields import FieldError, PreeditLineEdit

if TYPE_CHECKING:
    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.services.workspace import Workspace

GROUP, PERSON, ANONYMOUS = "group", "person", "anonymous"
MATCHES = 20  # rows in the popup: enough to pick from, never the whole registry
ID_ROLE = Qt.ItemDataRole.UserRole
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


def register_person(workspace: Workspace, parent: QWidget) -> uuid.UUID | None:
    """Register a new person (ui/consultations/person_dialog.py); the new person's id, or None."""
    from kyodo_desktop.ui.consultations.person_dialog import PersonDialog  # built beside this form

    return PersonDialog.ask(workspace, parent)


class AskerField(QWidget):
    """Group, person or anonymous; a group or person is found by typing part of the name."""

    changed = Signal()

    def __init__(self, workspace: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._actor = actor
        self.group_id: uuid.UUID | None = None
        self.person_id: uuid.UUID | None = None
        self.kind = QComboBox(self)
        self.kind.addItem(QCoreApplication.translate("ConsultationForm", "Group"), GROUP)
        self.kind.addItem(QCoreApplication.translate("ConsultationForm", "Person"), PERSON)
        self.kind.addItem(QCoreApplication.translate("ConsultationForm", "Anonymous"), ANONYMOUS)
        self.search = PreeditLineEdit(self)
        self.new_person = QPushButton(
            QCoreApplication.translate("ConsultationForm", "New person..."), self
        )
        self.new_person.setAutoDefault(False)
        self.chosen = QLabel(self)
        self.chosen.setObjectName("chosenAsker")
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.search)
        self.completer.setMaxVisibleItems(MATCHES)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.search, 0, 1)
        grid.addWidget(self.new_person, 0, 2)
        grid.addWidget(self.chosen, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.setTabOrder(self.kind, self.search)
        self.setTabOrder(self.search, self.new_person)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.search.textEdited.connect(self._find)
        self.completer.activated[QModelIndex].connect(self._choose)
        self.new_person.clicked.connect(self._register)
        self._kind_changed()

    # What the officer does ---------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.search.setEnabled(kind != ANONYMOUS)
        self.new_person.setEnabled(kind == PERSON)
        self.search.setPlaceholderText(
            QCoreApplication.translate("ConsultationForm", "Part of the group's name or reading")
            if kind == GROUP
            else QCoreApplication.translate(
                "ConsultationForm", "Part of the person's name or reading"
            )
            if kind == PERSON
            else ""
        )
        self._set_choice(None, "")
        self.search.clear()
        self.changed.emit()

    def _find(self, text: str) -> None:
        """Show the first matches of what is typed (the store folds width and kana)."""
        if self.group_id or self.person_id:
            self._set_choice(None, "")
        self.matches.clear()
        found = self._lookup(text) if text.strip() else []
        for item_id, label, shown in found:
            item = QStandardItem(shown)
            item.setData(item_id, ID_ROLE)
            item.setData(label, LABEL_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if found:
            self.completer.complete()
        else:
            self.completer.popup().hide()
        self.changed.emit()

    def _lookup(self, text: str) -> list[tuple[uuid.UUID, str, str]]:
        if self.current_kind() == GROUP:
            rows = browse.groups(
                self._workspace.database, self._actor, GroupFilter(text=text)
            ).page(0, MATCHES)
            return [
                (row.id, row.name, f"{row.name}（{row.name_kana}）　{row.office_name}")
                for row in rows
            ]
        persons = askers.find_persons(self._workspace.database, self._actor, text, limit=MATCHES)
        return [(row.id, row.name, f"{row.name}（{row.name_kana}）") for row in persons]

    def _choose(self, index: QModelIndex) -> None:
        item_id = index.data(ID_ROLE)
        label = index.data(LABEL_ROLE)
        if item_id is None:
            return
        self._set_choice(item_id, label)
        self.search.setText(label)
        self.changed.emit()

    def _register(self) -> None:
        person_id = register_person(self._workspace, self)
        if person_id is None:
            return
        found = askers.person_match(self._workspace.database, self._actor, person_id)
        label = found.name if found else ""
        self._set_choice(person_id, label)
        self.search.setText(label)
        self.changed.emit()
        self.search.setFocus()

    def _set_choice(self, item_id: uuid.UUID | None, label: str) -> None:
        kind = self.current_kind()
        self.group_id = item_id if kind == GROUP else None
        self.person_id = item_id if kind == PERSON else None
        self.chosen.setText(
            QCoreApplication.translate("ConsultationForm", "Chosen: %1").replace("%1", label)
            if item_id
            else ""
        )

    # Reading and filling -------------------------------------------------------------

    def value(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """(group id, person id); FieldError if a group or person is wanted but not chosen."""
        kind = self.current_kind()
        if kind == GROUP and self.group_id is None:
            raise FieldError(
                QCoreApplication.translate(
                    "ConsultationForm",
                    "Choose the group from the list that opens as you type, or choose Anonymous.",
                ),
                self.search,
            )
        if kind == PERSON and self.person_id is None:
            raise FieldError(
                QCoreApplication.translate(
                    "ConsultationForm",
                    "Choose the person from the list that opens as you type, or register a new person.",
                ),
                self.search,
            )
        return self.group_id, self.person_id

    def snapshot(self) -> dict[str, Any]:
        chosen = self.group_id or self.person_id
        return {
            "kind": self.current_kind(),
            "id": str(chosen) if chosen else None,
            "search": self.search.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(state.get("kind", GROUP)), 0))
        chosen = state.get("id")
        search = str(state.get("search") or "")
        if chosen:
            self.choose_saved(
                uuid.UUID(str(chosen)), group=self.current_kind() == GROUP, fallback=search
            )
        self.search.setText(search)

    def choose_saved(self, item_id: uuid.UUID, *, group: bool, fallback: str = "") -> None:
        """Show a group or person already chosen (an edit, a draft restored)."""
        self.kind.setCurrentIndex(self.kind.findData(GROUP if group else PERSON))
        database = self._workspace.database
        found = (
            askers.group_match(database, self._actor, item_id)
            if group
            else askers.person_match(database, self._actor, item_id)
        )
        label = found.name if found is not None else fallback
        self._set_choice(item_id, label)
        self.search.setText(label)

    def set_anonymous(self) -> None:
        self.kind.setCurrentIndex(self.kind.findData(ANONYMOUS))

    def reset(self) -> None:
        self.kind.setCurrentIndex(0)
        self._set_choice(None, "")
        self.search.clear()
