"""ツール → 競合の決定… (head office): the open 競合, decided field by field.

On the left the open conflicts, each named in words (団体「石神井町会」, 本庁・協働推進課 と
事務所02); on the right the chosen one's clashing fields with the last agreed value, 本庁の値
and 事務所の値, and for each field a choice of 本庁の値 or 事務所の値 (none chosen at first:
nothing is decided by default). 決定を保存 writes the choice (services/exchange/conflicts.py)
and says what now stands; the decision travels back to the offices in the next return file.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.exchange.conflicts import (
    ConflictDecision,
    ConflictView,
    decide_conflict,
    list_conflicts,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.refusal_box import message_label, say_refusal

OURS_COLUMN, THEIRS_COLUMN, CHOICE_COLUMN = 2, 3, 4


class ConflictsDialog(QDialog):
    """The 競合 list and, for the one chosen, a choice per field."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(980, 520)
        self._workspace = workspace
        self._views: list[ConflictView] = []
        self._choices: dict[str, QButtonGroup] = {}
        intro = QLabel(
            self.tr(
                "The same field was changed at the head office and at an office before they "
                "last agreed. For each field, choose the value that stands; the decision goes "
                "back to the offices with the next return file."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.heading = QLabel(self)
        self.heading.setObjectName("conflictHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.fields = QTableWidget(0, 5, self)
        self.fields.setObjectName("conflictFields")
        self.fields.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Last agreed"),
                self.tr("Head office value"),
                self.tr("Office value"),
                self.tr("Choice"),
            ]
        )
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().hide()
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.message = message_label(self)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("conflictDone")
        self.done_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save the decision"), self)
        self.save_button.setObjectName("saveDecision")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.fields, 1)
        right.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(right, 5)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.done_label)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.reload()

    def reload(self) -> None:
        try:
            views = list(list_conflicts(self._workspace.database, self._workspace.actor))
        except Exception as error:
            if not say_refusal(self.message, error):
                raise
            views = []
        self._views = views
        self.list.blockSignals(True)
        self.list.clear()
        for view in views:
            item = QListWidgetItem(
                self.tr("%1 (%2, from %3)")
                .replace("%1", view.record)
                .replace("%2", view.table)
                .replace("%3", view.from_office)
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not views:
            self.heading.setText(self.tr("No conflict is waiting for a decision."))
            self._fill(None)
        else:
            self.list.setCurrentRow(0)
            self._show(0)

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self._views[row] if 0 <= row < len(self._views) else None

    def _show(self, row: int) -> None:
        view = self._views[row] if 0 <= row < len(self._views) else None
        self.message.hide()
        if view is not None:
            text = self.tr("%1: changed at %2 and at %3").replace("%1", view.record)
            text = text.replace("%2", view.offices[0]).replace("%3", view.offices[1])
            if view.deletion:
                text += "\n" + self.tr(
                    "One side deleted the record: choose whether the deletion stands or the "
                    "record is kept."
                )
            self.heading.setText(text)
        self._fill(view)

    def _fill(self, view: ConflictView | None) -> None:
        self._choices = {}
        self.fields.setRowCount(0)
        if view is None:
            self.save_button.setEnabled(False)
            return
        self.fields.setRowCount(len(view.fields))
        for row, field in enumerate(view.fields):
            for column, text in enumerate((field.label, field.base, field.ours, field.theirs)):
                self.fields.setItem(row, column, QTableWidgetItem(text))
            cell = QWidget(self.fields)
            ours = QRadioButton(self.tr("Head office value"), cell)
            ours.setObjectName(f"ours-{field.name}")
            theirs = QRadioButton(self.tr("Office value"), cell)
            theirs.setObjectName(f"theirs-{field.name}")
            group = QButtonGroup(cell)
            group.addButton(ours, 0)
            group.addButton(theirs, 1)
            group.buttonToggled.connect(self._update_save)
            line = QHBoxLayout(cell)
            line.setContentsMargins(4, 0, 4, 0)
            line.addWidget(ours)
            line.addWidget(theirs)
            self.fields.setCellWidget(row, CHOICE_COLUMN, cell)
            self._choices[field.name] = group
        self.fields.resizeRowsToContents()
        self._update_save()

    def _update_save(self, *_: object) -> None:
        chosen = bool(self._choices) and all(
            group.checkedId() != -1 for group in self._choices.values()
        )
        self.save_button.setEnabled(chosen)

    def choice_buttons(self, field: str) -> tuple[QRadioButton, QRadioButton]:
        """(本庁の値, 事務所の値) of a field of the conflict shown."""
        group = self._choices[field]
        return group.button(0), group.button(1)  # type: ignore[return-value]

    def save(self) -> None:
        view = self.current()
        if view is None or view.row_version is None:
            return
        theirs = tuple(name for name, group in self._choices.items() if group.checkedId() == 1)
        ours = tuple(name for name, group in self._choices.items() if group.checkedId() == 0)
        try:
            decided = decide_conflict(
                self._workspace.database,
                self._workspace.actor,
                view.id,
                ConflictDecision(theirs=theirs, ours=ours, row_version=view.row_version),
            )
        except Exception as error:
            if not say_refusal(self.message, error):
                raise
            return
        stands = "、".join(
            f"{f.label}: {f.theirs if f.name in theirs else f.ours}" for f in decided.fields
        )
        self.done_label.setText(
            self.tr("Decided for %1. Now: %2").replace("%1", view.record).replace("%2", stands)
        )
        self.reload()
