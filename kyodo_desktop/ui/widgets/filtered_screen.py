"""A list screen narrowed by a search box and filter boxes above it, with a "New ..." button.

The search waits a moment after typing; Enter searches at once, Ctrl+F goes to the box; a
filter box changed re-points the table; Enter or a double click on a row opens its record.
Each screen keeps its own columns, filters and texts (its `self.tr` context).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.list_screen import ListScreen
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal

SEARCH_DELAY_MS = 250  # long enough to type a word, short enough to feel instant

Wanted = TypeVar("Wanted")


class Browser(Protocol):
    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> list: ...


class Filtered(Generic[Wanted]):
    """The records the filters keep, as a paged source the table can be pointed at again."""

    def __init__(self, browse: Callable[[Wanted], Browser], wanted: Wanted) -> None:
        self._browse = browse
        self.narrow(wanted)

    def narrow(self, wanted: Wanted) -> None:
        self.wanted = wanted
        self._browser = self._browse(wanted)

    def count(self) -> int:
        return self._browser.count()

    def page(self, offset: int, limit: int) -> list:
        return self._browser.page(offset, limit)


class FilteredListScreen(ListScreen):
    """The wiring shared by the filtered lists; a subclass says what to filter and open."""

    find_shortcut = True  # Ctrl+F puts the cursor in the search box
    enter_selects_first = True  # Enter in the search box moves to the first row found

    def __init__(self, key: str, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._workspace = workspace

    def search_box(self, name: str, placeholder: str) -> QLineEdit:
        """The search box; made before the filter boxes, so that Tab goes through them in order."""
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName(name)
        self.search_edit.setPlaceholderText(placeholder)
        self.search_edit.setClearButtonEnabled(True)
        return self.search_edit

    def new_record_button(self, text: str) -> QPushButton:
        self.new_button = QPushButton(text, self)
        self.new_button.setEnabled(allows(self._workspace.actor, Permission.WRITE))
        return self.new_button

    def place_filters(
        self, records: Filtered, bar: Sequence[tuple[QWidget, int]], boxes: Sequence[QComboBox]
    ) -> None:
        """Lay ``bar`` (widget, stretch) above the table and wire the search and ``boxes``."""
        self.records = records
        layout = QHBoxLayout()
        for widget, stretch in bar:
            layout.addWidget(widget, stretch)
        self.layout().insertLayout(1, layout)

        # Typing waits a moment before searching, so a word is not searched letter by letter.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self._search_now)
        for box in boxes:
            box.currentIndexChanged.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_record)
        if self.find_shortcut:
            QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.table.activated.connect(self._open_row)  # Enter or a double click on a row

    # What each screen says itself (abstract: the three screens define all three).

    def wanted(self) -> object:
        """The filter dataclass the search and the boxes say now."""
        raise NotImplementedError(f"{type(self).__name__} must say what its filters want")

    def open_record(self, record_id: uuid.UUID) -> None:
        """Open the page of the record on ``record_id``'s row."""
        raise NotImplementedError(f"{type(self).__name__} must say how a record opens")

    def new_record(self) -> None:
        """Register a new record (the "New ..." button)."""
        raise NotImplementedError(f"{type(self).__name__} must say how a record is made")

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.records.narrow(self.wanted())
        self.model.reload()

    def _search_now(self) -> None:
        self.apply_filters()
        if self.enter_selects_first and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _tell(self, error: Exception) -> bool:
        """Why a record could not be opened, in a box; False for a bug."""
        return tell_refusal(self, error)

    def _open_row(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_record(row.id)
