"""①の年度一括申請: the head office files ① for every active 町会・自治会 of a 年度.

The dialog shows the round's preview (services/applications/rounds.py `preview_round`: the count, the
total, the groups without a household count) for the 年度 chosen, and opens the
applications once the officer confirms. What happened is then shown in the same place.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import fiscal_year
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.applications.rounds import (
    ROUND_PROGRAMME,
    RoundResult,
    open_round,
    preview_round,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.formatting import fiscal, yen
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.refusal_box import message_label, say_refusal


def fill(text: str, *values: str) -> str:
    """``text`` with %1, %2, ... replaced at once (a name with "%2" in it stays as typed)."""
    return re.sub(r"%(\d)", lambda found: values[int(found.group(1)) - 1], text)


class RoundQuestion:
    """Asked before the round files its applications (they cannot be taken back at once)."""

    @classmethod
    def ask(cls, parent: QWidget, round_name: str, count: int, total: str) -> bool:
        return confirm(
            parent,
            QCoreApplication.translate("RoundQuestion", "Yearly round of ① applications"),
            fill(
                QCoreApplication.translate(
                    "RoundQuestion", "Open %1 applications for %2, %3 in all?"
                ),
                f"{count:,}",
                round_name,
                total,
            ),
        )


class RoundDialog(QDialog):
    """Choose the 年度, see what the round would open, open it."""

    opened = Signal(object)  # the RoundResult, once the applications are saved

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        # The actor is read at each call: if someone else signs in at the idle lock, the
        # round acts as them (and is refused if they may not open it).
        self._workspace = workspace
        self.result: RoundResult | None = None
        self.setWindowTitle(self.tr("Yearly round of ① applications"))
        self.setMinimumSize(560, 520)

        current = fiscal_year(today or date.today())
        self.year = QComboBox(self)
        for fy in (current + 1, current, current - 1):
            self.year.addItem(fiscal(fy), fy)
        self.year.setCurrentIndex(1)
        explanation = QLabel(
            self.tr(
                "Files ① for every active neighbourhood association, the amount from the "
                "households on record, at the office in charge of it."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("screenTitle")
        self.message = message_label(self)
        self.lacking_label = QLabel(self)
        self.lacking = QListWidget(self)
        self.left_out_label = QLabel(self)
        self.left_out = QListWidget(self)
        self.open_button = QPushButton(self.tr("Open the applications"), self)
        self.open_button.clicked.connect(self.open_applications)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Fiscal year"), self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.lacking_label)
        layout.addWidget(self.lacking, 1)
        layout.addWidget(self.left_out_label)
        layout.addWidget(self.left_out, 1)
        layout.addWidget(buttons)
        self.year.currentIndexChanged.connect(self.load_preview)
        self.load_preview()

    @property
    def _actor(self) -> Actor:
        assert self._workspace.actor is not None
        return self._workspace.actor

    @property
    def fiscal_year(self) -> int:
        return int(self.year.currentData())

    def load_preview(self) -> bool:
        """What the round would open for the 年度 chosen (read again each time it is chosen)."""
        try:
            preview = preview_round(
                self._workspace.database, self._actor, ROUND_PROGRAMME, self.fiscal_year
            )
        except Exception as error:  # a refusal or a fault of the disk is shown; a bug is not
            if not self._refused(error):
                raise
            return False
        self._show(preview)
        return True

    def open_applications(self) -> None:
        """The officer confirms; the round opens; the dialog shows what it did."""
        # Read again first: the question must give the count and total the round will use,
        # not those of when the dialog opened (households or applications may have changed).
        if not self.load_preview():
            return
        preview = self.result
        if preview is None or preview.saved or preview.count == 0:
            return
        name = f"{fiscal(preview.fiscal_year)} {preview.programme_name}"
        if not RoundQuestion.ask(self, name, preview.count, yen(preview.total)):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = open_round(
                self._workspace.database, self._actor, ROUND_PROGRAMME, self.fiscal_year
            )
        except Exception as error:
            if not self._refused(error):
                raise
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show(result)
        self.opened.emit(result)

    def _refused(self, error: Exception) -> bool:
        """Say why; the button stays, so that a locked database can be tried again."""
        if not say_refusal(self.message, error):
            return False
        self.open_button.setEnabled(True)
        return True

    def _show(self, result: RoundResult) -> None:
        self.result = result
        self.message.hide()
        text = (
            self.tr("Opened: %1 applications, %2 in all")
            if result.saved
            else self.tr("To open: %1 applications, %2 in all")
        )
        self.summary.setText(fill(text, f"{result.count:,}", yen(result.total)))
        self.lacking_label.setText(
            fill(self.tr("No household count on record (%1)"), f"{len(result.lacking):,}")
        )
        self.lacking.clear()
        for entry in result.lacking:
            self.lacking.addItem(fill(self.tr("%1 (%2)"), entry.name, entry.office_name))
        left_out = len(result.skipped) + len(result.refused)
        self.left_out_label.setText(fill(self.tr("Left out (%1)"), f"{left_out:,}"))
        self.left_out.clear()
        for entry in result.skipped:
            status = entry.status.label if entry.status else ""
            self.left_out.addItem(
                fill(
                    self.tr("%1 (%2): already applied, %3"),
                    entry.name,
                    entry.office_name,
                    status,
                )
            )
        for entry in result.refused:
            self.left_out.addItem(
                fill(
                    self.tr("%1 (%2): refused by the rules: %3"),
                    entry.name,
                    entry.office_name,
                    "。".join(entry.reasons),
                )
            )
        self.open_button.setEnabled(not result.saved and result.count > 0)
