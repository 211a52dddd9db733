"""Fields of the application forms: a group found by typing, ⑤'s months, a figure typed."""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kyodo_desktop.rules import (
    RulesValidationError,
    fiscal_year_range,
    format_wareki_month,
    parse_yen,
)
from kyodo_desktop.services import browse
from kyodo_desktop.services.applications.drafts import MonthDraft
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.store.filters import GroupFilter
from kyodo_desktop.ui.widgets.fields import PreeditLineEdit

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace

MATCHES = 20  # rows in the popup: enough to pick from, never the whole registry
ID_ROLE = Qt.ItemDataRole.UserRole
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


class GroupPicker(PreeditLineEdit):
    """A group chosen from the first matches of what is typed (name or reading)."""

    chosen = Signal(object)  # the group's id, or None once the text no longer names it

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.group_id: uuid.UUID | None = None
        self.setPlaceholderText(
            QCoreApplication.translate("ApplicationForm", "Part of the group's name or reading")
        )
        self.matches = QStandardItemModel(self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.setMaxVisibleItems(MATCHES)
        self.textEdited.connect(self._find)
        self.completer_.activated[QModelIndex].connect(self._choose)

    def _find(self, text: str) -> None:
        if self.group_id is not None:
            self.group_id = None
            self.chosen.emit(None)
        self.matches.clear()
        rows = []
        if text.strip():
            rows = browse.groups(
                self._workspace.database, self._workspace.actor, GroupFilter(text=text)
            ).page(0, MATCHES)
        for row in rows:
            item = QStandardItem(f"{row.name}（{row.name_kana}）　{row.office_name}")
            item.setData(row.id, ID_ROLE)
            item.setData(row.name, LABEL_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if rows:
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _choose(self, index: QModelIndex) -> None:
        group_id = index.data(ID_ROLE)
        if group_id is not None:
            self.choose(group_id, index.data(LABEL_ROLE))

    def choose(self, group_id: uuid.UUID, name: str) -> None:
        self.setText(name)
        self.group_id = group_id
        self.chosen.emit(group_id)


class MonthsTable(QTableWidget):
    """⑤ the twelve months of a 年度: days the desk opened and the month's 会場費."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(12, 2, parent)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ApplicationForm", "Days opened"),
                QCoreApplication.translate("ApplicationForm", "Venue cost"),
            ]
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Tab goes on to the next field, not through 24 cells; the arrows reach the cells.
        self.setTabKeyNavigation(False)
        self._months: list[tuple[int, int]] = []

    def set_fiscal_year(self, fy: int) -> None:
        start, _ = fiscal_year_range(fy)
        self._months = [
            (start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1)
            for n in range(12)
        ]
        for row, (year, month) in enumerate(self._months):
            self.setVerticalHeaderItem(row, QTableWidgetItem(format_wareki_month(year, month)))

    def set_months(self, months: object) -> None:
        """Fill from views or drafts with year, month, days_opened and venue_cost."""
        self.clearContents()
        for month in months:  # type: ignore[attr-defined]
            if (month.year, month.month) in self._months:
                row = self._months.index((month.year, month.month))
                self.setItem(row, 0, QTableWidgetItem(str(month.days_opened)))
                self.setItem(row, 1, QTableWidgetItem(f"{month.venue_cost:,}"))

    def snapshot(self) -> list[tuple[str, str]]:
        return [(self._text(row, 0), self._text(row, 1)) for row in range(self.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def months(self) -> tuple[MonthDraft, ...]:
        """The months filled in; `InputError` (field "months") for a figure it cannot read."""
        found = []
        for row, (year, month) in enumerate(self._months):
            days, venue = self._text(row, 0), self._text(row, 1)
            if not days and not venue:
                continue
            name = format_wareki_month(year, month)
            opened = typed_days(days or "0", name)
            try:
                cost = parse_yen(
                    venue or "0",
                    label=QCoreApplication.translate("ApplicationForm", "Venue cost in %1").replace(
                        "%1", name
                    ),
                )
            except RulesValidationError as error:
                raise InputError(str(error), field="months") from error
            found.append(MonthDraft(year, month, opened, cost))
        return tuple(found)


def typed_days(text: str, month_name: str) -> int:
    """Days opened typed as ``12``, ``１２`` or ``12日``; `InputError` with a days example."""
    cleaned = unicodedata.normalize("NFKC", text).strip().removesuffix("日").strip()
    if re.fullmatch(r"\d{1,3}", cleaned, re.ASCII) is None:
        message = QCoreApplication.translate(
            "ApplicationForm", "Days opened in %1: type the number of days, such as 12 (typed: %2)."
        )
        raise InputError(message.replace("%1", month_name).replace("%2", text), field="months")
    return int(cleaned)


def typed_number(edit: QLineEdit, name: str, field: str) -> int | None:
    """The yen or count typed, None if empty; `InputError` naming the field if unreadable."""
    if not edit.text().strip():
        return None
    try:
        return parse_yen(edit.text(), label=name)
    except RulesValidationError as error:
        raise InputError(str(error), field=field) from error
