"""The item model of one figure table (集計表): labels, figures as the ward writes them, a total.

A thin adapter over the service's plain `FigureTable`: the screen swaps the table when the
年度 or the office changes, and the chart beside it redraws from the same model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from kyodo_desktop.services.figures.year import YEN, Drill, FigureLine, FigureTable

Index = QModelIndex | QPersistentModelIndex

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def figure_text(value: int, unit: str) -> str:
    """``1,234円`` for an amount; a count (件, 団体) plainly, ``1,234``: its unit is the column's."""
    return f"{value:,}{YEN}" if unit == YEN else f"{value:,}"


class FigureTableModel(QAbstractTableModel):
    """Column 0 is the line's label; column 1.. the figures; the total, if any, last and bold."""

    def __init__(self, table: FigureTable | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._bold = QFont()
        self._bold.setBold(True)

    # Ours ---------------------------------------------------------------------------

    @property
    def table(self) -> FigureTable | None:
        return self._table

    def set_table(self, table: FigureTable | None) -> None:
        """Show another table (another 年度 or office); the views and the chart follow."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def lines(self) -> tuple[FigureLine, ...]:
        """The table's rows as shown: its lines, then its total."""
        if self._table is None:
            return ()
        total = () if self._table.total is None else (self._table.total,)
        return (*self._table.lines, *total)

    def is_total(self, row: int) -> bool:
        return (
            self._table is not None
            and self._table.total is not None
            and row == len(self._table.lines)
        )

    def value_at(self, index: Index) -> int | None:
        """The figure in a cell; None for a label or outside the table."""
        line = self._line(index)
        if line is None or index.column() == 0:
            return None
        return line.values[index.column() - 1]

    def drill_at(self, index: Index) -> Drill | None:
        """The records behind the figure in a cell, if the service names them."""
        line = self._line(index)
        if line is None or index.column() == 0:
            return None
        return line.drills[index.column() - 1]

    def _line(self, index: Index) -> FigureLine | None:
        if not index.isValid() or index.parent().isValid():
            return None
        lines = self.lines()
        if not 0 <= index.row() < len(lines) or not 0 <= index.column() < self.columnCount():
            return None
        return lines[index.row()]

    # Qt's interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return 1 + len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self._line(index)
        if line is None or self._table is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.label
            return figure_text(line.values[column - 1], self._table.units[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column == 0 else RIGHT
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row()):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            drill = line.drills[column - 1]
            if drill is not None and line.values[column - 1]:
                return drill.title + "\n" + self.tr("Click to list the records behind this figure")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.row_heading if section == 0 else self._table.columns[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self.tr("Unit: %1").replace("%1", self._table.units[section - 1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._line(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
