"""A screen that shows one list of records: a title, a count and a lazy table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel, PagedSource

Row = TypeVar("Row")


class ListSource(Generic[Row]):
    """A small list already in memory, served like a paged source.

    A page's timeline or steps are read whole (tens of lines, a few thousand at most):
    the page replaces `rows` and reloads its model.
    """

    def __init__(self, rows: Sequence[Row] = ()) -> None:
        self.rows: list[Row] = list(rows)

    def count(self) -> int:
        return len(self.rows)

    def page(self, offset: int, limit: int) -> Sequence[Row]:
        return self.rows[offset : offset + limit]


def make_table(model: LazyTableModel, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionsMovable(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class ListScreen(QWidget):
    """One read-only list of records with its heading and how many there are."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(key)
        self.key = key

    def setup(
        self,
        title: str,
        source: PagedSource,
        columns: Sequence[Column],
        widths: Sequence[int] = (),
    ) -> None:
        """Build the screen; subclasses call this once they can translate their texts."""
        self.model = LazyTableModel(source, columns, parent=self)
        self.title = QLabel(title, self)
        self.title.setObjectName("screenTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.table = make_table(self.model, self)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self._show_count()
        self.model.modelReset.connect(self._show_count)

    def _show_count(self) -> None:
        # An explicit context: self.tr() would look under each subclass's name.
        count = self.model.rowCount()
        self.count_label.setText(
            QCoreApplication.translate("ListScreen", "%n record(s)", "", count)
        )

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(f"screens/{self.key}/header", self.table.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value(f"screens/{self.key}/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
