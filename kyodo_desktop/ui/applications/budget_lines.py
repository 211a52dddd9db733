"""The lines of a 収支予算書 / 収支決算書 as an editable table: 収入/支出, 科目, 金額, 摘要.

A thin adapter over a plain list (napari's way): the dialog reads the drafts back; an
amount that cannot be read stays as typed, counts for nothing in the totals, and is
refused by name when saving.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kyodo_desktop.rules import RulesValidationError, parse_yen
from kyodo_desktop.services.applications.drafts import BudgetLineDraft
from kyodo_desktop.services.errors import InputError

Index = QModelIndex | QPersistentModelIndex
SIDE, ITEM, AMOUNT, NOTE = range(4)
INCOME, EXPENSE = "income", "expense"


def side_label(side: str) -> str:
    return (
        QCoreApplication.translate("BudgetDialog", "Income")
        if side == INCOME
        else QCoreApplication.translate("BudgetDialog", "Expense")
    )


def read_amount(text: str) -> int | None:
    """The yen typed, or None while it cannot be read."""
    try:
        return parse_yen(text)
    except RulesValidationError:
        return None


class BudgetLinesModel(QAbstractTableModel):
    """Rows of [side, item, amount as typed, note]."""

    def __init__(self, lines: list[list[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.lines = [list(line) for line in lines]
        self._headers = [
            QCoreApplication.translate("BudgetDialog", "Side"),
            QCoreApplication.translate("BudgetDialog", "Item"),
            QCoreApplication.translate("BudgetDialog", "Amount"),
            QCoreApplication.translate("BudgetDialog", "Note"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < 4 else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.lines[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return side_label(value) if index.column() == SIDE else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        if index.column() == SIDE and text not in (INCOME, EXPENSE):
            return False
        if index.column() == AMOUNT:
            amount = read_amount(text)
            text = text.strip() if amount is None else f"{amount:,}"
        self.lines[index.row()][index.column()] = text
        self.dataChanged.emit(index, index)
        return True

    def add_line(self, side: str) -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append([side, "", "", ""])
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()

    def total(self, side: str) -> int:
        return sum(read_amount(line[AMOUNT]) or 0 for line in self.lines if line[SIDE] == side)

    def drafts(self) -> tuple[BudgetLineDraft, ...]:
        """The lines filled in (an empty row is left out); `InputError` for an amount."""
        found = []
        for number, (side, item, amount, note) in enumerate(self.lines, start=1):
            if not (item.strip() or amount.strip() or note.strip()):
                continue
            try:
                value = parse_yen(
                    amount,
                    label=QCoreApplication.translate(
                        "BudgetDialog", "The amount of line %1"
                    ).replace("%1", str(number)),
                )
            except RulesValidationError as error:
                raise InputError(str(error), field="lines") from error
            found.append(BudgetLineDraft(side, item, value, note))
        return tuple(found)


class SideDelegate(QStyledItemDelegate):
    """収入 or 支出, chosen from a list rather than typed."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        for side in (INCOME, EXPENSE):
            box.addItem(side_label(side), side)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
