"""The fields the forms are made of: dates typed as the ward writes them, IME-safe text, choices.

Text fields remember a word the IME has not converted yet (the preedit), so that saving
in the middle of a conversion keeps it as typed (`commit_preedit`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from kyodo_desktop.rules import RulesValidationError, format_wareki, parse_date


class FieldError(Exception):
    """What the officer typed in one field cannot be read (a Japanese sentence)."""

    def __init__(self, message: str, widget: QWidget) -> None:
        super().__init__(message)
        self.message = message
        self.widget = widget


def _commit(widget: QLineEdit | QPlainTextEdit, preedit: str) -> None:
    # What an input method does when it commits: the preedit goes in as the text typed.
    event = QInputMethodEvent("", [])
    event.setCommitString(preedit)
    widget.inputMethodEvent(event)


class PreeditLineEdit(QLineEdit):
    """A line edit that knows the half-converted word an IME is showing in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preedit = ""

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.preedit = event.preeditString()
        super().inputMethodEvent(event)

    def commit_preedit(self) -> None:
        if self.preedit:
            preedit, self.preedit = self.preedit, ""
            _commit(self, preedit)


class PreeditTextEdit(QPlainTextEdit):
    """Several lines of text (Tab moves on), knowing the IME's half-converted word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preedit = ""
        self.setTabChangesFocus(True)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.preedit = event.preeditString()
        super().inputMethodEvent(event)

    def commit_preedit(self) -> None:
        if self.preedit:
            preedit, self.preedit = self.preedit, ""
            _commit(self, preedit)


class DateField(QWidget):
    """A date typed as 令和8年4月1日, R8.4.1, 2026-04-01 or 2026/4/1, read back in 和暦."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, required: bool = True) -> None:
        super().__init__(parent)
        self.required = required
        self.edit = PreeditLineEdit(self)
        self.edit.setPlaceholderText("R8.4.1")
        self.reading = QLabel(self)
        self.reading.setObjectName("dateReading")
        self.reading.setMinimumWidth(160)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.reading)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._show_reading)
        self.edit.textChanged.connect(self.changed)

    def set_date(self, day: date | None) -> None:
        self.edit.setText(format_wareki(day) if day else "")

    def text(self) -> str:
        return self.edit.text()

    def _show_reading(self, text: str) -> None:
        if not text.strip():
            self.reading.clear()
            return
        try:
            self.reading.setText(format_wareki(parse_date(text)))
        except RulesValidationError:
            self.reading.setText("?")

    def value(self) -> date | None:
        """The date typed (None: left empty and not required); FieldError if unreadable."""
        text = self.edit.text()
        if not text.strip() and not self.required:
            return None
        try:
            return parse_date(text)
        except RulesValidationError as error:
            raise FieldError(str(error), self.edit) from error


class TopicList(QListWidget):
    """The topics (相談分類) to tick; Space ticks the current one."""

    changed = Signal()

    def __init__(self, topics: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, name in topics:
            item = QListWidgetItem(name, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)
        # Topics flow in columns of equal width, so that all of them show at once at the
        # counter (arrow keys move between them, Space ticks).
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(name) for _code, name in topics), default=80)
        cell = QSize(widest + 48, metrics.height() + 10)
        self.setGridSize(cell)
        for row in range(self.count()):
            self.item(row).setSizeHint(cell)
        rows = -(-len(topics) // 3)  # three columns on a form of the usual width
        self.setMinimumHeight(rows * cell.height() + 2 * self.frameWidth() + 4)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def codes(self) -> list[str]:
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_codes(self, codes: list[str] | tuple[str, ...]) -> None:
        wanted = set(codes)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class ChoiceCombo(QComboBox):
    """A list to choose from by typing part of an entry (any part, not only its start).

    The first entry may be "none"; the value of each entry is kept in its data.
    """

    changed = Signal()

    def __init__(self, choices: list[tuple[str, object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for label, value in choices:
            self.addItem(label, value)
        completer = QCompleter(QStringListModel([label for label, _ in choices], self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line = PreeditLineEdit(self)
        self.setLineEdit(line)
        self.setCompleter(completer)  # setLineEdit drops the completer set before
        self.currentTextChanged.connect(lambda _text: self.changed.emit())

    def commit_preedit(self) -> None:
        line = self.lineEdit()
        if isinstance(line, PreeditLineEdit):
            line.commit_preedit()

    def value(self) -> object:
        """The value of the entry typed or chosen; FieldError if the text is none of them."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            message = QCoreApplication.translate(
                "ConsultationForm", '"%1" is not in the list. Choose one from the list.'
            ).replace("%1", text)
            raise FieldError(message, self.lineEdit())
        return self.itemData(index)

    def set_value(self, value: object) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))
        self.setEditText(self.itemText(max(index, 0)))
