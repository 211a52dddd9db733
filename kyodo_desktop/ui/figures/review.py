"""集計 → 要確認: awards that break a rule once every office's awards are counted.

Found by each import at the head office (services/exchange/review.py): the programme, the
年度, the group and project, the offices that recorded the awards and the rule's own reason.
The program deletes nothing; the officer acts through the usual screens, then marks the
entry checked with a note (確認済みにする…), which the audit trail keeps.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.exchange.review import (
    ReviewLine,
    ReviewResolution,
    list_reviews,
    resolve_review,
)
from kyodo_desktop.services.permissions import Permission, allows
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.refusal_box import message_label, say_refusal


class ReviewPanel(QWidget):
    """The open 要確認 entries, and 確認済みにする… for the head office."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figures-review")
        self._workspace = workspace
        self._lines: list[ReviewLine] = []
        self.heading = QLabel(self)
        self.heading.setObjectName("reviewHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        note = QLabel(
            self.tr(
                "Awards recorded at different offices that together break a programme's rule, "
                "found when their files were received. Nothing was deleted: check the records, "
                "act in the usual screens, then mark the entry checked with what was done."
            ),
            self,
        )
        note.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("reviewTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Programme"),
                self.tr("Fiscal year"),
                self.tr("Group"),
                self.tr("Offices"),
                self.tr("Reason"),
                self.tr("Records"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.message = message_label(self)
        self.resolve_button = QPushButton(self.tr("Mark checked..."), self)
        self.resolve_button.setObjectName("resolveReview")
        actor = workspace.actor
        self.resolve_button.setVisible(actor is not None and allows(actor, Permission.DECIDE))
        self.resolve_button.clicked.connect(self.resolve_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        try:
            lines = list(list_reviews(self._workspace.database, self._workspace.actor))
        except Exception as error:
            if not say_refusal(self.message, error):
                raise
            lines = []
        self._lines = lines
        self.heading.setText(self.tr("To be checked: %1").replace("%1", str(len(lines))))
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            group = f"{line.group}「{line.project}」" if line.project else line.group
            records = "\n".join(
                f"{r.office} {r.fiscal_year} {r.division} {r.status}" for r in line.records
            )
            for column, text in enumerate(
                (
                    line.programme,
                    line.fiscal_year,
                    group,
                    "・".join(line.offices),
                    line.reason,
                    records,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.resolve_button.setEnabled(bool(lines))

    def ask_note(self) -> str | None:
        """What was done about the entry; None if the officer cancelled (tests replace this)."""
        text, accepted = QInputDialog.getMultiLineText(
            self, self.tr("Mark checked"), self.tr("What was done (kept with the entry):")
        )
        return text if accepted else None

    def resolve_current(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._lines):
            row = 0 if self._lines else -1
        if row < 0:
            return
        note = self.ask_note()
        if note is None:
            return
        try:
            resolve_review(
                self._workspace.database,
                self._workspace.actor,
                self._lines[row].id,
                ReviewResolution(note),
            )
        except Exception as error:
            if not say_refusal(self.message, error):
                raise
            return
        self.message.hide()
        self.reload()
