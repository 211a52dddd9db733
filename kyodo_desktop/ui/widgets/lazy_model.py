"""A table model that holds only the pages of rows that have been looked at."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class PagedSource(Protocol):
    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Column:
    """One column: its header, how to show a row's value, and where to align it."""

    header: str
    display: Callable[[Any], str]
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


class LazyTableModel(QAbstractTableModel):
    """Rows come from the source a page at a time, as they scroll into view.

    Only the row count is known up front; at most ``max_pages`` pages stay in memory,
    so a list of a million consultations costs what one screenful costs.
    """

    def __init__(
        self,
        source: PagedSource,
        columns: Sequence[Column],
        *,
        page_size: int = 200,
        max_pages: int = 50,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = list(columns)
        self._page_size = page_size
        self._max_pages = max_pages
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()
        self._count = source.count()

    # Qt's interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row_at(index.row())
            return None if row is None else column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            row = self.row_at(index.row())
            return None if row is None else column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return str(section + 1)

    # Ours ---------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        """The record shown on a row, loading its page if it is not in memory."""
        if not 0 <= row < self._count:
            return None
        number, within = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._source.page(number * self._page_size, self._page_size)
            self._pages[number] = page
            while len(self._pages) > self._max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else None

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    def reload(self) -> None:
        """Forget what was loaded and count again (after the records changed)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._source.count()
        self.endResetModel()
