"""受けられる支援: on a group's page, what the group could still receive in a chosen 年度."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from kyodo_desktop.rules import programmes
from kyodo_desktop.services.applications.entitlements import (
    Entitlement,
    Entitlements,
    this_fiscal_year,
    what_group_could_receive,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import fiscal, programme_label, yen
from kyodo_desktop.ui.widgets.list_screen import make_table
from kyodo_desktop.ui.widgets.refusal_box import message_label, say_refusal

Index = QModelIndex | QPersistentModelIndex
PROJECT = 2  # the column that names the project


def _reasons(row: Entitlement) -> str:
    return "。".join(row.messages) + ("。" if row.messages else "")


def why_text(row: Entitlement) -> str:
    """The row named, then every reason in full (the table's last column is cut off)."""
    named = programme_label(row.programme_number, row.programme_name)
    parts = [part for part in (row.division_name, _project(row)) if part]
    heading = f"{named}（{'・'.join(parts)}）" if parts else named
    return "\n".join([heading] + [f"・{message}" for message in row.messages])


def _project(row: Entitlement) -> str:
    return (
        QCoreApplication.translate("EntitlementModel", "New project")
        if row.is_new_project
        else row.project_title or ""
    )


def _eligible(row: Entitlement) -> str:
    return (
        QCoreApplication.translate("EntitlementModel", "Yes")
        if row.eligible
        else QCoreApplication.translate("EntitlementModel", "No")
    )


def _times_left(row: Entitlement) -> str:
    if row.awards_left is not None:
        return str(row.awards_left)
    # No count for a programme closed that 年度 or a kind it does not take.
    return QCoreApplication.translate("EntitlementModel", "No limit") if row.eligible else "—"


def _most(row: Entitlement) -> str:
    if not row.eligible:
        return "—"
    if row.max_grantable is None:
        return QCoreApplication.translate("EntitlementModel", "Depends on the application")
    return yen(row.max_grantable)


def _columns() -> list[tuple[str, Callable[[Entitlement], str], bool]]:
    """(header, what a row shows, aligned right)."""
    return [
        (
            QCoreApplication.translate("EntitlementModel", "Programme"),
            lambda r: programme_label(r.programme_number, r.programme_name),
            False,
        ),
        (
            QCoreApplication.translate("EntitlementModel", "Division"),
            lambda r: r.division_name or "",
            False,
        ),
        (QCoreApplication.translate("EntitlementModel", "Project"), _project, False),
        (QCoreApplication.translate("EntitlementModel", "Eligible"), _eligible, False),
        (QCoreApplication.translate("EntitlementModel", "Times left"), _times_left, True),
        (QCoreApplication.translate("EntitlementModel", "Most grantable"), _most, True),
        (QCoreApplication.translate("EntitlementModel", "Why"), _reasons, False),
    ]


class EntitlementModel(QAbstractTableModel):
    """The rows of `Entitlements`, held whole: at most a few dozen per group."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = _columns()
        self._rows: list[Entitlement] = []

    def set_rows(self, rows: Sequence[Entitlement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Entitlement:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        _, show, right = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.most_left and index.column() == PROJECT:
            # The group's project with the most left stands out among its projects.
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, row: Entitlement, column: int) -> str | None:
        if column == PROJECT and row.most_left:
            return QCoreApplication.translate(
                "EntitlementModel", "Of the group's projects, the one with the most left"
            )
        if column == len(self._columns) - 1:
            return "\n".join(row.messages)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return str(section + 1)


class EntitlementPanel(QWidget):
    """A 年度 selector over the table of what the group could still receive."""

    def __init__(
        self,
        workspace: Workspace,
        group_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.group_id = group_id
        self.found: Entitlements | None = None
        current = this_fiscal_year(today)
        self.year = QComboBox(self)
        first = min(p.since_fy for p in programmes())
        for fy in range(current + 1, first - 1, -1):  # newest first: next 年度 is planned now
            self.year.addItem(fiscal(fy), fy)
        self.year.setCurrentIndex(self.year.findData(current))
        self.year.currentIndexChanged.connect(self.reload)
        caption = QLabel(self.tr("Fiscal year"), self)
        caption.setBuddy(self.year)
        self.message = message_label(self)
        self.model = EntitlementModel(self)
        self.table: QTableView = make_table(self.model, self)  # type: ignore[arg-type]
        for column, width in enumerate((190, 150, 160, 60, 70, 110)):
            self.table.setColumnWidth(column, width)
        # The chosen row's reasons in full, under the table: the arrow keys reach them,
        # where the cut-off cell's tooltip needs the mouse.
        self.why = QLabel(self)
        self.why.setObjectName("entitlementWhy")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.table.selectionModel().currentRowChanged.connect(self._show_why)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.why)

    @property
    def fiscal_year(self) -> int:
        return int(self.year.currentData())

    def set_fiscal_year(self, fy: int) -> None:
        """Choose a 年度 as the officer would in the selector (the table follows)."""
        self.year.setCurrentIndex(self.year.findData(fy))

    def reload(self) -> None:
        """Ask again for the chosen 年度 (the group or its awards may have changed)."""
        try:
            self.found = what_group_could_receive(
                self._workspace.database, self._workspace.actor, self.group_id, self.fiscal_year
            )
        except Exception as error:
            if not say_refusal(self.message, error):
                raise  # a bug
            self.found = None
            self.model.set_rows(())
            return
        self.message.hide()
        self.model.set_rows(self.found.rows)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))  # its reasons shown at once
        else:
            self.why.clear()

    def _show_why(self, current: QModelIndex) -> None:
        valid = current.isValid() and 0 <= current.row() < self.model.rowCount()
        self.why.setText(why_text(self.model.row_at(current.row())) if valid else "")
