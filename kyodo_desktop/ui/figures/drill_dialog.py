"""The records behind a figure (集計の内訳): the applications or consultations it counts.

Opened from a click on a figure; it does not block, so the officer can keep the 集計 screen
and several lists beside each other. Enter or a double click on a row opens the record's
page as the 申請 and 相談記録 screens do; a record saved there is listed again.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules.vocabulary import Channel, StepKind
from kyodo_desktop.services import browse
from kyodo_desktop.services.figures.year import Drill
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.store.listings import ApplicationRow, ConsultationRow
from kyodo_desktop.ui.formatting import fiscal, label, programme_label, wareki, yen
from kyodo_desktop.ui.widgets.lazy_model import Column, LazyTableModel
from kyodo_desktop.ui.widgets.list_screen import make_table
from kyodo_desktop.ui.widgets.refusal_box import open_or_tell, tell_refusal

APPLICATION_WIDTHS = (80, 190, 170, 170, 80, 100, 100)
CONSULTATION_WIDTHS = (90, 130, 60, 180, 180, 90)


class DrillDialog(QDialog):
    """One drill's records, newest first, with how many there are."""

    shown: ClassVar[dict[Drill, DrillDialog]] = {}  # one window per figure, raised again

    def __init__(self, workspace: Workspace, drill: Drill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self._workspace = workspace
        self.drill = drill
        self.setWindowTitle(drill.title)
        if drill.applications is not None:
            source = browse.applications(workspace.database, workspace.actor, drill.applications)
            columns = self._application_columns()
            widths = APPLICATION_WIDTHS
        else:
            source = browse.consultations(workspace.database, workspace.actor, drill.consultations)
            columns = self._consultation_columns()
            widths = CONSULTATION_WIDTHS
        self.model = LazyTableModel(source, columns, parent=self)
        self.heading = QLabel(drill.title, self)
        self.heading.setObjectName("screenTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.table = make_table(self.model, self)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open_row)  # Enter or a double click
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter on a row opens it; it must not close the list
            button.setDefault(False)
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentIndex()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.model.modelReset.connect(self._show_count)
        self._show_count()
        self.resize(960, 520)

    @classmethod
    def open_for(cls, workspace: Workspace, drill: Drill, parent: QWidget) -> DrillDialog | None:
        """The drill's window, shown beside the screen; None once a refusal has been told."""
        dialog = cls.shown.get(drill)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reload()
        else:
            dialog = open_or_tell(
                lambda error: tell_refusal(parent, error), lambda: cls(workspace, drill, parent)
            )
            if dialog is None:
                return None
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            cls.shown[drill] = dialog
            dialog.destroyed.connect(lambda: cls.shown.pop(drill, None))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.table.setFocus()
        if dialog.model.rowCount() and not dialog.table.currentIndex().isValid():
            dialog.table.setCurrentIndex(dialog.model.index(0, 0))
        return dialog

    def count(self) -> int:
        return self.model.rowCount()

    def reload(self) -> None:
        """Count and list again: a record was changed on its page."""
        self.model.reload()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n record(s)", "", self.model.rowCount()))

    # Columns ------------------------------------------------------------------------

    def _application_columns(self) -> list[Column]:
        return [
            Column(self.tr("Fiscal year"), lambda r: fiscal(r.fiscal_year)),
            Column(
                self.tr("Programme"),
                lambda r: programme_label(r.programme_number, r.programme_name),
            ),
            Column(self.tr("Group"), lambda r: r.group_name),
            Column(self.tr("Project"), lambda r: r.project_title),
            Column(self.tr("Step"), lambda r: label(StepKind, r.status)),
            Column(self.tr("Decided"), lambda r: yen(r.amount_decided), align_right=True),
            Column(self.tr("Paid"), lambda r: yen(r.amount_paid), align_right=True),
        ]

    def _consultation_columns(self) -> list[Column]:
        anonymous = self.tr("Anonymous")

        def who(row: ConsultationRow) -> str:
            return row.group_name or row.person_name or anonymous

        return [
            Column(self.tr("Date"), lambda r: wareki(r.occurred_on)),
            Column(self.tr("Office"), lambda r: r.office_name),
            Column(self.tr("Channel"), lambda r: label(Channel, r.channel)),
            Column(self.tr("Who asked"), who),
            Column(self.tr("Topics"), lambda r: r.topics),
            Column(self.tr("Officer"), lambda r: r.staff_name),
            Column(self.tr("What was asked"), lambda r: r.asked, tooltip=lambda r: r.asked),
        ]

    # Opening a record ---------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if isinstance(row, ApplicationRow):
            self.open_application(row.id)
        elif isinstance(row, ConsultationRow):
            self.open_consultation(row.id)

    def open_application(self, application_id: uuid.UUID) -> QWidget | None:
        from kyodo_desktop.ui.applications import screen as applications

        page = open_or_tell(
            self._tell,
            lambda: applications.show_application(self._workspace, self._opener(), application_id),
        )
        if page is not None:  # a step recorded there moves the record in or out of this list
            page.updated.connect(self.reload)
        return page

    def open_consultation(self, consultation_id: uuid.UUID) -> QWidget | None:
        from kyodo_desktop.ui.consultations.form import ConsultationForm

        form = open_or_tell(
            self._tell,
            lambda: ConsultationForm.open_existing(
                self._workspace, consultation_id, self._opener()
            ),
        )
        if form is not None:
            form.saved.connect(self.reload)
        return form

    def _opener(self) -> QWidget:
        # The page belongs to the screen, not to this list: closing the list keeps it open.
        return self.parentWidget() or self

    def _tell(self, error: Exception) -> bool:
        told = tell_refusal(self, error)
        if told:
            self.reload()  # the record may be gone
        return told
